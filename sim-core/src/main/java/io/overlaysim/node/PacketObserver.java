package io.overlaysim.node;

import io.overlaysim.device.NetDevice;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.PacketBuffer;
import java.util.List;

/**
 * Listens to a packet's walk through the nodes: the stack calls these at each step, the
 * {@code trace} package records them. The packet must not be modified or kept. Every method
 * has an empty default; {@link #NONE} is the observer of an untraced run.
 */
public interface PacketObserver {
    PacketObserver NONE = new PacketObserver() {
    };

    /** Whether anyone is listening (the stack skips building step details otherwise). */
    default boolean enabled() {
        return false;
    }

    /** A packet was made on {@code node}: an application send, an ICMP error, an ARP request, a fragment. */
    default void created(Node node, PacketBuffer p, String what) {
    }

    /** A frame or packet arrived on {@code dev} of {@code node}. */
    default void received(Node node, NetDevice dev, PacketBuffer p) {
    }

    /** A route lookup for the packet (input when {@code in} is not null). */
    default void routeLookup(Node node, PacketBuffer p, NetDevice in, int dst, RouteDecision decision) {
    }

    /** The next hop's MAC address is known (or the packet waits for ARP when {@code mac} is -1). */
    default void neighbour(Node node, PacketBuffer p, NetDevice dev, int nextHop, long mac) {
    }

    /** The packet leaves {@code dev} of {@code node}. */
    default void sent(Node node, NetDevice dev, PacketBuffer p) {
    }

    /** The packet {@code p} was cut into {@code fragments} (new packets, already created) for the MTU {@code mtu}. */
    default void fragmented(Node node, PacketBuffer p, int mtu, List<PacketBuffer> fragments) {
    }

    /** {@code fragments} were joined into the new packet {@code datagram}. */
    default void reassembled(Node node, PacketBuffer datagram, List<PacketBuffer> fragments) {
    }

    /** {@code node} answered {@code request} with the new packet {@code reply} (an ICMP echo reply). */
    default void replied(Node node, PacketBuffer request, PacketBuffer reply) {
    }

    /** {@code node} made the ICMP error {@code error} about {@code cause}. */
    default void icmpGenerated(Node node, PacketBuffer cause, PacketBuffer error, int type, int code) {
    }

    /**
     * The tunnel device {@code tunnel} of {@code node} wrapped the packet (same id) in an outer
     * header: {@code p} starts at the new outer IPv4 header.
     *
     * @param outerSrc the outer IPv4 source (address bits)
     * @param outerDst the outer IPv4 destination (the remote tunnel end point)
     * @param kind what was added, e.g. {@code ipip} or {@code vxlan vni 4096}
     */
    default void encapsulated(Node node, NetDevice tunnel, PacketBuffer p, int outerSrc, int outerDst, String kind) {
    }

    /**
     * The tunnel device {@code tunnel} of {@code node} unwrapped the packet (same id): {@code p}
     * now starts at the inner packet (IPv4 for IPIP, Ethernet for VXLAN); the outer addresses
     * are those it arrived with.
     */
    default void decapsulated(Node node, NetDevice tunnel, PacketBuffer p, int outerSrc, int outerDst, String kind) {
    }

    /** The packet reached its end: a socket, an application, the ARP table. */
    default void delivered(Node node, PacketBuffer p, String to) {
    }

    /** The packet was dropped. */
    default void dropped(Node node, NetDevice dev, PacketBuffer p, DropReason reason) {
    }
}
