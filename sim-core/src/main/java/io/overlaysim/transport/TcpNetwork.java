package io.overlaysim.transport;

import io.overlaysim.packet.PacketBuffer;

/**
 * The IP layer below a {@link TcpStack}: what TCP needs from the node, and nothing more. The
 * node implements it (the route lookup and {@code ip_queue_xmit}); tests implement it with a
 * fake network.
 */
public interface TcpNetwork {
    /**
     * Sends a TCP segment: {@code segment} holds the TCP header and data from its start, the
     * checksum already filled over the pseudo-header of {@code source} and {@code destination};
     * there is headroom for the IP header (and link headers). The IP layer pushes the IPv4
     * header (protocol 6, DF set as Linux does for TCP) and routes it. The buffer then belongs
     * to the IP layer.
     */
    void send(int source, int destination, PacketBuffer segment);

    /**
     * The source address the route to {@code destination} selects ({@code ip_route_connect}),
     * or 0 when there is no route. TCP fixes its local address at connect time, since the
     * checksum covers it.
     */
    int sourceAddress(int destination);

    /**
     * The MTU towards {@code destination} (the route's {@code mtu}, else the device's, or the
     * path-MTU cache's), from which TCP derives its MSS (MTU - 40). 1500 if unknown.
     */
    int mtu(int destination);
}
