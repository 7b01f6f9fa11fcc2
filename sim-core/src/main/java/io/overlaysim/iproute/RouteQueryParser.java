package io.overlaysim.iproute;

import io.overlaysim.net.AddressFormatException;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.routing.Numbers;
import io.overlaysim.routing.RouteQuery;

/**
 * Parses an {@code ip route get} argument list:
 * {@code DEST [from SRC] [iif DEV] [oif DEV] [mark N] [tos T] [ipproto P] [sport N] [dport N]}
 * (also with {@code to} before the destination, and {@code dev} for {@code oif}).
 */
public final class RouteQueryParser {
    private RouteQueryParser() {
    }

    public static RouteQuery parse(LineTokens t) {
        int dst = -1;
        boolean haveDst = false;
        int src = 0;
        String iif = null;
        String oif = null;
        long mark = 0;
        int tos = 0;
        int proto = RouteQuery.UDP;
        int sport = 0;
        int dport = 0;
        while (t.hasNext()) {
            String k = t.next();
            switch (k) {
                case "from" -> src = addr(t, "a source address");
                case "iif" -> iif = t.next("a device name");
                case "oif", "dev" -> oif = t.next("a device name");
                case "mark", "fwmark" -> mark = num(t, "a mark", 0xffffffffL);
                case "tos", "dsfield" -> tos = (int) num(t, "a TOS value", 255);
                case "ipproto" -> proto = protocol(t);
                case "sport" -> sport = (int) num(t, "a port", 65535);
                case "dport" -> dport = (int) num(t, "a port", 65535);
                case "to" -> {
                    dst = addr(t, "a destination address");
                    haveDst = true;
                }
                default -> {
                    if (haveDst) {
                        throw t.errorAtPrevious("a route get option (from, iif, oif, mark, tos, ipproto, sport, dport)");
                    }
                    t.reset(t.position() - 1);
                    dst = addr(t, "an IPv4 destination address");
                    haveDst = true;
                }
            }
        }
        if (!haveDst) {
            throw t.error("an IPv4 destination address");
        }
        return new RouteQuery(dst, src, iif, oif, mark, tos, proto, sport, dport);
    }

    private static int addr(LineTokens t, String expected) {
        String s = t.next(expected);
        try {
            return Ipv4Address.parseBits(s);
        } catch (AddressFormatException e) {
            throw t.errorAtPrevious(expected);
        }
    }

    private static long num(LineTokens t, String expected, long max) {
        Long v = Numbers.parseLong(t.next(expected));
        if (v == null || v > max) {
            throw t.errorAtPrevious(expected);
        }
        return v;
    }

    private static int protocol(LineTokens t) {
        String s = t.next("an IP protocol");
        return switch (s) {
            case "tcp" -> 6;
            case "udp" -> 17;
            case "icmp" -> 1;
            default -> {
                Integer n = Numbers.parseUnsigned(s, 255);
                if (n == null) {
                    throw t.errorAtPrevious("an IP protocol (tcp, udp, icmp or a number)");
                }
                yield n;
            }
        };
    }
}
