package io.overlaysim.device;

import io.overlaysim.engine.Simulation;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.PacketBuffer;

/**
 * Frames in transit toward one device, in arrival order: one simulation event per frame, the
 * wire itself the event's action (no allocation per frame). Arrival times must not decrease,
 * which holds for a FIFO channel with a constant delay.
 */
final class Wire implements Runnable {
    private final Simulation sim;
    private final NetDevice to;
    private PacketBuffer[] frames = new PacketBuffer[16];
    private int head;
    private int size;
    /** Set while the channel is cut: frames arriving then are lost. */
    boolean cut;

    Wire(Simulation sim, NetDevice to) {
        this.sim = sim;
        this.to = to;
    }

    NetDevice to() {
        return to;
    }

    /** Puts a frame on the wire, arriving at {@code time}. */
    void carry(PacketBuffer frame, long time) {
        if (size == frames.length) {
            PacketBuffer[] bigger = new PacketBuffer[frames.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = frames[(head + i) & (frames.length - 1)];
            }
            frames = bigger;
            head = 0;
        }
        frames[(head + size) & (frames.length - 1)] = frame;
        size++;
        sim.schedule(time, this);
    }

    int inTransit() {
        return size;
    }

    @Override
    public void run() {
        PacketBuffer f = frames[head];
        frames[head] = null;
        head = (head + 1) & (frames.length - 1);
        size--;
        if (cut) {
            to.lostInTransit(f, DropReason.LINK_DOWN);
            return;
        }
        to.receive(f);
    }
}
