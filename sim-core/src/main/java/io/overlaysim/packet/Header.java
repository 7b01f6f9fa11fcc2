package io.overlaysim.packet;

/**
 * A decoded header in record form, for tests, trace printing and reading captures; hot paths
 * use the static views ({@link Ipv4Header#ttl(byte[], int)} and friends) instead.
 * {@link #encode} writes exactly the bytes the header was decoded from, checksums included
 * as stored (they are not recomputed).
 */
public sealed interface Header
        permits EthernetHeader.Fields, ArpPacket.Fields, Ipv4Header.Fields, IcmpHeader.Fields,
                UdpHeader.Fields, TcpHeader.Fields, VxlanHeader.Fields {

    /** The header's length on the wire in bytes. */
    int length();

    /** Writes the header at {@code b[off]} and returns its length. */
    int encode(byte[] b, int off);
}
