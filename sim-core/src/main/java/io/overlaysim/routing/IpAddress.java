package io.overlaysim.routing;

import io.overlaysim.net.AddressFormatException;
import io.overlaysim.net.Ipv4Address;

/**
 * An address of either family as routes carry them ({@code via}, {@code src}): IPv4 for what
 * the simulator forwards, IPv6 parsed and kept so that dumps round-trip.
 */
public sealed interface IpAddress permits IpAddress.V4, IpAddress.V6 {

    /** An IPv4 address. */
    record V4(Ipv4Address address) implements IpAddress {
        public int bits() {
            return address.bits();
        }

        @Override
        public String toString() {
            return address.toString();
        }
    }

    /** An IPv6 address as two 64-bit halves, printed as RFC 5952 text (as iproute2 does). */
    record V6(long high, long low) implements IpAddress {
        @Override
        public String toString() {
            return Ipv6Text.format(high, low);
        }
    }

    static IpAddress v4(Ipv4Address a) {
        return new V4(a);
    }

    static IpAddress v4(int bits) {
        return new V4(new Ipv4Address(bits));
    }

    /** Parses an IPv4 dotted quad or an IPv6 literal (a {@code :} says which). */
    static IpAddress parse(String text) {
        if (text.indexOf(':') >= 0) {
            long[] v = Ipv6Text.parse(text);
            return new V6(v[0], v[1]);
        }
        return new V4(Ipv4Address.parse(text));
    }

    /** Whether {@code text} parses as an address of either family. */
    static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (AddressFormatException e) {
            return false;
        }
    }

    default boolean isV4() {
        return this instanceof V4;
    }

    /** The IPv4 bits; fails for an IPv6 address. */
    default int v4bits() {
        if (this instanceof V4 v) {
            return v.bits();
        }
        throw new IllegalStateException("not an IPv4 address: " + this);
    }
}
