package io.overlaysim.node;

import io.overlaysim.device.NetDevice;
import io.overlaysim.packet.PacketBuffer;

/**
 * A handler of one IP protocol number for packets delivered locally ({@code struct
 * net_protocol}): ICMP 1, UDP 17, TCP 6, IPIP 4. The packet starts at its IPv4 header
 * ({@link PacketBuffer#networkHeader()}); the handler owns it from here and must account for
 * it: {@link Node#deliver}, {@link Node#drop}, or hand it on (a tunnel decapsulates it and
 * re-injects it with {@link Node#receive}, the id kept).
 */
@FunctionalInterface
public interface IpProtocolHandler {
    void receive(Node node, PacketBuffer p, NetDevice in);

    /**
     * An ICMP error about a packet of this protocol arrived ({@code err_handler}): {@code p}
     * holds the whole ICMP message, {@code quoted} is the array offset of the quoted IPv4
     * header. The ICMP layer accounts for {@code p}; this is a notification.
     */
    default void error(Node node, PacketBuffer p, int type, int code, int info, int quoted) {
    }
}
