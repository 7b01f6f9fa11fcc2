package io.overlaysim.node;

import io.overlaysim.device.NetDevice;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.IcmpHeader;
import io.overlaysim.routing.Fib;
import io.overlaysim.routing.FibConfig;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteAnswer;
import io.overlaysim.routing.RouteError;
import io.overlaysim.routing.RouteLookup;
import io.overlaysim.routing.RouteQuery;
import io.overlaysim.routing.RouteType;
import java.util.Arrays;

/**
 * A node's routing as the stack uses it: the {@link Fib}, lookups through {@link RouteLookup}
 * turned into {@link RouteDecision}s, and a cache of decisions keyed by (destination, source,
 * input device) that any FIB change empties (the role of the kernel's per-nexthop route
 * cache), so forwarding pays one hash probe per packet.
 *
 * <p>Adapter notes: the FIB is built with forwarding on and {@code rp_filter} 0 because
 * {@link FibConfig} is fixed at construction while these are per-node, per-device sysctls that
 * change at run time; {@code ip_forward} and the strict/loose reverse-path check
 * ({@code __fib_validate_source}) are applied here on top of the FIB's answers.
 */
public final class Routes {
    private static final int CAPACITY = 1 << 12;
    private final Node node;
    private final Fib fib = new Fib(new FibConfig(true, 0, 0, false, 0));
    private final RouteLookup lookup = new RouteLookup(fib);
    private long generation;
    private final long[] keyAddr = new long[CAPACITY];
    private final int[] keyDev = new int[CAPACITY];
    private final RouteDecision[] values = new RouteDecision[CAPACITY];
    private int size;
    // The last input decision found or cached, in front of the table: a flow through a router
    // asks for the same key packet after packet, and this answers it without touching the
    // table's arrays (48 kB per node, so on a long chain they are out of the L1/L2 caches).
    private long lastInputKey;
    private int lastInputDev;
    private RouteDecision lastInput;

    Routes(Node node) {
        this.node = node;
    }

    public Fib fib() {
        return fib;
    }

    public RouteLookup lookup() {
        return lookup;
    }

    /** Bumped by every change of devices, addresses, routes or rules; empties the cache. */
    public long generation() {
        return generation;
    }

    /** Call after changing the FIB directly (rules, routes added by another package). */
    public void changed() {
        generation++;
        lastInput = null;
        if (size > 0) {
            Arrays.fill(values, null);
            size = 0;
        }
    }

    /**
     * The input route of a packet received on {@code in} ({@code ip_route_input_noref}),
     * cached. Sysctls are read when the decision is made: change them before traffic flows, or
     * call {@link #changed()}.
     */
    public RouteDecision input(int dst, int src, NetDevice in) {
        long k = ((long) dst << 32) | (src & 0xffffffffL);
        int dev = in.index();
        RouteDecision last = lastInput;
        if (last != null && lastInputKey == k && lastInputDev == dev) {
            return last;
        }
        int h = slot(k, dev);
        for (int i = 0; i < 8; i++) {
            int s = (h + i) & (CAPACITY - 1);
            RouteDecision v = values[s];
            if (v == null) {
                break;
            }
            if (keyAddr[s] == k && keyDev[s] == dev) {
                rememberInput(k, dev, v);
                return v;
            }
        }
        RouteDecision d = inputSlow(dst, src, in);
        if (d.matched() == null || d.matched().nexthops().size() <= 1) {
            put(h, k, dev, d);
            rememberInput(k, dev, d);
        }
        return d;
    }

    /** The output route of a locally generated packet ({@code ip_route_output_key}), cached when no device is forced. */
    public RouteDecision output(int dst, int src, NetDevice oif) {
        if (oif != null) {
            return outputSlow(dst, src, oif);
        }
        long k = ((long) dst << 32) | (src & 0xffffffffL);
        int h = slot(k, -1);
        for (int i = 0; i < 8; i++) {
            int s = (h + i) & (CAPACITY - 1);
            RouteDecision v = values[s];
            if (v == null) {
                break;
            }
            if (keyAddr[s] == k && keyDev[s] == -1) {
                return v;
            }
        }
        RouteDecision d = outputSlow(dst, src, null);
        if (d.matched() == null || d.matched().nexthops().size() <= 1) {
            put(h, k, -1, d);
        }
        return d;
    }

    private void rememberInput(long k, int dev, RouteDecision d) {
        lastInputKey = k;
        lastInputDev = dev;
        lastInput = d;
    }

    private static int slot(long k, int dev) {
        long x = (k ^ (dev * 0x9e3779b97f4a7c15L)) * 0xbf58476d1ce4e5b9L;
        return (int) (x >>> 52) & (CAPACITY - 1);
    }

    private void put(int h, long k, int dev, RouteDecision d) {
        if (size >= CAPACITY / 2) {
            Arrays.fill(values, null);
            size = 0;
        }
        for (int i = 0; i < 8; i++) {
            int s = (h + i) & (CAPACITY - 1);
            if (values[s] == null) {
                keyAddr[s] = k;
                keyDev[s] = dev;
                values[s] = d;
                size++;
                return;
            }
        }
    }

    private RouteDecision inputSlow(int dst, int src, NetDevice in) {
        Sysctls sys = node.sysctls();
        RouteAnswer a = lookup.get(new RouteQuery(dst, src, in.name(), null, 0, 0, RouteQuery.UDP, 0, 0));
        if (a instanceof RouteAnswer.Failed f) {
            return inputError(f.error(), dst);
        }
        RouteAnswer.Found found = (RouteAnswer.Found) a;
        Route m = found.matched();
        switch (found.type()) {
            case LOCAL: {
                // ip_route_input_slow validates the source of local traffic too (fib_validate_source -> martian_source)
                int rpfLocal = sys.rpFilter(in.name());
                if (rpfLocal != 0 && src != 0 && !reversePathOk(src, in, rpfLocal)) {
                    return error(RouteError.CROSS_DEVICE, DropReason.RP_FILTER, -1, m);
                }
                return decision(RouteDecision.Kind.LOCAL, null, found, 0);
            }
            case BROADCAST:
            case MULTICAST:
                return decision(RouteDecision.Kind.BROADCAST, null, found, 0);
            default:
                break;
        }
        if (!sys.ipForward) {
            // ip_route_input_slow: !IN_DEV_FORWARD -> EHOSTUNREACH, and ip_error stays silent
            return error(RouteError.NO_ROUTE_TO_HOST, DropReason.NOT_FORWARDING, -1, m);
        }
        int rpf = sys.rpFilter(in.name());
        if (rpf != 0 && !reversePathOk(src, in, rpf)) {
            return error(RouteError.CROSS_DEVICE, DropReason.RP_FILTER, -1, m);
        }
        NetDevice out = node.device(found.dev());
        boolean redirect = found.cache().contains("redirect") && sys.sendRedirects;
        return new RouteDecision(RouteDecision.Kind.UNICAST, out, found.gateway() == null ? 0 : found.gateway().v4bits(), 0,
                m, found.table(), null, null, -1, redirect, m == null ? 0 : m.metrics().mtu());
    }

    /**
     * {@code __fib_validate_source} with {@code rp_filter} 1 or 2: the route back to the source
     * must leave through the input device (strict) or exist at all (loose).
     */
    private boolean reversePathOk(int src, NetDevice in, int rpf) {
        RouteAnswer back = lookup.get(RouteQuery.to(src));
        if (!(back instanceof RouteAnswer.Found f) || f.type() != RouteType.UNICAST) {
            return false;
        }
        if (rpf == 2) {
            return true;
        }
        Route m = f.matched();
        if (m == null) {
            return in.name().equals(f.dev());
        }
        for (var h : m.nexthops()) {
            if (in.name().equals(h.device()) || (h.device() == null && in.name().equals(f.dev()))) {
                return true;
            }
        }
        return false;
    }

    /** {@code ip_error}: which unreachable code the error earns, and the ledger's reason. */
    private RouteDecision inputError(RouteError e, int dst) {
        Route m = matchedFor(dst);
        return switch (e) {
            case NETWORK_UNREACHABLE -> error(e, DropReason.NO_ROUTE, IcmpHeader.CODE_NET_UNREACHABLE, m);
            case NO_ROUTE_TO_HOST -> error(e, DropReason.UNREACHABLE, IcmpHeader.CODE_HOST_UNREACHABLE, m);
            case PERMISSION_DENIED -> error(e, DropReason.PROHIBIT, IcmpHeader.CODE_ADMIN_PROHIBITED, m);
            default -> error(e, m != null && m.type() == RouteType.BLACKHOLE ? DropReason.BLACKHOLE : DropReason.MARTIAN, -1, m);
        };
    }

    /** The input lookup's failure does not name the route; the output lookup of the same destination does. */
    private Route matchedFor(int dst) {
        RouteAnswer a = lookup.get(RouteQuery.to(dst));
        return switch (a) {
            case RouteAnswer.Failed f -> f.matched();
            case RouteAnswer.Found f -> f.matched();
        };
    }

    private RouteDecision outputSlow(int dst, int src, NetDevice oif) {
        RouteAnswer a = lookup.get(new RouteQuery(dst, src, null, oif == null ? null : oif.name(), 0, 0, RouteQuery.UDP, 0, 0));
        if (a instanceof RouteAnswer.Failed f) {
            DropReason r = switch (f.error()) {
                case NO_ROUTE_TO_HOST -> DropReason.UNREACHABLE;
                case PERMISSION_DENIED -> DropReason.PROHIBIT;
                case INVALID_ARGUMENT -> f.matched() != null && f.matched().type() == RouteType.BLACKHOLE
                        ? DropReason.BLACKHOLE : DropReason.MARTIAN;
                default -> DropReason.NO_ROUTE;
            };
            return error(f.error(), r, -1, f.matched());
        }
        RouteAnswer.Found found = (RouteAnswer.Found) a;
        int prefsrc = found.prefsrc() != 0 ? found.prefsrc() : src;
        if (found.type() == RouteType.LOCAL) {
            return decision(RouteDecision.Kind.LOCAL, node.device("lo"), found, prefsrc);
        }
        if (found.type() == RouteType.BROADCAST || found.type() == RouteType.MULTICAST) {
            return decision(RouteDecision.Kind.BROADCAST, node.device(found.dev()), found, prefsrc);
        }
        return decision(RouteDecision.Kind.UNICAST, node.device(found.dev()), found, prefsrc);
    }

    private static RouteDecision decision(RouteDecision.Kind kind, NetDevice dev, RouteAnswer.Found f, int prefsrc) {
        Route m = f.matched();
        return new RouteDecision(kind, dev, f.gateway() == null ? 0 : f.gateway().v4bits(), prefsrc, m, f.table(), null,
                null, -1, false, m == null ? 0 : m.metrics().mtu());
    }

    private static RouteDecision error(RouteError e, DropReason r, int code, Route m) {
        return new RouteDecision(RouteDecision.Kind.ERROR, null, 0, 0, m, 0, e, r, code, false, 0);
    }
}
