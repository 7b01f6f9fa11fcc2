package io.overlaysim.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacketBufferTest {
    @Test
    void defaultHeadroomHoldsVxlanEncapsulationWithoutGrowing() {
        PacketBuffer p = PacketBuffer.copyOf(new byte[] {1, 2, 3});
        byte[] before = p.array();
        // inner Ethernet + VXLAN + UDP + IPv4 with 40 bytes of options + Ethernet with a VLAN tag
        p.push(14);
        p.push(8);
        p.push(8);
        p.push(60);
        p.push(18);
        assertThat(p.array()).isSameAs(before);
        assertThat(p.length()).isEqualTo(3 + 108);
        assertThat(PacketBuffer.DEFAULT_HEADROOM).isGreaterThanOrEqualTo(64);
    }

    @Test
    void pushPullPutTrimMoveOffsetsNotBytes() {
        PacketBuffer p = PacketBuffer.allocate(32, 16);
        int at = p.put(4);
        assertThat(at).isEqualTo(32);
        p.array()[at] = 9;
        int h = p.push(2);
        assertThat(h).isEqualTo(30);
        assertThat(p.length()).isEqualTo(6);
        assertThat(p.headroom()).isEqualTo(30);
        assertThat(p.tailroom()).isEqualTo(12);
        p.pull(2);
        assertThat(p.array()[p.start()]).isEqualTo((byte) 9);
        p.trim(1);
        assertThat(p.toByteArray()).containsExactly(9);
        p.trim(5);   // not longer: unchanged
        assertThat(p.length()).isEqualTo(1);
    }

    @Test
    void growsWhenHeadroomOrTailroomRunsOutAndKeepsBytesAndMarks() {
        PacketBuffer p = PacketBuffer.allocate(2, 2);
        int at = p.put(2);
        p.array()[at] = 7;
        p.array()[at + 1] = 8;
        p.setNetworkHeader(p.start());
        p.setTransportHeader(p.start() + 1);
        int h = p.push(10);
        assertThat(p.headroom()).isGreaterThanOrEqualTo(0);
        assertThat(p.array()[h + 10]).isEqualTo((byte) 7);
        assertThat(p.array()[p.networkHeader()]).isEqualTo((byte) 7);
        assertThat(p.array()[p.transportHeader()]).isEqualTo((byte) 8);
        int t = p.put(100);
        assertThat(p.length()).isEqualTo(112);
        assertThat(t).isEqualTo(p.end() - 100);
        assertThat(p.array()[p.networkHeader()]).isEqualTo((byte) 7);
    }

    @Test
    void copyIsDeep() {
        PacketBuffer p = PacketBuffer.copyOf(new byte[] {1, 2, 3});
        p.setNetworkHeader(p.start());
        PacketBuffer c = p.copy();
        c.array()[c.start()] = 42;
        assertThat(p.toByteArray()).containsExactly(1, 2, 3);
        assertThat(c.toByteArray()).containsExactly(42, 2, 3);
        assertThat(c.networkHeader()).isEqualTo(p.networkHeader());
        assertThat(c.headroom()).isEqualTo(p.headroom());
    }

    @Test
    void resetEmptiesForReuse() {
        PacketBuffer p = PacketBuffer.copyOf(new byte[] {1, 2, 3});
        p.setNetworkHeader(5);
        p.reset(64);
        assertThat(p.length()).isZero();
        assertThat(p.headroom()).isEqualTo(64);
        assertThat(p.networkHeader()).isEqualTo(PacketBuffer.UNSET);
    }

    @Test
    void pullingMoreThanThePacketIsRefused() {
        PacketBuffer p = PacketBuffer.copyOf(new byte[] {1, 2, 3});
        assertThatThrownBy(() -> p.pull(4)).hasMessageContaining("cannot pull 4 bytes from a 3-byte packet");
        assertThatThrownBy(() -> p.push(-1)).hasMessageContaining("negative");
    }
}
