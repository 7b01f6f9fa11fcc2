package io.overlaysim.net;

/**
 * An IPv4 prefix: a network address and a length 0..32. The canonical form has no host bits
 * set; {@link #parse(CharSequence, boolean)} says whether host bits are allowed in the text
 * (they are in {@code ip addr}'s {@code 192.168.0.176/24}, not in a route's destination).
 *
 * <pre>{@code
 * Ipv4Prefix p = Ipv4Prefix.parse("172.16.52.128/26");
 * p.contains(Ipv4Address.parse("172.16.52.132")); // true
 * p.broadcast();                                   // 172.16.52.191
 * }</pre>
 */
public record Ipv4Prefix(Ipv4Address address, int length) implements Comparable<Ipv4Prefix> {
    public static final Ipv4Prefix DEFAULT = new Ipv4Prefix(Ipv4Address.ANY, 0);
    private static final String EXPECTED = "an IPv4 prefix (a.b.c.d/len, len 0..32)";

    public Ipv4Prefix {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length out of range 0..32: " + length);
        }
    }

    /** The prefix {@code bits/length} with host bits cleared. */
    public static Ipv4Prefix of(int bits, int length) {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length out of range 0..32: " + length);
        }
        return new Ipv4Prefix(new Ipv4Address(bits & mask(length)), length);
    }

    public static Ipv4Prefix of(Ipv4Address address, int length) {
        return of(address.bits(), length);
    }

    /** A /32 for one address. */
    public static Ipv4Prefix host(Ipv4Address address) {
        return new Ipv4Prefix(address, 32);
    }

    /** Parses {@code a.b.c.d/len} strictly: host bits set are an error. */
    public static Ipv4Prefix parse(CharSequence text) {
        return parse(text, false);
    }

    /**
     * Parses {@code a.b.c.d/len}, or a bare address as a /32.
     *
     * @param allowHostBits when false, an address with bits beyond the length is an error;
     *     when true the bits are cleared in the result (use {@link #parseInterface} to keep them)
     */
    public static Ipv4Prefix parse(CharSequence text, boolean allowHostBits) {
        String s = text.toString();
        int slash = s.indexOf('/');
        int bits;
        int len;
        try {
            if (slash < 0) {
                bits = Ipv4Address.parseBits(s);
                len = 32;
            } else {
                bits = Ipv4Address.parseBits(s.substring(0, slash));
                len = parseLength(s.substring(slash + 1));
            }
        } catch (AddressFormatException e) {
            throw new AddressFormatException(s, EXPECTED);
        }
        if (!allowHostBits && (bits & ~mask(len)) != 0) {
            throw new AddressFormatException(s, "an IPv4 prefix without host bits (did you mean "
                    + Ipv4Address.format(bits & mask(len)) + "/" + len + "?)");
        }
        return of(bits, len);
    }

    /** The address part of {@code a.b.c.d/len} as written, host bits kept (for {@code ip addr}). */
    public static Ipv4Address parseInterfaceAddress(CharSequence text) {
        String s = text.toString();
        int slash = s.indexOf('/');
        try {
            if (slash >= 0) {
                parseLength(s.substring(slash + 1));
            }
            return Ipv4Address.parse(slash < 0 ? s : s.substring(0, slash));
        } catch (AddressFormatException e) {
            throw new AddressFormatException(s, EXPECTED);
        }
    }

    private static int parseLength(String s) {
        if (s.isEmpty() || s.length() > 2) {
            throw new AddressFormatException(s, EXPECTED);
        }
        int len = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new AddressFormatException(s, EXPECTED);
            }
            len = len * 10 + (c - '0');
        }
        if (len > 32) {
            throw new AddressFormatException(s, EXPECTED);
        }
        return len;
    }

    /** The netmask for a length: {@code mask(24) == 0xFFFFFF00}. */
    public static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    public int mask() {
        return mask(length);
    }

    public int bits() {
        return address.bits();
    }

    public boolean contains(Ipv4Address a) {
        return contains(a.bits());
    }

    public boolean contains(int a) {
        return ((a ^ address.bits()) & mask(length)) == 0;
    }

    /** Whether {@code other} lies entirely inside this prefix. */
    public boolean covers(Ipv4Prefix other) {
        return other.length >= length && contains(other.address.bits());
    }

    public Ipv4Address broadcast() {
        return new Ipv4Address(address.bits() | ~mask(length));
    }

    public boolean isDefault() {
        return length == 0;
    }

    @Override
    public int compareTo(Ipv4Prefix o) {
        int c = address.compareTo(o.address);
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    /** {@code a.b.c.d/len}, always with the length (route printers drop {@code /32} themselves). */
    @Override
    public String toString() {
        return address + "/" + length;
    }
}
