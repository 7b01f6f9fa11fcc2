package io.overlaysim.bgp;

/**
 * A ROUTE-REFRESH (RFC 2918 §3): asks the peer to re-send its Adj-RIB-Out for one family. The
 * octet between AFI and SAFI is the message subtype of RFC 7313 §3 (0 normal request, 1 BoRR,
 * 2 EoRR); other subtypes are kept, and ignored by a speaker as RFC 7313 §5 says.
 */
public record RouteRefreshMessage(AfiSafi family, int subtype) implements BgpMessage {
    public static final int NORMAL = 0;
    public static final int BEGINNING_OF_ROUTE_REFRESH = 1;
    public static final int END_OF_ROUTE_REFRESH = 2;

    public RouteRefreshMessage {
        if (subtype < 0 || subtype > 255) {
            throw new IllegalArgumentException("subtype 0..255 expected: " + subtype);
        }
    }

    public static RouteRefreshMessage request(AfiSafi family) {
        return new RouteRefreshMessage(family, NORMAL);
    }

    @Override
    public MessageType type() {
        return MessageType.ROUTE_REFRESH;
    }
}
