package io.overlaysim.device;

import io.overlaysim.engine.Simulation;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.PacketBuffer;
import java.util.random.RandomGenerator;

/**
 * A cable between two Ethernet devices: per direction, serialisation at the link's bandwidth,
 * a propagation delay, a drop-tail queue and random loss from the stream
 * {@code sim.random("link:" + name)}. One event per frame: sending computes when the wire is
 * free ({@code start = max(now, busy-until)}), when the last bit leaves and when it arrives, and
 * schedules only the arrival. The queue is the frames whose start lies in the future.
 *
 * <pre>{@code
 * PointToPointLink l = PointToPointLink.connect(sim, "a-r", a.device("eth0"), r.device("eth0"),
 *         LinkConfig.GIGABIT.withLoss(0.01));
 * l.downAt(5_000_000_000L);  // carrier off on both ends at t = 5 s
 * }</pre>
 */
public final class PointToPointLink implements Channel {
    private final Simulation sim;
    private final String name;
    private final LinkConfig config;
    private final EthernetDevice a;
    private final EthernetDevice b;
    private final Direction ab;
    private final Direction ba;
    private RandomGenerator random;
    private boolean up = true;

    /** One direction: the wire toward the far end and the transmit queue in front of it. */
    private static final class Direction {
        final Wire wire;
        long busyUntil;
        long[] starts;
        int head;
        int size;
        /** The serialisation time of the last frame length seen: a stream of equal frames skips the division. */
        int lastLength = -1;
        long lastSerialisation;

        Direction(Simulation sim, NetDevice to, int queue) {
            this.wire = new Wire(sim, to);
            this.starts = new long[Integer.highestOneBit(Math.max(1, queue)) << 1];
        }
    }

    private PointToPointLink(Simulation sim, String name, EthernetDevice a, EthernetDevice b, LinkConfig config) {
        this.sim = sim;
        this.name = name;
        this.config = config;
        this.a = a;
        this.b = b;
        this.ab = new Direction(sim, b, config.queuePackets());
        this.ba = new Direction(sim, a, config.queuePackets());
    }

    /** Connects two devices with a new link. */
    public static PointToPointLink connect(Simulation sim, String name, EthernetDevice a, EthernetDevice b,
            LinkConfig config) {
        PointToPointLink l = new PointToPointLink(sim, name, a, b, config);
        a.plug(l);
        b.plug(l);
        return l;
    }

    public String name() {
        return name;
    }

    public LinkConfig config() {
        return config;
    }

    public EthernetDevice end(int i) {
        return i == 0 ? a : b;
    }

    public boolean isUp() {
        return up;
    }

    @Override
    public void transmit(EthernetDevice from, PacketBuffer frame) {
        Direction d = from == a ? ab : ba;
        long now = sim.now();
        // frames whose transmission has started are no longer queued
        while (d.size > 0 && d.starts[d.head] <= now) {
            d.head = (d.head + 1) & (d.starts.length - 1);
            d.size--;
        }
        long start = Math.max(now, d.busyUntil);
        if (start > now && d.size >= config.queuePackets()) {
            from.channelDropped(frame, DropReason.QUEUE_FULL);
            return;
        }
        if (start > now) {
            d.starts[(d.head + d.size) & (d.starts.length - 1)] = start;
            d.size++;
        }
        int length = frame.length();
        if (length != d.lastLength) {
            d.lastLength = length;
            d.lastSerialisation = config.serialisation(length);
        }
        long departure = start + d.lastSerialisation;
        d.busyUntil = departure;
        if (config.loss() > 0 && random().nextDouble() < config.loss()) {
            from.lostInTransit(frame, DropReason.LOSS);
            return;
        }
        d.wire.carry(frame, departure + config.delayNanos());
    }

    private RandomGenerator random() {
        if (random == null) {
            random = sim.random("link:" + name);
        }
        return random;
    }

    /** Cuts the cable now: carrier off on both ends; frames on the wire are lost. */
    public void down() {
        up = false;
        ab.wire.cut = true;
        ba.wire.cut = true;
        a.setCarrier(false);
        b.setCarrier(false);
    }

    /** Reconnects the cable now: carrier on at both ends. */
    public void up() {
        up = true;
        ab.wire.cut = false;
        ba.wire.cut = false;
        a.setCarrier(true);
        b.setCarrier(true);
    }

    public void downAt(long time) {
        sim.schedule(time, this::down);
    }

    public void upAt(long time) {
        sim.schedule(time, this::up);
    }
}
