package io.overlaysim.device;

import io.overlaysim.engine.Simulation;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.EthernetHeader;
import io.overlaysim.packet.PacketBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A shared L2 segment: a learning switch joining many Ethernet devices (the nodes' NICs on one
 * subnet, as {@code 192.168.0.0/24} joins the workers). A frame from one device reaches the
 * device its destination MAC was learned on after the segment's delay, or, for broadcast,
 * multicast and unknown unicast, every other device (a copy each). No serialisation or queue:
 * the switch is taken as non-blocking.
 *
 * <pre>{@code
 * Segment lan = new Segment(sim, "lan", 1_000);
 * lan.attach(worker01.addEthernet("enp1s0"));
 * lan.attach(worker02.addEthernet("enp1s0"));
 * }</pre>
 */
public final class Segment implements Channel {
    private final Simulation sim;
    private final String name;
    private final long delayNanos;
    private final List<EthernetDevice> devices = new ArrayList<>();
    private final Map<EthernetDevice, Wire> wires = new IdentityHashMap<>();
    private final Map<Long, EthernetDevice> learned = new HashMap<>();

    public Segment(Simulation sim, String name, long delayNanos) {
        this.sim = sim;
        this.name = name;
        this.delayNanos = delayNanos;
    }

    public String name() {
        return name;
    }

    /** Plugs {@code dev} into the segment. */
    public Segment attach(EthernetDevice dev) {
        devices.add(dev);
        wires.put(dev, new Wire(sim, dev));
        dev.plug(this);
        return this;
    }

    public List<EthernetDevice> devices() {
        return List.copyOf(devices);
    }

    /** The device {@code mac} was learned on, or null. */
    public EthernetDevice learned(long mac) {
        return learned.get(mac);
    }

    @Override
    public void transmit(EthernetDevice from, PacketBuffer frame) {
        byte[] b = frame.array();
        long dst = EthernetHeader.destination(b, frame.start());
        long src = EthernetHeader.source(b, frame.start());
        if ((src & 0x0100_0000_0000L) == 0) {
            learned.put(src, from);
        }
        long at = sim.now() + delayNanos;
        EthernetDevice to = (dst & 0x0100_0000_0000L) != 0 ? null : learned.get(dst);
        if (to != null) {
            if (to == from) {
                from.lostInTransit(frame, DropReason.NOT_FOR_US);
                return;
            }
            wires.get(to).carry(frame, at);
            return;
        }
        List<EthernetDevice> targets = new ArrayList<>(devices.size());
        for (EthernetDevice d : devices) {
            if (d != from) {
                targets.add(d);
            }
        }
        if (targets.isEmpty()) {
            from.lostInTransit(frame, DropReason.NOT_FOR_US);
            return;
        }
        PacketBuffer[] copies = Flooding.copies(from.node(), frame, targets.size(), "segment flood");
        for (int i = 0; i < copies.length; i++) {
            wires.get(targets.get(i)).carry(copies[i], at);
        }
    }
}
