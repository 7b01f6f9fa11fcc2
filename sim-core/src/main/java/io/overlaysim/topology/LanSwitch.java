package io.overlaysim.topology;

import io.overlaysim.device.DeviceOwner;
import io.overlaysim.device.EthernetDevice;
import io.overlaysim.device.LinkConfig;
import io.overlaysim.device.NetDevice;
import io.overlaysim.device.PointToPointLink;
import io.overlaysim.engine.Simulation;
import io.overlaysim.node.Node;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.EthernetHeader;
import io.overlaysim.packet.PacketBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A learning Ethernet switch for a cluster's underlay LAN (192.168.0.0/24 in the dumps): ports
 * on a node of its own ({@code lan}), one cable per host NIC. Frames to a learned MAC go out its
 * port, others are flooded (a copy per port, each a new packet in the ledger). A stand-in until
 * the {@code device} package's bridge and segment land; nothing else depends on it.
 */
final class LanSwitch implements DeviceOwner {
    private final Simulation sim;
    private final Node lan;
    private final List<EthernetDevice> ports = new ArrayList<>();
    private final Map<Long, EthernetDevice> fdb = new HashMap<>();

    LanSwitch(Simulation sim, Node lan) {
        this.sim = sim;
        this.lan = lan;
    }

    /** Cables {@code nic} to a new port {@code p-HOST}. */
    void plug(String host, EthernetDevice nic, LinkConfig config) {
        EthernetDevice port = lan.addEthernet("p-" + host);
        port.setOwner(this);
        ports.add(port);
        PointToPointLink.connect(sim, host + "-lan", nic, port, config);
    }

    @Override
    public Simulation simulation() {
        return sim;
    }

    @Override
    public void receive(NetDevice in, PacketBuffer frame) {
        byte[] b = frame.array();
        long src = EthernetHeader.source(b, frame.start());
        long dst = EthernetHeader.destination(b, frame.start());
        if ((src & 0x0100_0000_0000L) == 0) {
            fdb.put(src, (EthernetDevice) in);
        }
        EthernetDevice out = (dst & 0x0100_0000_0000L) == 0 ? fdb.get(dst) : null;
        if (out == in) {
            lan.drop(frame, in, DropReason.NOT_FOR_US);
            return;
        }
        if (out != null) {
            out.transmit(frame);
            return;
        }
        EthernetDevice last = null;
        for (EthernetDevice p : ports) {
            if (p == in) {
                continue;
            }
            if (last != null) {
                PacketBuffer copy = frame.copy();
                lan.created(copy, "switch flood copy");
                last.transmit(copy);
            }
            last = p;
        }
        if (last == null) {
            lan.drop(frame, in, DropReason.NOT_FOR_US);
        } else {
            last.transmit(frame);
        }
    }

    @Override
    public void dropped(NetDevice dev, PacketBuffer frame, DropReason reason) {
        lan.drop(frame, dev, reason);
    }
}
