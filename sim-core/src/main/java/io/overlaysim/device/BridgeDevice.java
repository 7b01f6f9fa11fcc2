package io.overlaysim.device;

import io.overlaysim.engine.Simulation;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.EthernetHeader;
import io.overlaysim.packet.PacketBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Linux bridge ({@code ip link add cni0 type bridge}): ports whose received frames it takes
 * ({@code br_handle_frame}), a learning forwarding database with ageing ({@code br_fdb_update},
 * {@code ageing_time} 300 s), forwarding of known unicast to its port, flooding of broadcast,
 * multicast and unknown unicast to every other port ({@code br_flood}), and the bridge's own L3
 * side: frames for its MAC, and copies of broadcasts, go up to the node as received on the
 * bridge (Flannel's {@code cni0} is the pods' gateway this way), and what the node sends on the
 * bridge goes out of the port the FDB names (or every port).
 *
 * <pre>{@code
 * BridgeDevice cni0 = node.addDevice(new BridgeDevice("cni0", mac, 1450));
 * cni0.addPort(node.device("veth1"));
 * node.addAddress("cni0", "10.244.1.1/24");
 * }</pre>
 */
public final class BridgeDevice extends NetDevice implements DeviceOwner {
    /** One learned address: the port it was seen on, and when. */
    public record FdbEntry(long mac, NetDevice port, long seenAt) {
    }

    private final List<NetDevice> ports = new ArrayList<>();
    private final Map<Long, FdbEntry> fdb = new HashMap<>();
    private long ageingNanos = 300_000_000_000L;

    public BridgeDevice(String name, long mac, int mtu) {
        super(name, mac, mtu);
    }

    @Override
    public LinkType linkType() {
        return LinkType.ETHERNET;
    }

    /** {@code ip link set PORT master BRIDGE}: the port's received frames come to the bridge. */
    public void addPort(NetDevice port) {
        if (port == this || ports.contains(port)) {
            throw new IllegalArgumentException("cannot add " + port + " to bridge " + name());
        }
        ports.add(port);
        port.setOwner(this);
    }

    public void removePort(NetDevice port) {
        if (ports.remove(port)) {
            port.setOwner(null);
            fdb.values().removeIf(e -> e.port() == port);
        }
    }

    public List<NetDevice> ports() {
        return List.copyOf(ports);
    }

    /** {@code ip link set BRIDGE type bridge ageing_time}: how long a learned address lives (300 s default). */
    public void setAgeing(long nanos) {
        this.ageingNanos = nanos;
    }

    /** The port {@code mac} was learned on and is still fresh, or null ({@code br_fdb_find_rcu}). */
    public NetDevice portOf(long mac) {
        FdbEntry e = fdb.get(mac);
        if (e == null) {
            return null;
        }
        if (simulation().now() - e.seenAt() > ageingNanos) {
            fdb.remove(mac);
            return null;
        }
        return e.port();
    }

    /** The learned entries ({@code bridge fdb show}), fresh or not yet aged out. */
    public List<FdbEntry> fdb() {
        return List.copyOf(fdb.values());
    }

    // ---------------------------------------------------------------- DeviceOwner for the ports

    @Override
    public Simulation simulation() {
        return node().simulation();
    }

    /** {@code br_handle_frame_finish}: learn the source, then deliver up, forward or flood. */
    @Override
    public void receive(NetDevice in, PacketBuffer frame) {
        if (!isRunning()) {
            node().dropped(in, frame, isAdminUp() ? DropReason.LINK_DOWN : DropReason.DEVICE_DOWN);
            return;
        }
        byte[] b = frame.array();
        int off = frame.start();
        long dst = EthernetHeader.destination(b, off);
        long src = EthernetHeader.source(b, off);
        if ((src & 0x0100_0000_0000L) == 0) {
            fdb.put(src, new FdbEntry(src, in, simulation().now()));
        }
        boolean group = (dst & 0x0100_0000_0000L) != 0;
        if (dst == mac()) {
            receive(frame);   // up, as received on the bridge
            return;
        }
        NetDevice out = group ? null : portOf(dst);
        if (out != null) {
            if (out == in) {
                // the destination lives behind the port it came from: br_forward does not send it back
                node().dropped(in, frame, DropReason.NOT_FOR_US);
                return;
            }
            out.transmit(frame);
            return;
        }
        flood(frame, in, group);
    }

    @Override
    public void dropped(NetDevice dev, PacketBuffer frame, DropReason reason) {
        node().dropped(dev, frame, reason);
    }

    @Override
    public void created(PacketBuffer p, String what) {
        node().created(p, what);
    }

    @Override
    public void consume(PacketBuffer p) {
        node().consume(p);
    }

    @Override
    public void linkChanged(NetDevice dev) {
        node().linkChanged(dev);
    }

    // ---------------------------------------------------------------- the bridge's own transmit

    /** The node sends on the bridge ({@code br_dev_xmit}): to the learned port, else flooded. */
    @Override
    protected void send(PacketBuffer frame) {
        long dst = EthernetHeader.destination(frame.array(), frame.start());
        boolean group = (dst & 0x0100_0000_0000L) != 0;
        NetDevice out = group ? null : portOf(dst);
        if (out != null) {
            out.transmit(frame);
            return;
        }
        flood(frame, null, false);
    }

    /** {@code br_flood}: every running port but the one it came in on, and up to the node for group frames. */
    private void flood(PacketBuffer frame, NetDevice in, boolean up) {
        List<NetDevice> targets = new ArrayList<>(ports.size());
        for (NetDevice p : ports) {
            if (p != in && p.isRunning()) {
                targets.add(p);
            }
        }
        int n = targets.size() + (up ? 1 : 0);
        if (n == 0) {
            node().dropped(in == null ? this : in, frame, DropReason.NOT_FOR_US);
            return;
        }
        PacketBuffer[] copies = Flooding.copies(node(), frame, n, "bridge flood");
        for (int i = 0; i < targets.size(); i++) {
            targets.get(i).transmit(copies[i]);
        }
        if (up) {
            receive(copies[n - 1]);
        }
    }
}
