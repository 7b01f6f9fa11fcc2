package io.overlaysim.routing;

/**
 * One {@code ip route get} question: {@code DEST [from SRC] [iif DEV] [oif DEV] [mark N] [tos T]
 * [ipproto P] [sport N] [dport N]}. Without {@code iif} it is an output lookup (a locally
 * generated packet); with it, the input lookup of a packet received on that device.
 *
 * @param dst the destination (bits)
 * @param src the source, 0 when not given
 * @param iif the input device, or null
 * @param oif the output device, or null
 * @param mark the firewall mark, 0 when none
 * @param tos the TOS byte, 0 when none
 * @param proto the IP protocol (route get defaults to UDP, 17)
 * @param sport the source port, 0 when none
 * @param dport the destination port, 0 when none
 */
public record RouteQuery(int dst, int src, String iif, String oif, long mark, int tos, int proto, int sport, int dport) {
    public static final int UDP = 17;

    /** {@code ip route get DST}. */
    public static RouteQuery to(int dst) {
        return new RouteQuery(dst, 0, null, null, 0, 0, UDP, 0, 0);
    }

    public RouteQuery from(int s) {
        return new RouteQuery(dst, s, iif, oif, mark, tos, proto, sport, dport);
    }

    public RouteQuery withIif(String dev) {
        return new RouteQuery(dst, src, dev, oif, mark, tos, proto, sport, dport);
    }

    public RouteQuery withOif(String dev) {
        return new RouteQuery(dst, src, iif, dev, mark, tos, proto, sport, dport);
    }

    public RouteQuery withMark(long m) {
        return new RouteQuery(dst, src, iif, oif, m, tos, proto, sport, dport);
    }

    public boolean isInput() {
        return iif != null;
    }
}
