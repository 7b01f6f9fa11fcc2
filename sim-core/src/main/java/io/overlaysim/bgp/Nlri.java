package io.overlaysim.bgp;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;

/**
 * One IPv4 NLRI entry (RFC 4271 §4.3): a prefix, and the path identifier of RFC 7911 §3 when
 * the session negotiated ADD-PATH (0 otherwise; the context says whether it is on the wire).
 * {@code bits} keeps the address octets exactly as received, host bits included, so that the
 * bytes re-encode unchanged; {@link #prefix()} clears them as BIRD does ({@code net_normalize_ip4}).
 *
 * <pre>{@code
 * Nlri n = Nlri.of(Ipv4Prefix.parse("172.16.52.128/26"));
 * n.prefix(); // 172.16.52.128/26
 * }</pre>
 */
public record Nlri(int pathId, int bits, int length) {
    public Nlri {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length 0..32 expected: " + length);
        }
        // Only the octets the length covers are on the wire.
        int octets = (length + 7) / 8;
        bits &= octets == 0 ? 0 : -1 << (32 - 8 * octets);
    }

    public static Nlri of(Ipv4Prefix prefix) {
        return new Nlri(0, prefix.bits(), prefix.length());
    }

    public static Nlri of(int pathId, Ipv4Prefix prefix) {
        return new Nlri(pathId, prefix.bits(), prefix.length());
    }

    public Ipv4Prefix prefix() {
        return Ipv4Prefix.of(bits, length);
    }

    /** The number of address octets on the wire. */
    public int octets() {
        return (length + 7) / 8;
    }

    @Override
    public String toString() {
        String p = Ipv4Address.format(bits) + "/" + length;
        return pathId == 0 ? p : p + " path " + Integer.toUnsignedString(pathId);
    }
}
