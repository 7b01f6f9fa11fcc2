package io.overlaysim.device;

import io.overlaysim.engine.Simulation;

/**
 * One end of a veth pair ({@code ip link add A type veth peer name B}): what one end sends the
 * other receives at once (in a new event, as the kernel's {@code veth_xmit} queues it to the
 * peer's backlog). The ends may live in different nodes (a pod and its host).
 */
public final class VethDevice extends EthernetDevice {
    private VethDevice peer;

    public VethDevice(String name, long mac, int mtu) {
        super(name, mac, mtu);
    }

    /** Joins two ends into a pair. */
    public static void pair(Simulation sim, VethDevice a, VethDevice b) {
        a.peer = b;
        b.peer = a;
        PointToPointLink.connect(sim, "veth:" + a.name() + "-" + b.name(), a, b, LinkConfig.INSTANT);
    }

    public VethDevice peer() {
        return peer;
    }
}
