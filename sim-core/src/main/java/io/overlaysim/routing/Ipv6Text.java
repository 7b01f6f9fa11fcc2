package io.overlaysim.routing;

import io.overlaysim.net.AddressFormatException;

/** Parsing and RFC 5952 formatting of IPv6 text (what {@code inet_ntop} prints). */
final class Ipv6Text {
    private static final String EXPECTED = "an IPv6 address";

    private Ipv6Text() {
    }

    /** Parses {@code fe80::1}, {@code ::ffff:1.2.3.4}, ... into {high, low}. */
    static long[] parse(String text) {
        String s = text;
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct);
        }
        int[] groups = new int[8];
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            throw new AddressFormatException(text, EXPECTED);
        }
        try {
            if (dbl < 0) {
                if (fill(s, groups, 0, text) != 8) {
                    throw new AddressFormatException(text, EXPECTED);
                }
            } else {
                int[] head = new int[8];
                int[] tail = new int[8];
                int nh = dbl == 0 ? 0 : fill(s.substring(0, dbl), head, 0, text);
                String rest = s.substring(dbl + 2);
                int nt = rest.isEmpty() ? 0 : fill(rest, tail, 0, text);
                if (nh + nt > 7) {
                    throw new AddressFormatException(text, EXPECTED);
                }
                System.arraycopy(head, 0, groups, 0, nh);
                System.arraycopy(tail, 0, groups, 8 - nt, nt);
            }
        } catch (NumberFormatException e) {
            throw new AddressFormatException(text, EXPECTED);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = (hi << 16) | groups[i];
            lo = (lo << 16) | groups[i + 4];
        }
        return new long[] {hi, lo};
    }

    private static int fill(String part, int[] out, int start, String text) {
        String[] pieces = part.split(":", -1);
        int n = start;
        for (int i = 0; i < pieces.length; i++) {
            String p = pieces[i];
            if (i == pieces.length - 1 && p.indexOf('.') >= 0) {
                int v4 = io.overlaysim.net.Ipv4Address.parseBits(p);
                if (n + 2 > 8) {
                    throw new AddressFormatException(text, EXPECTED);
                }
                out[n++] = (v4 >>> 16) & 0xffff;
                out[n++] = v4 & 0xffff;
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || n >= 8) {
                throw new AddressFormatException(text, EXPECTED);
            }
            out[n++] = Integer.parseInt(p, 16);
        }
        return n;
    }

    /** RFC 5952: lower case, no leading zeros, the longest run (>= 2) of zero groups as {@code ::}. */
    static String format(long hi, long lo) {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xffff);
            g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xffff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        // IPv4-mapped (::ffff:a.b.c.d) prints its tail as a dotted quad, like inet_ntop.
        if (hi == 0 && (lo >>> 32) == 0xffffL) {
            return "::ffff:" + io.overlaysim.net.Ipv4Address.format((int) lo);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
