package io.overlaysim.device;

import io.overlaysim.engine.Simulation;
import io.overlaysim.packet.PacketBuffer;

/** The loopback device {@code lo}: what it sends it receives, in a new event ({@code loopback_xmit}). */
public final class LoopbackDevice extends NetDevice {
    private Wire wire;

    public LoopbackDevice() {
        super("lo", 0, 65536);
    }

    @Override
    public LinkType linkType() {
        return LinkType.LOOPBACK;
    }

    @Override
    protected void send(PacketBuffer frame) {
        if (wire == null) {
            Simulation sim = node().simulation();
            wire = new Wire(sim, this);
        }
        wire.carry(frame, node().simulation().now());
    }
}
