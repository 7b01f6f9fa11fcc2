package io.overlaysim.report.mtu;

/**
 * Which Ethernet bytes count as "on the wire" around an IP datagram.
 *
 * <p>{@link #HEADER} is what a capture shows (the frame length in pcap on Linux: 14-byte header
 * plus the datagram, no FCS, no padding); {@link #LINE} is what occupies the link: preamble and
 * start delimiter (8), header (14), the payload padded to the 46-byte minimum, FCS (4) and the
 * inter-frame gap (12), IEEE 802.3 clauses 3 and 4. A full 1500-byte datagram takes 1514 bytes
 * in a capture and 1538 byte times on the line; the smallest frame takes 84.
 */
public enum Framing {
    /** Ethernet header only (14 bytes), as a capture counts. */
    HEADER,
    /** Preamble + SFD, header, padding, FCS and inter-frame gap, as the line rate counts. */
    LINE;

    /** Ethernet header: destination, source, EtherType. */
    public static final int ETHERNET_HEADER = 14;
    /** Preamble (7) and start frame delimiter (1). */
    public static final int PREAMBLE = 8;
    /** Frame check sequence. */
    public static final int FCS = 4;
    /** Minimum inter-frame gap: 96 bit times. */
    public static final int INTER_FRAME_GAP = 12;
    /** Smallest Ethernet payload; shorter ones are padded (a 64-byte frame with header and FCS). */
    public static final int MIN_PAYLOAD = 46;

    /** Bytes this framing counts for one Ethernet frame carrying {@code ipBytes} of IP datagram. */
    public long frameBytes(int ipBytes) {
        if (ipBytes <= 0) {
            throw new IllegalArgumentException("datagram size: expected a positive number of bytes, got " + ipBytes);
        }
        return switch (this) {
            case HEADER -> ETHERNET_HEADER + (long) ipBytes;
            case LINE -> PREAMBLE + ETHERNET_HEADER + (long) Math.max(ipBytes, MIN_PAYLOAD) + FCS + INTER_FRAME_GAP;
        };
    }
}
