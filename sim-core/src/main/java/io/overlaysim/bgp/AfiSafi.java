package io.overlaysim.bgp;

/**
 * An address family: AFI (RFC 4760 §3, IANA "Address Family Numbers") and SAFI. BGP's
 * multiprotocol capability, ADD-PATH, graceful restart, End-of-RIB and ROUTE-REFRESH all name one.
 *
 * <pre>{@code
 * AfiSafi.IPV4_UNICAST.toString(); // "ipv4/unicast"
 * }</pre>
 */
public record AfiSafi(int afi, int safi) {
    public static final int AFI_IPV4 = 1;
    public static final int AFI_IPV6 = 2;
    public static final int SAFI_UNICAST = 1;
    public static final int SAFI_MULTICAST = 2;
    public static final AfiSafi IPV4_UNICAST = new AfiSafi(AFI_IPV4, SAFI_UNICAST);
    public static final AfiSafi IPV6_UNICAST = new AfiSafi(AFI_IPV6, SAFI_UNICAST);

    public AfiSafi {
        if (afi < 0 || afi > 0xffff || safi < 0 || safi > 0xff) {
            throw new IllegalArgumentException("AFI 0..65535 and SAFI 0..255 expected: " + afi + "/" + safi);
        }
    }

    /** The address length in bits of unicast/multicast NLRI of this family, or -1 if not IP. */
    int maxPrefixBits() {
        if (safi != SAFI_UNICAST && safi != SAFI_MULTICAST) {
            return -1;
        }
        return switch (afi) {
            case AFI_IPV4 -> 32;
            case AFI_IPV6 -> 128;
            default -> -1;
        };
    }

    @Override
    public String toString() {
        String a = switch (afi) {
            case AFI_IPV4 -> "ipv4";
            case AFI_IPV6 -> "ipv6";
            default -> "afi" + afi;
        };
        String s = switch (safi) {
            case SAFI_UNICAST -> "unicast";
            case SAFI_MULTICAST -> "multicast";
            default -> "safi" + safi;
        };
        return a + "/" + s;
    }
}
