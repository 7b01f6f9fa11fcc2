package io.overlaysim.routing;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node's IPv4 addresses as a route dump implies them, by the rule the corpus answers were
 * made with ({@code expected/INDEX.md}, the oracle's {@code infer_addresses}): one address per
 * {@code proto kernel} route with a {@code src} inside its prefix (that prefix's length); each
 * {@code local} /32 of table local (length from its {@code broadcast} entry, else the longest
 * kernel prefix of its device holding it, else /32; {@code noprefixroute} when no kernel prefix
 * route of that length exists); any other {@code src} as a /32 {@code noprefixroute}.
 */
public final class AddressInference {
    private AddressInference() {
    }

    /** An inferred address and the line that implied it. */
    public record Inferred(InterfaceAddress address, int line, String why) {
    }

    /** Infers addresses from routes given with their line numbers (IPv6 routes are ignored). */
    public static List<Inferred> infer(List<FibLoader.Line> lines) {
        List<Inferred> out = new ArrayList<>();
        Set<Integer> have = new HashSet<>();
        Map<String, List<Integer>> bcast = new HashMap<>();
        for (FibLoader.Line l : lines) {
            Route r = l.route();
            if (r.isV4() && r.type() == RouteType.BROADCAST && r.device() != null && v4(r.prefsrc())) {
                bcast.computeIfAbsent(r.prefsrc().v4bits() + "/" + r.device(), k -> new ArrayList<>())
                        .add(r.destination().v4().bits());
            }
        }
        Map<String, List<Ipv4Prefix>> kprefix = new HashMap<>();
        for (FibLoader.Line l : lines) {
            Route r = l.route();
            if (!r.isV4() || !isKernelUnicast(r) || r.device() == null) {
                continue;
            }
            kprefix.computeIfAbsent(r.device(), k -> new ArrayList<>()).add(r.destination().v4());
            if (v4(r.prefsrc()) && r.destination().v4().contains(r.prefsrc().v4bits())
                    && have.add(r.prefsrc().v4bits())) {
                Ipv4Address a = new Ipv4Address(r.prefsrc().v4bits());
                out.add(new Inferred(addr(r.device(), a, r.destination().length(), false), l.line(),
                        "inferred from kernel route line " + l.line()));
            }
        }
        have.add(0x7f000001);
        for (FibLoader.Line l : lines) {
            Route r = l.route();
            if (!r.isV4() || r.type() != RouteType.LOCAL || r.device() == null || r.table() != TableNames.LOCAL
                    || r.destination().length() != 32) {
                continue;
            }
            int a = r.destination().v4().bits();
            if (have.contains(a)) {
                continue;
            }
            int plen = -1;
            List<Integer> bs = bcast.get(a + "/" + r.device());
            if (bs != null && !bs.isEmpty()) {
                int b = bs.get(0);
                for (int len = 31; len >= 1; len--) {
                    if ((a | ~Ipv4Prefix.mask(len)) == b) {
                        plen = len;
                        break;
                    }
                }
            }
            List<Ipv4Prefix> kp = kprefix.getOrDefault(r.device(), List.of());
            if (plen < 0) {
                for (Ipv4Prefix p : kp) {
                    if (p.contains(a)) {
                        plen = Math.max(plen, p.length());
                    }
                }
            }
            if (plen < 0) {
                plen = 32;
            }
            final int len = plen;
            boolean noPrefix = len != 32 && kp.stream().noneMatch(p -> p.contains(a) && p.length() == len);
            have.add(a);
            out.add(new Inferred(addr(r.device(), new Ipv4Address(a), len, noPrefix), l.line(),
                    "inferred from local-table line " + l.line()));
        }
        for (FibLoader.Line l : lines) {
            Route r = l.route();
            if (r.isV4() && v4(r.prefsrc()) && r.device() != null && have.add(r.prefsrc().v4bits())) {
                out.add(new Inferred(addr(r.device(), new Ipv4Address(r.prefsrc().v4bits()), 32, true), l.line(),
                        "inferred from src on line " + l.line()));
            }
        }
        return out;
    }

    private static boolean isKernelUnicast(Route r) {
        return RouteProtocol.KERNEL.equals(r.protocol()) && r.type() == RouteType.UNICAST && r.table() != TableNames.LOCAL;
    }

    private static boolean v4(IpAddress a) {
        return a != null && a.isV4();
    }

    private static InterfaceAddress addr(String dev, Ipv4Address a, int len, boolean noPrefixRoute) {
        return new InterfaceAddress(dev, a, len, null, null, "global", null, false, noPrefixRoute);
    }
}
