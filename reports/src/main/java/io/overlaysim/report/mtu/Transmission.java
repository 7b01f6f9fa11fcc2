package io.overlaysim.report.mtu;

import java.util.List;

/**
 * What theory says happens to one IPv4 datagram sent through an encapsulation over an underlay.
 *
 * @param datagramSize the inner datagram's total length (IP header included)
 * @param innerMtu the largest inner datagram that crosses whole
 * @param delivered false when DF is set and the datagram exceeds the inner MTU (fragmentation
 *                  needed, nothing sent)
 * @param fragmentSizes total length of each inner datagram sent (one element when not fragmented,
 *                      none when not delivered)
 * @param payloadBytes the application payload carried (datagram minus IP and transport headers)
 * @param wireBytes bytes on the wire for all fragments, encapsulation and framing included
 */
public record Transmission(int datagramSize, int innerMtu, boolean delivered, List<Integer> fragmentSizes,
                           long payloadBytes, long wireBytes) {

    public Transmission {
        fragmentSizes = List.copyOf(fragmentSizes);
    }

    /** Number of inner datagrams sent: 1 when whole, 0 when refused. */
    public int fragments() {
        return fragmentSizes.size();
    }

    /** Payload bytes per wire byte (0 when nothing was sent). */
    public double efficiency() {
        return wireBytes == 0 ? 0 : (double) payloadBytes / wireBytes;
    }
}
