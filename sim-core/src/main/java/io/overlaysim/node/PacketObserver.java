package io.overlaysim.node;

import io.overlaysim.device.NetDevice;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.PacketBuffer;

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

    /** The packet was cut into {@code count} fragments for the MTU {@code mtu}. */
    default void fragmented(Node node, PacketBuffer p, int mtu, int count) {
    }

    /** Fragments were joined into the packet {@code p}. */
    default void reassembled(Node node, PacketBuffer p, int fragments) {
    }

    /** {@code node} made the ICMP error {@code error} about {@code cause}. */
    default void icmpGenerated(Node node, PacketBuffer cause, PacketBuffer error, int type, int code) {
    }

    /** A tunnel device wrapped the packet (same id) in an outer header. */
    default void encapsulated(Node node, NetDevice tunnel, PacketBuffer p, String detail) {
    }

    /** A tunnel device unwrapped the packet (same id). */
    default void decapsulated(Node node, NetDevice tunnel, PacketBuffer p, String detail) {
    }

    /** The packet reached its end: a socket, an application, the ARP table. */
    default void delivered(Node node, PacketBuffer p, String to) {
    }

    /** The packet was dropped. */
    default void dropped(Node node, NetDevice dev, PacketBuffer p, DropReason reason) {
    }
}
