package io.overlaysim.node;

import io.overlaysim.device.LinkType;
import io.overlaysim.device.NetDevice;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.EtherType;
import io.overlaysim.packet.EthernetHeader;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;

/**
 * The output half of the stack: {@code ip_output} -> {@code ip_finish_output} (fragment when
 * larger than the MTU) -> {@code ip_finish_output2} / {@code neigh_output} (the next hop's MAC
 * from the neighbour table, the Ethernet header, the device).
 */
final class IpOutput {
    private final Node node;
    private final PmtuCache pmtu;

    IpOutput(Node node, PmtuCache pmtu) {
        this.node = node;
        this.pmtu = pmtu;
    }

    /** {@code ipv4_mtu}: a learned path MTU still valid, else the route's mtu metric, else the device's. */
    int pathMtu(RouteDecision d, int dst) {
        return pmtu.pathMtu(d, dst);
    }

    /** {@code ip_local_out} -> {@code dst_output}: local destinations loop through {@code lo}. */
    void localOut(PacketBuffer p, RouteDecision d) {
        PacketObserver obs = node.observer();
        if (obs.enabled()) {
            obs.routeLookup(node, p, null, Ipv4Header.destination(p.array(), p.start()), d);
        }
        if (d.kind() == RouteDecision.Kind.ERROR) {
            node.drop(p, null, d.drop());
            return;
        }
        if (d.kind() == RouteDecision.Kind.LOCAL) {
            neighOutput(p, node.device("lo"), 0, false);
            return;
        }
        int dst = Ipv4Header.destination(p.array(), p.start());
        if (d.kind() == RouteDecision.Kind.BROADCAST) {
            neighOutput(p, d.dev(), dst, true);
            return;
        }
        finish(p, d, pathMtu(d, dst));
    }

    /** {@code ip_finish_output}: fragment when larger than {@code mtu}, then {@code neigh_output}. */
    void finish(PacketBuffer p, RouteDecision d, int mtu) {
        int dst = Ipv4Header.destination(p.array(), p.start());
        if (p.length() <= mtu) {
            neighOutput(p, d.dev(), d.nextHop(dst), false);
            return;
        }
        if (Ipv4Header.dontFragment(p.array(), p.start())) {
            node.drop(p, d.dev(), DropReason.TOO_BIG_DF);
            return;
        }
        for (PacketBuffer f : Fragmenter.fragment(node, p, mtu)) {
            neighOutput(f, d.dev(), d.nextHop(dst), false);
        }
    }

    /** {@code neigh_output}: raw-IP devices take the packet as is; Ethernet needs the neighbour's MAC. */
    void neighOutput(PacketBuffer p, NetDevice dev, int nextHop, boolean broadcast) {
        switch (dev.linkType()) {
            case NONE -> {
                // a tunnel reads the route's next hop from the packet (ip_tunnel_xmit: rt_nexthop)
                p.setNextHop(nextHop);
                PacketObserver obs = node.observer();
                if (obs.enabled()) {
                    obs.sent(node, dev, p);
                }
                dev.transmit(p);
            }
            case LOOPBACK -> transmitEthernet(p, dev, 0L);
            case ETHERNET -> {
                if (broadcast || nextHop == -1) {
                    transmitEthernet(p, dev, 0xffff_ffff_ffffL);
                } else {
                    node.neighbours().output(p, dev, nextHop);
                }
            }
        }
    }

    /** Pushes the Ethernet header and hands the frame to the device ({@code dev_queue_xmit}). */
    void transmitEthernet(PacketBuffer p, NetDevice dev, long mac) {
        int off = p.push(EthernetHeader.LENGTH);
        EthernetHeader.write(p.array(), off, mac, dev.mac(), EtherType.IPV4);
        PacketObserver obs = node.observer();
        if (obs.enabled()) {
            obs.sent(node, dev, p);
        }
        dev.transmit(p);
    }

    static boolean isLoopback(NetDevice dev) {
        return dev.linkType() == LinkType.LOOPBACK;
    }
}
