package io.overlaysim.node;

import io.overlaysim.packet.PacketBuffer;

/**
 * An ICMP socket's view (ping): echo replies for its identifier, and ICMP errors that quote
 * one of its echo requests. {@code p} starts at the IPv4 header of the message received.
 */
public interface IcmpListener {
    /** An echo reply; {@code icmp} is the array offset of its ICMP header. */
    void echoReply(Node node, PacketBuffer p, int icmp, int sequence);

    /**
     * An ICMP error about one of our echo requests.
     *
     * @param from the error's source address
     * @param info the rest of the header (the next-hop MTU for fragmentation needed)
     */
    void error(Node node, PacketBuffer p, int from, int type, int code, int info, int sequence);
}
