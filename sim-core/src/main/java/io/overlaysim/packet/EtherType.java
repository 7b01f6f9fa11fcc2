package io.overlaysim.packet;

/**
 * EtherType values (IEEE 802 numbers registry) that the simulator meets, with their names as
 * Wireshark prints them.
 */
public final class EtherType {
    public static final int IPV4 = 0x0800;
    public static final int ARP = 0x0806;
    /** IEEE 802.1Q customer VLAN tag (C-tag). */
    public static final int VLAN = 0x8100;
    public static final int IPV6 = 0x86dd;
    /** IEEE 802.1ad service VLAN tag (S-tag, "QinQ"). */
    public static final int QINQ = 0x88a8;
    public static final int LLDP = 0x88cc;

    private EtherType() {}

    /** Whether {@code type} introduces a 4-byte VLAN tag (802.1Q or 802.1ad). */
    public static boolean isVlanTag(int type) {
        return type == VLAN || type == QINQ;
    }

    /** The protocol's name, or {@code 0x%04x} for an EtherType we have no name for. */
    public static String name(int type) {
        return switch (type) {
            case IPV4 -> "IPv4";
            case ARP -> "ARP";
            case VLAN -> "802.1Q";
            case IPV6 -> "IPv6";
            case QINQ -> "802.1ad";
            case LLDP -> "LLDP";
            default -> String.format("0x%04x", type);
        };
    }
}
