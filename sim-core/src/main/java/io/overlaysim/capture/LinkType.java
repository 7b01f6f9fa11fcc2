package io.overlaysim.capture;

/**
 * A capture's link-layer header type (the pcap LINKTYPE_ registry), as Linux reports it to
 * tcpdump for each kind of device.
 */
public enum LinkType {
    /** LINKTYPE_ETHERNET: NICs, veths, bridges and VXLAN devices (ARPHRD_ETHER). */
    ETHERNET(1),
    /**
     * LINKTYPE_RAW: a bare IPv4 or IPv6 packet with no link header, what tcpdump records on
     * {@code tunl0} (ARPHRD_TUNNEL, which libpcap maps to raw IP).
     */
    RAW(101);

    private final int code;

    LinkType(int code) {
        this.code = code;
    }

    /** The number written to the file header or interface description block. */
    public int code() {
        return code;
    }
}
