package io.overlaysim.routing;

import io.overlaysim.net.AddressFormatException;
import io.overlaysim.net.Ipv4Prefix;

/** A route destination or source selector of either family ({@code default} is length 0). */
public sealed interface IpPrefix permits IpPrefix.V4, IpPrefix.V6 {

    /** An IPv4 prefix. */
    record V4(Ipv4Prefix prefix) implements IpPrefix {
        @Override
        public int length() {
            return prefix.length();
        }

        @Override
        public String toString() {
            return prefix.toString();
        }
    }

    /** An IPv6 prefix with host bits cleared. */
    record V6(long high, long low, int length) implements IpPrefix {
        public V6 {
            if (length < 0 || length > 128) {
                throw new IllegalArgumentException("prefix length out of range 0..128: " + length);
            }
        }

        @Override
        public String toString() {
            return Ipv6Text.format(high, low) + "/" + length;
        }
    }

    int length();

    static IpPrefix v4(Ipv4Prefix p) {
        return new V4(p);
    }

    /**
     * Parses {@code a.b.c.d[/len]} or an IPv6 prefix; a bare address is a host prefix. Host bits
     * are an error, as {@code ip route add} says ("Invalid prefix for given prefix length").
     */
    static IpPrefix parse(String text) {
        if (text.indexOf(':') < 0) {
            return new V4(Ipv4Prefix.parse(text));
        }
        int slash = text.indexOf('/');
        long[] a = Ipv6Text.parse(slash < 0 ? text : text.substring(0, slash));
        int len = 128;
        if (slash >= 0) {
            try {
                len = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new AddressFormatException(text, "an IPv6 prefix (addr/len, len 0..128)");
            }
            if (len < 0 || len > 128) {
                throw new AddressFormatException(text, "an IPv6 prefix (addr/len, len 0..128)");
            }
        }
        long hiMask = len >= 64 ? -1L : (len == 0 ? 0 : -1L << (64 - len));
        long loMask = len <= 64 ? 0 : (len == 128 ? -1L : -1L << (128 - len));
        if ((a[0] & ~hiMask) != 0 || (a[1] & ~loMask) != 0) {
            throw new AddressFormatException(text, "an IPv6 prefix without host bits");
        }
        return new V6(a[0], a[1], len);
    }

    default boolean isV4() {
        return this instanceof V4;
    }

    /** The IPv4 prefix; fails for IPv6. */
    default Ipv4Prefix v4() {
        if (this instanceof V4 v) {
            return v.prefix();
        }
        throw new IllegalStateException("not an IPv4 prefix: " + this);
    }

    /** Whether this is the whole address space ({@code default}). */
    default boolean isDefault() {
        return length() == 0;
    }

    /** Whether this prefix is a single host (/32 or /128). */
    default boolean isHost() {
        return length() == (isV4() ? 32 : 128);
    }
}
