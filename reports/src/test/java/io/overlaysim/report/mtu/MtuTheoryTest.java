package io.overlaysim.report.mtu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MtuTheoryTest {

    @Test
    void overheadsAreCalicos() {
        assertThat(MtuTheory.overhead(Encapsulation.NONE)).isZero();
        assertThat(MtuTheory.overhead(Encapsulation.IPIP)).isEqualTo(20);
        assertThat(MtuTheory.overhead(Encapsulation.VXLAN)).isEqualTo(50);
    }

    // Calico's MTU table (docs "Configure MTU to maximize network performance").
    @ParameterizedTest
    @CsvSource({"1500, 1480, 1450", "9000, 8980, 8950", "1460, 1440, 1410", "1450, 1430, 1400"})
    void innerMtuMatchesCalicosTable(int underlay, int ipip, int vxlan) {
        assertThat(MtuTheory.maxInnerMtu(underlay, Encapsulation.NONE)).isEqualTo(underlay);
        assertThat(MtuTheory.maxInnerMtu(underlay, Encapsulation.IPIP)).isEqualTo(ipip);
        assertThat(MtuTheory.maxInnerMtu(underlay, Encapsulation.VXLAN)).isEqualTo(vxlan);
    }

    @Test
    void wireBytesOfAFullSizeDatagram() {
        // 1450 inner + 50 VXLAN = 1500 outer; + 14 header = 1514 in a capture;
        // + 8 preamble + 4 FCS + 12 gap = 1538 byte times on the line.
        assertThat(MtuTheory.wireBytes(1450, Encapsulation.VXLAN, Framing.HEADER)).isEqualTo(1514);
        assertThat(MtuTheory.wireBytes(1450, Encapsulation.VXLAN, Framing.LINE)).isEqualTo(1538);
        assertThat(MtuTheory.wireBytes(1480, Encapsulation.IPIP, Framing.HEADER)).isEqualTo(1514);
        assertThat(MtuTheory.wireBytes(1500, Encapsulation.NONE, Framing.LINE)).isEqualTo(1538);
    }

    @Test
    void smallFramesArePaddedOnTheLineOnly() {
        // 28-byte datagram (IP + UDP, no payload): capture 42; line 8 + 14 + 46 + 4 + 12 = 84.
        assertThat(MtuTheory.wireBytes(28, Encapsulation.NONE, Framing.HEADER)).isEqualTo(42);
        assertThat(MtuTheory.wireBytes(28, Encapsulation.NONE, Framing.LINE)).isEqualTo(84);
        // 64 bytes need no padding: 8 + 14 + 64 + 4 + 12 = 102.
        assertThat(MtuTheory.wireBytes(64, Encapsulation.NONE, Framing.LINE)).isEqualTo(102);
    }

    @Test
    void fragmentsCarryMultiplesOfEightBytes() {
        // 4000 through 1500: 3980 data bytes in pieces of 1480 -> 1480, 1480, 1020.
        assertThat(MtuTheory.fragmentSizes(4000, 1500)).containsExactly(1500, 1500, 1040);
        // through 1450: (1450 - 20) = 1430, rounded down to 1424 -> 1424, 1424, 1132.
        assertThat(MtuTheory.fragmentSizes(4000, 1450)).containsExactly(1444, 1444, 1152);
        assertThat(MtuTheory.fragmentCount(4000, 1450)).isEqualTo(3);
        // 8980 data through 1500: 6 x 1480 = 8880, 100 left -> 7.
        assertThat(MtuTheory.fragmentCount(9000, 1500)).isEqualTo(7);
        assertThat(MtuTheory.fragmentSizes(1501, 1500)).containsExactly(1500, 21);
        assertThat(MtuTheory.fragmentCount(1500, 1500)).isEqualTo(1);
    }

    @Test
    void fragmentCountAgreesWithFragmentSizes() {
        for (int mtu : new int[] {68, 576, 1400, 1450, 1480, 1500, 9000}) {
            for (int size = 20; size <= 20_000; size += 37) {
                assertThat(MtuTheory.fragmentCount(size, mtu))
                        .as("size %d mtu %d", size, mtu)
                        .isEqualTo(MtuTheory.fragmentSizes(size, mtu).size());
            }
        }
    }

    @Test
    void sendFragmentsAtTheInnerMtuAndCountEveryFrame() {
        Transmission tx = MtuTheory.send(4000, Encapsulation.VXLAN, 1500, false, 8, Framing.HEADER);
        assertThat(tx.innerMtu()).isEqualTo(1450);
        assertThat(tx.fragmentSizes()).containsExactly(1444, 1444, 1152);
        assertThat(tx.payloadBytes()).isEqualTo(3972);
        // each fragment + 50 + 14: 1508 + 1508 + 1216
        assertThat(tx.wireBytes()).isEqualTo(4232);
        assertThat(tx.efficiency()).isCloseTo(3972.0 / 4232, within(1e-12));
    }

    @Test
    void efficiencyOfAFullSizeUdpDatagram() {
        Transmission vxlan = MtuTheory.send(1450, Encapsulation.VXLAN, 1500, true, 8, Framing.HEADER);
        assertThat(vxlan.delivered()).isTrue();
        assertThat(vxlan.fragments()).isEqualTo(1);
        assertThat(vxlan.efficiency()).isCloseTo(1422.0 / 1514, within(1e-12));
        Transmission line = MtuTheory.send(1450, Encapsulation.VXLAN, 1500, true, 8, Framing.LINE);
        assertThat(line.efficiency()).isCloseTo(1422.0 / 1538, within(1e-12));
        assertThat(MtuTheory.efficiency(1422, 1538)).isCloseTo(0.92458, within(1e-5));
    }

    @Test
    void dontFragmentAboveTheInnerMtuIsRefused() {
        Transmission tx = MtuTheory.send(1451, Encapsulation.VXLAN, 1500, true, 8, Framing.LINE);
        assertThat(tx.delivered()).isFalse();
        assertThat(tx.fragments()).isZero();
        assertThat(tx.wireBytes()).isZero();
        assertThat(tx.efficiency()).isZero();
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> MtuTheory.maxInnerMtu(100, Encapsulation.VXLAN))
                .hasMessage("underlay MTU 100 leaves 50 bytes inside vxlan, below the IPv4 minimum of 68");
        assertThatThrownBy(() -> MtuTheory.fragmentCount(19, 1500))
                .hasMessage("datagram size: expected 20..65535 bytes, got 19");
        assertThatThrownBy(() -> MtuTheory.fragmentCount(100, 67)).hasMessage("MTU: expected 68..65535, got 67");
        assertThatThrownBy(() -> MtuTheory.send(30, Encapsulation.NONE, 1500, false, 20, Framing.LINE))
                .hasMessageContaining("cannot hold");
        assertThatThrownBy(() -> Encapsulation.parse("geneve"))
                .hasMessage("encapsulation: expected none, ipip or vxlan, got 'geneve'");
        assertThat(Encapsulation.parse(" VXLAN ")).isEqualTo(Encapsulation.VXLAN);
    }
}
