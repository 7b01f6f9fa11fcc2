package io.overlaysim.node;

import io.overlaysim.device.NetDevice;
import io.overlaysim.packet.PacketBuffer;
import java.util.ArrayDeque;

/** One neighbour entry ({@code struct neighbour}): an IPv4 address on a device, its MAC and state. */
public final class Neighbour {
    final NetDevice dev;
    final int ip;
    NeighbourState state = NeighbourState.FAILED;
    long mac = -1;
    int probes;
    long confirmed = Long.MIN_VALUE;
    long timer = -1;
    final ArrayDeque<PacketBuffer> queue = new ArrayDeque<>(4);

    Neighbour(NetDevice dev, int ip) {
        this.dev = dev;
        this.ip = ip;
    }

    public NetDevice device() {
        return dev;
    }

    public int address() {
        return ip;
    }

    public NeighbourState state() {
        return state;
    }

    /** The MAC address, -1 when unknown. */
    public long mac() {
        return mac;
    }

    /** Packets waiting for resolution. */
    public int queued() {
        return queue.size();
    }
}
