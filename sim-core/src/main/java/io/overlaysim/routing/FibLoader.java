package io.overlaysim.routing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Loads a node's dumps into a {@link Fib} the way the corpus answers were made (the oracle's
 * set-up, i.e. what {@code ip link add}, {@code ip addr add} and {@code ip -batch route add}
 * leave in a fresh namespace): one device per name in the routes (then in the addresses), in
 * order; the addresses (given, or {@link AddressInference inferred}); the rules; then every
 * route line as {@code ip route add}, retried in passes while any succeeds (a gateway route may
 * come before the link route that makes its gateway reachable); kernel routes the dump repeats
 * are "present", not added twice; kernel prefix routes the dump lacks are removed. Flags
 * {@code ip route add} refuses ({@code linkdown}, {@code dead}, {@code nhid}, {@code expires},
 * ...) are dropped with a note, as the real kernel derives them itself.
 */
public final class FibLoader {
    private static final Set<RouteFlag> DROPPED = EnumSet.complementOf(EnumSet.of(RouteFlag.ONLINK));
    private static final int PASSES = 8;

    private FibLoader() {
    }

    /** A route with the line it came from. */
    public record Line(int line, Route route) {
    }

    /** What happened to one line: {@code loaded}, {@code present}, {@code failed} or {@code kept} (IPv6). */
    public record Outcome(int line, Route route, String status, String message, List<String> notes) {
    }

    /** The load report: per line, addresses used, kernel routes pruned. */
    public record Report(List<Outcome> routes, List<AddressInference.Inferred> addresses, List<Route> pruned) {
        public long count(String status) {
            return routes.stream().filter(o -> o.status().equals(status)).count();
        }

        public List<Outcome> failed() {
            return routes.stream().filter(o -> o.status().equals("failed")).toList();
        }
    }

    /**
     * Builds the FIB.
     *
     * @param addresses the node's addresses, or null to infer them from the routes
     * @param rules the node's rules, or null for the defaults
     * @param extraDevices devices named elsewhere (queries' iif/oif), created after the others
     */
    public static Report load(Fib fib, List<Line> lines, List<InterfaceAddress> addresses, RuleSet rules,
            List<String> extraDevices) {
        for (Line l : lines) {
            for (NextHop h : l.route().nexthops()) {
                if (h.device() != null) {
                    fib.links().add(h.device());
                }
            }
        }
        List<AddressInference.Inferred> used = new ArrayList<>();
        if (addresses != null) {
            for (InterfaceAddress a : addresses) {
                fib.links().add(a.device());
                used.add(new AddressInference.Inferred(a, 0, "ip addr dump"));
            }
        } else {
            used.addAll(AddressInference.infer(lines));
        }
        for (String d : extraDevices) {
            fib.links().add(d);
        }
        for (AddressInference.Inferred a : used) {
            fib.addAddress(a.address());
        }
        if (rules != null) {
            fib.setRules(rules);
        }
        Set<String> present = new HashSet<>();
        for (Route r : fib.routes()) {
            present.add(key(r));
        }
        Outcome[] outcomes = new Outcome[lines.size()];
        List<Integer> pending = new ArrayList<>();
        List<Route> cleaned = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            List<String> notes = new ArrayList<>();
            Route r = clean(l.route(), notes);
            cleaned.add(r);
            if (!r.isV4()) {
                outcomes[i] = new Outcome(l.line(), l.route(), "kept", "IPv6: kept, not forwarded", notes);
            } else if (isKernelish(r) && present.contains(key(r))) {
                outcomes[i] = new Outcome(l.line(), l.route(), "present", null, notes);
            } else {
                outcomes[i] = new Outcome(l.line(), l.route(), "failed", "not tried", notes);
                pending.add(i);
            }
        }
        for (int pass = 0; pass < PASSES && !pending.isEmpty(); pass++) {
            List<Integer> failed = new ArrayList<>();
            for (int i : pending) {
                RouteChange c = fib.addRoute(cleaned.get(i));
                Outcome o = outcomes[i];
                if (c instanceof RouteChange.Refused ref) {
                    failed.add(i);
                    outcomes[i] = new Outcome(o.line(), o.route(), "failed", ref.message(), o.notes());
                } else {
                    outcomes[i] = new Outcome(o.line(), o.route(), "loaded", null, o.notes());
                }
            }
            boolean progress = failed.size() < pending.size();
            pending = failed;
            if (!progress) {
                break;
            }
        }
        for (int i : pending) {
            Outcome o = outcomes[i];
            if ("File exists".equals(o.message()) && isKernelish(cleaned.get(i))) {
                outcomes[i] = new Outcome(o.line(), o.route(), "present", null, o.notes());
            }
        }
        List<Route> pruned = prune(fib, cleaned);
        return new Report(List.of(outcomes), used, pruned);
    }

    /** Kernel prefix routes in main that the dump does not list are removed (when it lists main at all). */
    private static List<Route> prune(Fib fib, List<Route> dump) {
        Set<String> keys = new HashSet<>();
        boolean hasMain = false;
        for (Route r : dump) {
            keys.add(key(r));
            hasMain |= r.isV4() && r.table() == TableNames.MAIN;
        }
        List<Route> pruned = new ArrayList<>();
        if (!hasMain) {
            return pruned;
        }
        for (Route r : fib.routes()) {
            if (r.table() == TableNames.MAIN && RouteProtocol.KERNEL.equals(r.protocol()) && !keys.contains(key(r))) {
                if (fib.deleteRoute(r)) {
                    pruned.add(r);
                }
            }
        }
        return pruned;
    }

    private static boolean isKernelish(Route r) {
        return RouteProtocol.KERNEL.equals(r.protocol()) || r.table() == TableNames.LOCAL;
    }

    /** The oracle's route identity: type, destination, table, first device. */
    static String key(Route r) {
        return r.type() + " " + r.destination() + " " + r.table() + " " + Objects.toString(r.device());
    }

    /** Drops what {@code ip route add} refuses to be told, noting each. */
    static Route clean(Route r, List<String> notes) {
        Route out = r;
        EnumSet<RouteFlag> keep = EnumSet.noneOf(RouteFlag.class);
        for (RouteFlag f : r.flags()) {
            if (DROPPED.contains(f)) {
                notes.add("dropped flag '" + f + "'");
            } else {
                keep.add(f);
            }
        }
        if (keep.size() != r.flags().size()) {
            out = out.withFlags(keep);
        }
        List<NextHop> hops = new ArrayList<>();
        boolean changed = false;
        for (NextHop h : r.nexthops()) {
            EnumSet<RouteFlag> hk = EnumSet.noneOf(RouteFlag.class);
            for (RouteFlag f : h.flags()) {
                if (DROPPED.contains(f)) {
                    notes.add("dropped flag '" + f + "'");
                    changed = true;
                } else {
                    hk.add(f);
                }
            }
            hops.add(h.withFlags(hk));
        }
        if (changed) {
            out = out.withNexthops(hops);
        }
        if (r.nhid() != null) {
            notes.add("dropped 'nhid " + r.nhid() + "'");
            out = out.withNhid(null);
        }
        if (r.expires() != null) {
            notes.add("dropped 'expires " + r.expires() + "'");
            out = out.withExpires(null);
        }
        return out;
    }
}
