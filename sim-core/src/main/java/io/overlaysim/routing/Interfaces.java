package io.overlaysim.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The devices of a node as routing sees them, in creation order (the kernel's {@code dev_base}
 * list, which {@code inet_select_addr} walks), each with its IPv4 addresses in the order
 * {@code inet_insert_ifa} keeps them (primaries by scope, then secondaries). {@code lo} is
 * index 1, up, with 127.0.0.1/8.
 */
public final class Interfaces {
    /** One device. */
    public static final class Link {
        final int index;
        final String name;
        final boolean loopback;
        boolean up = true;
        boolean carrier = true;
        int mtu;
        final List<InterfaceAddress> addresses = new ArrayList<>();

        Link(int index, String name, boolean loopback, int mtu) {
            this.index = index;
            this.name = name;
            this.loopback = loopback;
            this.mtu = mtu;
        }

        public int index() {
            return index;
        }

        public String name() {
            return name;
        }

        public boolean isUp() {
            return up;
        }

        public boolean hasCarrier() {
            return carrier;
        }

        /** The device MTU ({@code dev->mtu}). */
        public int mtu() {
            return mtu;
        }

        public boolean isLoopback() {
            return loopback;
        }

        public List<InterfaceAddress> addresses() {
            return List.copyOf(addresses);
        }
    }

    private final Map<String, Link> byName = new LinkedHashMap<>();
    private final List<Link> byIndex = new ArrayList<>();

    Interfaces() {
        byIndex.add(null);
        add("lo", true, 65536);
    }

    /** Creates a device (up, carrier on) unless it exists; returns it. */
    public Link add(String name) {
        return add(name, false, 1500);
    }

    private Link add(String name, boolean loopback, int mtu) {
        Link l = byName.get(name);
        if (l == null) {
            l = new Link(byIndex.size(), name, loopback, mtu);
            byName.put(name, l);
            byIndex.add(l);
        }
        return l;
    }

    public Link get(String name) {
        return byName.get(name);
    }

    public Link get(int index) {
        return index > 0 && index < byIndex.size() ? byIndex.get(index) : null;
    }

    public Link loopback() {
        return byIndex.get(1);
    }

    /** All devices in creation order. */
    public List<Link> all() {
        return byIndex.subList(1, byIndex.size());
    }

    /** The device one of whose addresses is {@code addr} ({@code __ip_dev_find}), or null. */
    public Link findByAddress(int addr) {
        for (Link l : all()) {
            for (InterfaceAddress a : l.addresses) {
                if (a.address().bits() == addr) {
                    return l;
                }
            }
        }
        return null;
    }

    /** Whether {@code a} would be a secondary address on its device ({@code inet_insert_ifa}). */
    static boolean isSecondary(Link l, InterfaceAddress a) {
        int mask = io.overlaysim.net.Ipv4Prefix.mask(a.prefixLength());
        int net = (a.peer() != null ? a.peer() : a.address()).bits() & mask;
        for (InterfaceAddress o : l.addresses) {
            int omask = io.overlaysim.net.Ipv4Prefix.mask(o.prefixLength());
            int onet = (o.peer() != null ? o.peer() : o.address()).bits() & omask;
            if (!o.secondary() && omask == mask && onet == net) {
                return true;
            }
        }
        return false;
    }

    static int scopeValue(InterfaceAddress a) {
        RouteScope s = a.scope() == null ? RouteScope.UNIVERSE : RouteScope.parse(a.scope());
        return s == null ? 0 : s.value();
    }

    /** Inserts as {@code inet_insert_ifa} orders: a primary after the last primary of scope <= its own. */
    static void insert(Link l, InterfaceAddress a) {
        if (a.secondary()) {
            l.addresses.add(a);
            return;
        }
        int pos = 0;
        for (int i = 0; i < l.addresses.size(); i++) {
            InterfaceAddress o = l.addresses.get(i);
            if (!o.secondary() && scopeValue(a) <= scopeValue(o)) {
                // kernel: last_primary advances past primaries whose scope is >= the new one's
                pos = i + 1;
            }
        }
        l.addresses.add(pos, a);
    }
}
