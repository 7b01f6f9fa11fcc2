package io.overlaysim.packet;

/** IP protocol numbers (IANA "Assigned Internet Protocol Numbers") that the simulator meets. */
public final class IpProtocol {
    public static final int ICMP = 1;
    /** IPv4 in IPv4 (RFC 2003), what {@code tunl0} carries. */
    public static final int IPIP = 4;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int GRE = 47;
    public static final int ESP = 50;

    private IpProtocol() {}

    /** The protocol's name, or its number for one we have no name for. */
    public static String name(int protocol) {
        return switch (protocol) {
            case ICMP -> "ICMP";
            case IPIP -> "IPIP";
            case TCP -> "TCP";
            case UDP -> "UDP";
            case GRE -> "GRE";
            case ESP -> "ESP";
            default -> Integer.toString(protocol);
        };
    }
}
