package io.overlaysim.transport;

import io.overlaysim.packet.PacketBuffer;

/** What an application gives a UDP socket to hear from it. */
public interface UdpReceiver {
    /**
     * A datagram for the socket; {@code payload} is the array offset of the payload in
     * {@code p}. Must not keep {@code p}.
     */
    void datagram(UdpSocket socket, PacketBuffer p, int src, int sourcePort, int payload, int length);

    /** An ICMP error about a datagram this socket sent ({@code IP_RECVERR}). */
    default void error(UdpSocket socket, int from, int type, int code, int info, int dst, int dstPort) {
    }
}
