package io.overlaysim.mtu;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.report.Flag;
import io.overlaysim.report.Report;
import io.overlaysim.report.mtu.Encapsulation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sweep on the simulated two-node cluster: Calico's MTU table, outcomes, theory flags, a planted black hole. */
class SweepTest {

    private static SweepSpec spec(List<Encapsulation> encaps, List<Integer> underlays, List<Integer> sizes,
                                  List<Boolean> df, int podMtu, boolean dropIcmp) {
        return new SweepSpec(encaps, underlays, sizes, df, List.of(SweepSpec.Protocol.ICMP, SweepSpec.Protocol.UDP), podMtu,
                dropIcmp, SweepSpec.TEN_GIGABIT);
    }

    @Test
    void reproducesCalicosMtuTableFromSimulation() {
        Sweep.SweepResult r = Sweep.run(spec(List.of(Encapsulation.IPIP, Encapsulation.VXLAN), List.of(1500, 9000, 1460, 1450),
                List.of(64), List.of(true), 0, false));
        Map<String, Integer> calico = Map.of("ipip 1500", 1480, "vxlan 1500", 1450, "ipip 9000", 8980, "vxlan 9000", 8950,
                "ipip 1460", 1440, "vxlan 1460", 1410, "ipip 1450", 1430, "vxlan 1450", 1400);
        assertThat(r.maxima()).hasSize(8).allSatisfy(m -> {
            assertThat(m.simulated()).isTrue();
            assertThat(m.measured()).as(m.encapsulation().id() + " " + m.underlayMtu())
                    .isEqualTo(calico.get(m.encapsulation().id() + " " + m.underlayMtu()));
        });
        Report rep = SweepReport.build(r);
        assertThat(rep.sections().get(0).table().rows()).allSatisfy(row -> assertThat(row.flagged()).isFalse());
    }

    @Test
    void eachOutcomeAgreesWithTheoryAroundTheVxlanMtu() {
        Sweep.SweepResult r = Sweep.run(spec(List.of(Encapsulation.NONE, Encapsulation.VXLAN), List.of(1500),
                List.of(1450, 1451, 3000), List.of(true, false), 0, false));
        assertThat(r.cells()).hasSize(2 * 3 * 2 * 2).allSatisfy(c -> assertThat(SweepReport.disagreement(c)).isNull());
        CellResult big = find(r, Encapsulation.VXLAN, 3000, false);
        assertThat(big.outcome()).isEqualTo(CellResult.Outcome.FRAGMENTED);
        assertThat(big.fragments()).isEqualTo(3);
        assertThat(big.where()).isEqualTo("pod-a/eth0 (mtu 1450)");
        // 3000 bytes in 1448 + 1448 + 144 (20-byte headers), each + 50 VXLAN + 38 Ethernet on the line
        assertThat(big.wireBytes()).isEqualTo(3 * (20 + 50 + 38) + 2980);
        CellResult refused = find(r, Encapsulation.VXLAN, 1451, true);
        assertThat(refused.outcome()).isEqualTo(CellResult.Outcome.REFUSED);
        assertThat(refused.where()).isEqualTo("pod-a/eth0 (local, mtu 1450)");
        assertThat(refused.convergenceNanos()).isZero();
        assertThat(find(r, Encapsulation.NONE, 1451, true).outcome()).isEqualTo(CellResult.Outcome.DELIVERED);
        assertThat(find(r, Encapsulation.VXLAN, 1450, true).efficiency())
                .isEqualTo((1450 - 28) / (double) (1450 + 50 + 38));
    }

    @Test
    void aPodMtuOf1500OverVxlanIsRefusedByTheNodeWhoseFragNeededTeachesTheSender() {
        Sweep.SweepResult r = Sweep.run(spec(List.of(Encapsulation.VXLAN), List.of(1500), List.of(1451, 1500),
                List.of(true), 1500, false));
        assertThat(r.cells()).allSatisfy(c -> {
            assertThat(c.outcome()).isEqualTo(CellResult.Outcome.REFUSED);
            assertThat(c.where()).isEqualTo("worker01/vxlan.calico (mtu 1450)");
            assertThat(c.mtu()).isEqualTo(1450);
            assertThat(c.convergenceNanos()).isGreaterThanOrEqualTo(0);
        });
    }

    @Test
    void findsThePlantedPmtudBlackHole() {
        // pod veths at 1500 over VXLAN on a 1500 underlay, and the nodes drop the ICMP errors they send
        Sweep.SweepResult r = Sweep.run(spec(List.of(Encapsulation.VXLAN), List.of(1500), List.of(1400, 1450, 1451, 1480, 1500),
                List.of(true, false), 1500, true));
        for (CellResult c : r.cells()) {
            int size = c.cell().size();
            if (!c.cell().df() || size <= 1450) {
                assertThat(c.outcome().delivered()).as(c.toString()).isTrue();
            } else {
                assertThat(c.outcome()).as(c.toString()).isEqualTo(CellResult.Outcome.BLACK_HOLE);
                assertThat(c.outcome().text()).isEqualTo("lost silently (PMTUD black hole)");
                assertThat(c.where()).isEqualTo("worker01/vxlan.calico (mtu 1450)");
                assertThat(c.notes()).anyMatch(n -> n.contains("frag-needed (mtu 1450) from worker01 dropped by worker01"));
            }
        }
        Report rep = SweepReport.build(r);
        var cells = rep.sections().stream().filter(s -> s.id().equals("cells")).findFirst().orElseThrow().table();
        long holes = cells.rows().stream().filter(row -> row.cells().get(6).flags().stream()
                .anyMatch(f -> f.code().equals("pmtud-black-hole"))).count();
        // sizes 1451, 1480 and 1500 with DF, each by ICMP and UDP
        assertThat(holes).isEqualTo(6);
        assertThat(cells.rows()).anySatisfy(row -> assertThat(row.cells().get(6).flags())
                .extracting(Flag::code).contains(Flag.DISAGREES_WITH_THEORY));
        assertThat(rep.metadata().get("Cells")).contains("6 PMTUD black holes");
    }

    @Test
    void aBulkTcpFlowGetsTheFullSegmentGoodputAndStallsInTheBlackHole() {
        Sweep.SweepResult ok = Sweep.run(spec(List.of(Encapsulation.VXLAN), List.of(1500), List.of(64), List.of(true), 0, false));
        TcpBulk tcp = ok.maxima().get(0).tcp();
        assertThat(tcp.mss()).isEqualTo(1410);
        assertThat(tcp.bytes()).isEqualTo(TcpBulk.BYTES);
        assertThat(tcp.retransmitted()).isZero();
        double theory = SweepSpec.TEN_GIGABIT * SweepReport.tcpTheory(1410, Encapsulation.VXLAN);
        assertThat(tcp.bitsPerSecond()).isLessThanOrEqualTo(theory).isGreaterThan(theory * (1 - SweepReport.TCP_TOLERANCE));

        Sweep.SweepResult hole = Sweep.run(spec(List.of(Encapsulation.VXLAN), List.of(1500), List.of(64), List.of(true), 1500, true));
        TcpBulk stalled = hole.maxima().get(0).tcp();
        assertThat(stalled.mss()).isEqualTo(1460);
        assertThat(stalled.bytes()).isLessThan(TcpBulk.BYTES);
        assertThat(stalled.bitsPerSecond()).isZero();
        var goodput = SweepReport.build(hole).sections().stream().filter(s -> s.id().equals("goodput")).findFirst().orElseThrow();
        assertThat(goodput.table().rows().get(0).cells().get(6).flags()).extracting(Flag::code)
                .contains(Flag.DISAGREES_WITH_THEORY, "tcp-stalled");
    }

    private static SweepSpec tcp(Encapsulation e, List<Integer> sizes, int podMtu, boolean dropIcmp) {
        return new SweepSpec(List.of(e), List.of(1500), sizes, List.of(true), List.of(SweepSpec.Protocol.TCP), podMtu,
                dropIcmp, SweepSpec.TEN_GIGABIT);
    }

    private static CellResult tcpCell(Sweep.SweepResult r, int size) {
        return r.cells().stream().filter(c -> c.cell().size() == size).findFirst().orElseThrow();
    }

    @Test
    void tcpCellsAreWholeUpToTheMssAndSegmentedAboveIt() {
        Sweep.SweepResult ipip = Sweep.run(tcp(Encapsulation.IPIP, List.of(1000, 1480, 1481, 3000), 0, false));
        assertThat(ipip.cells()).hasSize(4).allSatisfy(c -> {
            assertThat(c.simulated()).isTrue();
            assertThat(SweepReport.disagreement(c)).as(c.toString()).isNull();
        });
        assertThat(tcpCell(ipip, 1480).outcome()).isEqualTo(CellResult.Outcome.DELIVERED);
        assertThat(tcpCell(ipip, 1480).fragments()).isEqualTo(1);
        CellResult two = tcpCell(ipip, 1481);
        assertThat(two.outcome()).isEqualTo(CellResult.Outcome.SEGMENTED);
        assertThat(two.outcome().text()).isEqualTo("segmented by TCP");
        assertThat(two.fragments()).isEqualTo(2);
        assertThat(two.where()).isEqualTo("pod-a/eth0 (mss 1440)");
        assertThat(two.notes().get(0)).endsWith("1480, 41");
        assertThat(tcpCell(ipip, 3000).notes().get(0)).endsWith("1480, 1480, 120");
        assertThat(tcpCell(ipip, 3000).payloadBytes()).isEqualTo(2960);

        Sweep.SweepResult vxlan = Sweep.run(tcp(Encapsulation.VXLAN, List.of(1450, 2000), 0, false));
        assertThat(vxlan.cells()).allSatisfy(c -> assertThat(SweepReport.disagreement(c)).as(c.toString()).isNull());
        assertThat(tcpCell(vxlan, 1450).outcome()).isEqualTo(CellResult.Outcome.DELIVERED);
        assertThat(tcpCell(vxlan, 2000).fragments()).isEqualTo(2);
        assertThat(tcpCell(vxlan, 2000).notes().get(0)).startsWith("tcp: mss 1410").endsWith("1450, 590");
        var row = SweepReport.build(vxlan).sections().stream().filter(s -> s.id().equals("cells")).findFirst().orElseThrow()
                .table().rows().get(1);
        assertThat(row.cells().get(12).value().toString()).contains("segmented by TCP (2)");
    }

    @Test
    void tcpOverAVxlanWithTooLargeAPodMtuGoesThroughPmtudOrIsBlackHoled() {
        // Linux: the 1500-byte segment meets frag-needed (1450) at the node; tcp_v4_err lowers the MSS to 1410
        // and TCP resends the 1460 bytes as 1450 + 90
        Sweep.SweepResult pmtud = Sweep.run(tcp(Encapsulation.VXLAN, List.of(1500), 1500, false));
        CellResult r = pmtud.cells().get(0);
        assertThat(r.outcome()).as(r.toString()).isEqualTo(CellResult.Outcome.SEGMENTED);
        assertThat(r.fragments()).isEqualTo(2);
        assertThat(r.mtu()).isEqualTo(1450);
        assertThat(r.where()).isEqualTo("pod-a/eth0 (mss 1410) after frag-needed from worker01/vxlan.calico (mtu 1450)");
        assertThat(r.notes().get(0)).endsWith("1450, 90");
        assertThat(r.convergenceNanos()).isGreaterThanOrEqualTo(0);
        assertThat(SweepReport.disagreement(r)).isNull();

        Sweep.SweepResult hole = Sweep.run(tcp(Encapsulation.VXLAN, List.of(1500, 1000), 1500, true));
        assertThat(tcpCell(hole, 1500).outcome()).isEqualTo(CellResult.Outcome.BLACK_HOLE);
        assertThat(tcpCell(hole, 1000).outcome()).isEqualTo(CellResult.Outcome.DELIVERED);
    }

    private static CellResult find(Sweep.SweepResult r, Encapsulation e, int size, boolean df) {
        return r.cells().stream().filter(c -> c.cell().encapsulation() == e && c.cell().size() == size && c.cell().df() == df
                && c.cell().protocol() == SweepSpec.Protocol.UDP).findFirst().orElseThrow();
    }
}
