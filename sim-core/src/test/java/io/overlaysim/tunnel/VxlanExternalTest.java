package io.overlaysim.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.overlaysim.device.DeviceOwner;
import io.overlaysim.device.NetDevice;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.node.Node;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.EtherType;
import io.overlaysim.packet.EthernetHeader;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Collect-metadata ({@code external}) VXLAN devices, as Cilium's {@code cilium_vxlan}: the
 * sender gives remote and VNI per packet, the receiver takes every VNI and keeps it as the
 * frame's tunnel key; such a device does not share its port with a VNI device.
 *
 * <pre>
 *   A (vx, external) ──── B (vx, external)
 * </pre>
 */
class VxlanExternalTest {
    /** What the receiving device's owner saw: VNI, outer source, inner destination. */
    private record Seen(int vni, String remote, String inner) {
    }

    @Test
    void theKeyTravelsAsVniAndComesBackAsTheReceivedFramesKey() {
        Simulation sim = new Simulation(1);
        Topology t = Topology.chain(sim, "A", "B");
        Node a = t.node("A");
        Node b = t.node("B");
        VxlanDevice va = Vxlan.of(a).addExternal("vx", 0x02_00_00_00_00_0aL, VxlanConfig.of(0).withLearning(false));
        VxlanDevice vb = Vxlan.of(b).addExternal("vx", 0x02_00_00_00_00_0bL, VxlanConfig.of(0).withLearning(false));
        List<Seen> seen = new ArrayList<>();
        List<byte[]> outer = new ArrayList<>();
        a.device("eth0").addTap((dev, tx, f, time) -> {
            if (tx && EthernetHeader.etherType(f.array(), f.start()) == EtherType.IPV4) {
                outer.add(f.toByteArray());
            }
        });
        vb.setOwner(new DeviceOwner() {
            @Override
            public Simulation simulation() {
                return sim;
            }

            @Override
            public void receive(NetDevice dev, PacketBuffer frame) {
                seen.add(new Seen(vb.rxVni(), Ipv4Address.format(vb.rxRemote()),
                        Ipv4Address.format(Ipv4Header.destination(frame.array(), frame.start() + EthernetHeader.LENGTH))));
                b.deliver(frame, "test");
            }

            @Override
            public void dropped(NetDevice dev, PacketBuffer frame, DropReason reason) {
                b.drop(frame, dev, reason);
            }
        });
        int bAddr = b.address("eth0");
        for (int vni : new int[] {6, 70000}) {
            va.transmitWithKey(frame(a, vni), bAddr, vni);
        }
        // a frame without a key has nowhere to go (vxlan_xmit: no tunnel info on a metadata device)
        va.transmit(frame(a, 1));
        sim.runUntilIdle();

        assertThat(seen).containsExactly(new Seen(6, Ipv4Address.format(a.address("eth0")), "10.42.0.6"),
                new Seen(70000, Ipv4Address.format(a.address("eth0")), "10.42.0.70"));
        assertThat(outer).hasSize(2);
        byte[] o = outer.getFirst();
        assertThat(Ipv4Header.ttl(o, 14)).isEqualTo(64);
        assertThat(Ipv4Header.dontFragment(o, 14)).isFalse();
        assertThat(IpipTest.u16(o, 36)).isEqualTo(8472);
        assertThat(IpipTest.u16(o, 40)).as("UDP checksum (BPF_F_ZERO_CSUM_TX)").isZero();
        assertThat(va.counters().txDropped()).isEqualTo(1);
    }

    @Test
    void aMetadataDeviceAndAVniDeviceCannotShareAPort() {
        Simulation sim = new Simulation(1);
        Node a = Topology.chain(sim, "A", "B").node("A");
        Vxlan.of(a).addExternal("cilium_vxlan", 0x02_00_00_00_00_0aL, VxlanConfig.of(0).withLearning(false));
        assertThatThrownBy(() -> Vxlan.of(a).add("flannel.1", 0x02_00_00_00_00_0cL, VxlanConfig.of(1)))
                .hasMessageContaining("EADDRINUSE");
        assertThatThrownBy(() -> Vxlan.of(a).addExternal("vx2", 0x02_00_00_00_00_0dL, VxlanConfig.of(0).withLearning(false)))
                .hasMessageContaining("EEXIST");
        assertThat(Vxlan.of(a).add("vx4789", 0x02_00_00_00_00_0eL, VxlanConfig.of(1).withPort(4789)).isExternal()).isFalse();
    }

    /** An inner Ethernet + IPv4 frame to 10.42.0.TAG (TAG / 1000 from 1000 on), built by hand, with its ledger id. */
    private static PacketBuffer frame(Node from, int tag) {
        PacketBuffer p = PacketBuffer.allocate(EthernetHeader.LENGTH + Ipv4Header.MIN_LENGTH);
        int o = p.put(EthernetHeader.LENGTH + Ipv4Header.MIN_LENGTH);
        EthernetHeader.write(p.array(), o, 0x02_00_00_00_00_0bL, 0x02_00_00_00_00_0aL, EtherType.IPV4);
        int dst = Ipv4Address.parse("10.42.0." + (tag >= 1000 ? tag / 1000 : tag)).bits();
        Ipv4Header.write(p.array(), o + EthernetHeader.LENGTH, 0, Ipv4Header.MIN_LENGTH, 1, 0, 64, 253,
                Ipv4Address.parse("10.42.9.9").bits(), dst);
        Ipv4Header.fillChecksum(p.array(), o + EthernetHeader.LENGTH);
        from.created(p, "test frame");
        return p;
    }
}
