package io.overlaysim.transport;

import io.overlaysim.device.NetDevice;
import io.overlaysim.node.Node;
import io.overlaysim.packet.PacketBuffer;

/**
 * A kernel UDP tunnel socket ({@code setup_udp_tunnel_sock}, {@code encap_rcv}): VXLAN takes
 * the whole packet (it starts at the outer IPv4 header; {@code udp} is the UDP header's array
 * offset) and owns it from here, keeping its id when it decapsulates.
 */
@FunctionalInterface
public interface UdpEncapHandler {
    void receive(Node node, PacketBuffer p, NetDevice in, int udp);
}
