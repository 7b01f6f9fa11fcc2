package io.overlaysim.node;

import io.overlaysim.device.BridgeDevice;
import io.overlaysim.device.DeviceOwner;
import io.overlaysim.device.EthernetDevice;
import io.overlaysim.device.LinkType;
import io.overlaysim.device.LoopbackDevice;
import io.overlaysim.device.NetDevice;
import io.overlaysim.device.VethDevice;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.EtherType;
import io.overlaysim.packet.EthernetHeader;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.packet.PacketLedger;
import io.overlaysim.routing.InterfaceAddress;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A Linux host or network namespace: devices by name and index, the FIB, the neighbour (ARP)
 * table, sysctls and the IPv4 stack. Frames from devices enter through {@link #receive}
 * ({@code netif_receive_skb}: ARP or {@code ip_rcv}); protocols register by IP protocol number.
 *
 * <pre>{@code
 * Node r = net.addNode("R");
 * r.addEthernet("eth0");
 * r.addAddress("eth0", "10.0.0.1/30");
 * r.sysctls().ipForward = true;
 * r.addRoute(route);                     // an io.overlaysim.routing.Route
 * r.registerProtocol(4, ipipHandler);    // a tunnel's receive side
 * }</pre>
 */
public final class Node implements DeviceOwner {
    private final Network network;
    private final String name;
    private final Sysctls sysctls = new Sysctls();
    private final List<NetDevice> byIndex = new ArrayList<>();
    private final Map<String, NetDevice> byName = new LinkedHashMap<>();
    private final IpProtocolHandler[] protocols = new IpProtocolHandler[256];
    private final Map<Class<?>, Object> extensions = new HashMap<>();
    private final Routes routes;
    private final NeighbourTable neighbours;
    private final Ipv4 ip;
    private final Icmp icmp;
    private boolean up = true;

    Node(Network network, String name) {
        this.network = network;
        this.name = name;
        byIndex.add(null);
        this.routes = new Routes(this);
        this.neighbours = new NeighbourTable(this);
        this.ip = new Ipv4(this);
        this.icmp = new Icmp(this);
        protocols[1] = icmp;
        LoopbackDevice lo = new LoopbackDevice();
        byIndex.add(lo);
        byName.put("lo", lo);
        lo.attach(this, 1);
    }

    public String name() {
        return name;
    }

    public Network network() {
        return network;
    }

    @Override
    public Simulation simulation() {
        return network.simulation();
    }

    public PacketLedger ledger() {
        return network.ledger();
    }

    public PacketObserver observer() {
        return network.observer();
    }

    public Sysctls sysctls() {
        return sysctls;
    }

    /** The routing side: the FIB, lookups and their cache. */
    public Routes routes() {
        return routes;
    }

    public NeighbourTable neighbours() {
        return neighbours;
    }

    /** The IPv4 stack: output for protocols and applications. */
    public Ipv4 ip() {
        return ip;
    }

    public Icmp icmp() {
        return icmp;
    }

    /** Whether the node runs; a node that is down drops everything it receives ({@code node-down}). */
    public boolean isUp() {
        return up;
    }

    public void setUp(boolean up) {
        this.up = up;
    }

    // ---------------------------------------------------------------- devices

    /** Adds a device: it gets the next interface index, and the FIB learns it. */
    public <D extends NetDevice> D addDevice(D dev) {
        if (byName.containsKey(dev.name())) {
            throw new IllegalArgumentException("device " + dev.name() + " exists on " + name);
        }
        int index = routes.fib().links().add(dev.name()).index();
        while (byIndex.size() <= index) {
            byIndex.add(null);
        }
        byIndex.set(index, dev);
        byName.put(dev.name(), dev);
        dev.attach(this, index);
        sysctls.deviceCreated(dev.name());
        linkChanged(dev);
        return dev;
    }

    /** The FIB follows the device's admin state, carrier and MTU ({@code fib_netdev_event}). */
    @Override
    public void linkChanged(NetDevice dev) {
        routes.fib().setLinkState(dev.name(), dev.isAdminUp(), dev.hasCarrier());
        routes.fib().setMtu(dev.name(), dev.mtu());
        routes.changed();
    }

    /** Adds an Ethernet NIC with MTU 1500 and a MAC derived from the names. */
    public EthernetDevice addEthernet(String dev) {
        return addDevice(new EthernetDevice(dev, Network.macFor(name, dev), 1500));
    }

    /** Adds one end of a veth pair (join the ends with {@link VethDevice#pair}). */
    public VethDevice addVeth(String dev) {
        return addDevice(new VethDevice(dev, Network.macFor(name, dev), 1500));
    }

    /** Adds a Linux bridge with MTU 1500 and a MAC derived from the names ({@code ip link add DEV type bridge}). */
    public BridgeDevice addBridge(String dev) {
        return addDevice(new BridgeDevice(dev, Network.macFor(name, dev), 1500));
    }

    public NetDevice device(String dev) {
        NetDevice d = byName.get(dev);
        if (d == null) {
            throw new IllegalArgumentException("no device " + dev + " on " + name + " (devices: " + byName.keySet() + ")");
        }
        return d;
    }

    public NetDevice deviceOrNull(String dev) {
        return byName.get(dev);
    }

    public NetDevice device(int index) {
        return index > 0 && index < byIndex.size() ? byIndex.get(index) : null;
    }

    /** The devices in index order, {@code lo} first. */
    public List<NetDevice> devices() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    /** {@code ip addr add CIDR dev DEV}: the address and the routes {@code fib_add_ifaddr} makes. */
    public void addAddress(String dev, String cidr) {
        device(dev);
        Ipv4Address a = Ipv4Prefix.parseInterfaceAddress(cidr);
        int slash = cidr.indexOf('/');
        int len = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
        routes.fib().addAddress(InterfaceAddress.of(dev, a, len));
        routes.changed();
    }

    /** {@code ip addr del CIDR dev DEV}: the address and the routes the kernel removes with it; false when absent. */
    public boolean deleteAddress(String dev, String cidr) {
        device(dev);
        Ipv4Address a = Ipv4Prefix.parseInterfaceAddress(cidr);
        int slash = cidr.indexOf('/');
        int len = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
        boolean had = routes.fib().links().get(dev).addresses().stream()
                .anyMatch(x -> x.address().equals(a) && x.prefixLength() == len);
        routes.fib().deleteAddress(dev, a, len);
        routes.changed();
        return had;
    }

    /** {@code ip route add}; the answer says whether the kernel would have taken it. */
    public RouteChange addRoute(Route r) {
        RouteChange c = routes.fib().addRoute(r);
        routes.changed();
        return c;
    }

    public boolean deleteRoute(Route r) {
        boolean d = routes.fib().deleteRoute(r);
        routes.changed();
        return d;
    }

    /** The first primary address of {@code dev}, or 0. */
    public int address(String dev) {
        for (InterfaceAddress a : routes.fib().links().get(dev).addresses()) {
            if (!a.secondary()) {
                return a.address().bits();
            }
        }
        return 0;
    }

    // ---------------------------------------------------------------- protocols

    /** Registers the handler of IP protocol {@code proto} ({@code inet_add_protocol}). */
    public void registerProtocol(int proto, IpProtocolHandler h) {
        if (protocols[proto] != null && protocols[proto] != h) {
            throw new IllegalStateException("protocol " + proto + " already registered on " + name);
        }
        protocols[proto] = h;
    }

    public IpProtocolHandler protocol(int proto) {
        return protocols[proto & 0xff];
    }

    /** A per-node singleton of another package (the UDP layer, a BGP speaker), made on first use. */
    @SuppressWarnings("unchecked")
    public <T> T extension(Class<T> type, Supplier<T> make) {
        Object o = extensions.get(type);
        if (o == null) {
            o = make.get();
            extensions.put(type, o);
        }
        return (T) o;
    }

    // ---------------------------------------------------------------- frames in

    /**
     * A frame received on {@code dev} ({@code __netif_receive_skb}): Ethernet frames are checked
     * for our MAC and dispatched by EtherType to ARP or {@code ip_rcv}; raw-IP devices
     * ({@code tunl0}) go straight to {@code ip_rcv}.
     */
    @Override
    public void receive(NetDevice dev, PacketBuffer frame) {
        PacketObserver obs = network.observer();
        if (obs.enabled()) {
            obs.received(this, dev, frame);
        }
        if (!up) {
            drop(frame, dev, DropReason.NODE_DOWN);
            return;
        }
        if (dev.linkType() == LinkType.NONE) {
            frame.setFlags(frame.flags() & ~Ipv4.F_L2_BROADCAST);
            ip.receive(dev, frame);
            return;
        }
        byte[] b = frame.array();
        int off = frame.start();
        if (frame.length() < EthernetHeader.LENGTH) {
            dev.counters().countRxDropped();
            drop(frame, dev, DropReason.BAD_HEADER);
            return;
        }
        long dst = EthernetHeader.destination(b, off);
        boolean l2broadcast = (dst & 0x0100_0000_0000L) != 0;
        if (!l2broadcast && dst != dev.mac() && dev.linkType() == LinkType.ETHERNET) {
            // PACKET_OTHERHOST: ip_rcv drops it
            drop(frame, dev, DropReason.NOT_FOR_US);
            return;
        }
        int type = EthernetHeader.etherType(b, off);
        if (type == EtherType.IPV4) {
            frame.pull(EthernetHeader.LENGTH);
            frame.setFlags(l2broadcast ? frame.flags() | Ipv4.F_L2_BROADCAST : frame.flags() & ~Ipv4.F_L2_BROADCAST);
            ip.receive(dev, frame);
        } else if (type == EtherType.ARP) {
            frame.pull(EthernetHeader.LENGTH);
            neighbours.arpReceive(dev, frame, l2broadcast);
        } else {
            dev.counters().countRxDropped();
            drop(frame, dev, DropReason.UNKNOWN_ETHERTYPE);
        }
    }

    @Override
    public void dropped(NetDevice dev, PacketBuffer frame, DropReason reason) {
        drop(frame, dev, reason);
    }

    // ---------------------------------------------------------------- the ledger

    /** Gives a new packet its id and tells the observer what it is. */
    public void created(PacketBuffer p, String what) {
        network.ledger().create(p);
        PacketObserver obs = network.observer();
        if (obs.enabled()) {
            obs.created(this, p, what);
        }
    }

    public void drop(PacketBuffer p, NetDevice dev, DropReason reason) {
        network.ledger().drop(p.id(), reason);
        PacketObserver obs = network.observer();
        if (obs.enabled()) {
            obs.dropped(this, dev, p, reason);
        }
    }

    public void deliver(PacketBuffer p, String to) {
        network.ledger().deliver(p.id());
        PacketObserver obs = network.observer();
        if (obs.enabled()) {
            obs.delivered(this, p, to);
        }
    }

    /** The packet turned into other packets (fragments, a reassembled datagram). */
    public void consume(PacketBuffer p) {
        network.ledger().consume(p.id());
    }

    @Override
    public String toString() {
        return name;
    }
}
