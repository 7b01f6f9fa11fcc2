package io.overlaysim.device;

import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.PacketBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A network device of a node ({@code struct net_device}): name, index, MAC address, MTU, admin
 * state ({@code ip link set up}), carrier (operational state), counters, capture taps. A
 * subclass moves frames: {@link #transmit} is {@code ndo_start_xmit}; frames arriving from the
 * device's channel (or peer, or tunnel) enter through {@link #receive}, which counts them, shows
 * them to the taps and hands them to the owner (the node, or the bridge the device is a port of).
 *
 * <p>A tunnel device is a subclass whose {@link #transmit} encapsulates and re-enters its
 * node's stack, and whose decapsulated packets come back through {@link #receive}.
 */
public abstract class NetDevice {
    private static final DeviceTap[] NO_TAPS = {};

    private final String name;
    private final long mac;
    private int index;
    private int mtu;
    private boolean adminUp = true;
    private boolean carrier = true;
    private boolean noArp;
    private DeviceOwner owner;
    private DeviceOwner node;
    private DeviceTap[] taps = NO_TAPS;
    protected final DeviceCounters counters = new DeviceCounters();

    protected NetDevice(String name, long mac, int mtu) {
        this.name = Objects.requireNonNull(name, "name");
        this.mac = mac;
        this.mtu = mtu;
        changed();
    }

    public final String name() {
        return name;
    }

    /** The interface index ({@code ifindex}), given when the device joins a node; 0 before. */
    public final int index() {
        return index;
    }

    /** The MAC address as 48 bits (0 for devices without one). */
    public final long mac() {
        return mac;
    }

    public final int mtu() {
        return mtu;
    }

    public void setMtu(int mtu) {
        if (mtu < 68) {
            throw new IllegalArgumentException("mtu " + mtu + " below the IPv4 minimum 68");
        }
        this.mtu = mtu;
        changed();
    }

    /** {@code ip link set DEV up|down}. */
    public final boolean isAdminUp() {
        return adminUp;
    }

    public void setAdminUp(boolean up) {
        this.adminUp = up;
        changed();
    }

    /** {@code IFF_NOARP} ({@code ip link set DEV arp off}): neighbours on the device need no resolution. */
    public final boolean isNoArp() {
        return noArp;
    }

    public void setNoArp(boolean on) {
        this.noArp = on;
    }

    /** Whether the lower layer is up ({@code LOWER_UP}); a link going down clears it. */
    public final boolean hasCarrier() {
        return carrier;
    }

    public void setCarrier(boolean on) {
        this.carrier = on;
        changed();
    }

    private void changed() {
        if (node != null) {
            node.linkChanged(this);
        }
    }

    /** Whether frames can pass: admin up and carrier on ({@code netif_running && netif_carrier_ok}). */
    public final boolean isRunning() {
        return adminUp && carrier;
    }

    public abstract LinkType linkType();

    public final DeviceCounters counters() {
        return counters;
    }

    /** The owner received frames go to: the node, or a bridge when the device is a bridge port. */
    public final DeviceOwner owner() {
        return owner;
    }

    /** The node (namespace) the device lives in. */
    public final DeviceOwner node() {
        return node;
    }

    /** Called by the node when the device joins it. */
    public final void attach(DeviceOwner node, int index) {
        this.node = node;
        this.owner = node;
        this.index = index;
    }

    /** Makes {@code owner} (a bridge) receive this device's frames ({@code netdev_rx_handler_register}). */
    public final void setOwner(DeviceOwner owner) {
        this.owner = owner == null ? node : owner;
    }

    public final void addTap(DeviceTap tap) {
        taps = Arrays.copyOf(taps, taps.length + 1);
        taps[taps.length - 1] = tap;
    }

    public final boolean isTapped() {
        return taps.length != 0;
    }

    /**
     * Sends a frame ({@code dev_queue_xmit}): counted, shown to the taps, handed to the
     * subclass. A device that is not running drops it ({@code link-down}/{@code device-down}).
     */
    public final void transmit(PacketBuffer frame) {
        if (!adminUp) {
            counters.txDropped++;
            node.dropped(this, frame, DropReason.DEVICE_DOWN);
            return;
        }
        if (!carrier) {
            counters.txDropped++;
            node.dropped(this, frame, DropReason.LINK_DOWN);
            return;
        }
        counters.txPackets++;
        counters.txBytes += frame.length();
        DeviceTap[] t = taps;
        for (int i = 0; i < t.length; i++) {
            t[i].frame(this, true, frame, node.simulation().now());
        }
        send(frame);
    }

    /** Moves a frame onto the wire (the driver's {@code ndo_start_xmit}). */
    protected abstract void send(PacketBuffer frame);

    /**
     * A frame arrives at this device from its channel, peer or tunnel: dropped when the device
     * is down, else counted, tapped and handed to the owner.
     */
    public final void receive(PacketBuffer frame) {
        if (!adminUp || !carrier) {
            counters.rxDropped++;
            node.dropped(this, frame, adminUp ? DropReason.LINK_DOWN : DropReason.DEVICE_DOWN);
            return;
        }
        counters.rxPackets++;
        counters.rxBytes += frame.length();
        DeviceTap[] t = taps;
        for (int i = 0; i < t.length; i++) {
            t[i].frame(this, false, frame, node.simulation().now());
        }
        owner.receive(this, frame);
    }

    /** Reports a frame lost by the device's channel (queue full, random loss) to the node. */
    protected final void channelDropped(PacketBuffer frame, DropReason reason) {
        counters.txDropped++;
        node.dropped(this, frame, reason);
    }

    /** Reports a frame lost in transit (it was counted as sent) to the node. */
    protected final void lostInTransit(PacketBuffer frame, DropReason reason) {
        node.dropped(this, frame, reason);
    }

    @Override
    public String toString() {
        return name;
    }
}
