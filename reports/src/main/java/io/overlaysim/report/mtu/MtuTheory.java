package io.overlaysim.report.mtu;

import java.util.ArrayList;
import java.util.List;

/**
 * MTU arithmetic for IPv4 overlays: overheads, inner MTUs, fragmentation and bytes on the wire;
 * the theory the simulated MTU sweep is compared with.
 *
 * <p>Assumes the Calico model: the pod's interface MTU is the inner MTU (underlay MTU minus the
 * encapsulation's overhead), so a datagram too large for it is fragmented (DF clear) or refused
 * (DF set) before encapsulation, and the outer packets are never fragmented. IPv4 headers have no
 * options (20 bytes).
 *
 * <pre>{@code
 * MtuTheory.maxInnerMtu(1500, Encapsulation.VXLAN)          // 1450
 * MtuTheory.fragmentCount(4000, 1500)                       // 3
 * MtuTheory.send(1450, Encapsulation.VXLAN, 1500, false, 8, Framing.HEADER).efficiency()
 * }</pre>
 */
public final class MtuTheory {

    /** An IPv4 header without options. */
    public static final int IPV4_HEADER = 20;
    /** UDP and ICMP echo headers. */
    public static final int UDP_HEADER = 8;
    /** The smallest MTU an IPv4 link may have (RFC 791: every module must forward 68 bytes). */
    public static final int MIN_IPV4_MTU = 68;
    /** The largest IPv4 datagram (the total length field is 16 bits). */
    public static final int MAX_DATAGRAM = 65_535;

    private MtuTheory() {}

    /** Bytes an encapsulation adds: 0, 20 (IPIP), 50 (VXLAN over IPv4). */
    public static int overhead(Encapsulation encapsulation) {
        return encapsulation.overhead();
    }

    /** The largest inner datagram that crosses an underlay of MTU {@code underlayMtu} whole. */
    public static int maxInnerMtu(int underlayMtu, Encapsulation encapsulation) {
        int inner = requireMtu(underlayMtu) - encapsulation.overhead();
        if (inner < MIN_IPV4_MTU) {
            throw new IllegalArgumentException("underlay MTU " + underlayMtu + " leaves " + inner + " bytes inside "
                    + encapsulation.id() + ", below the IPv4 minimum of " + MIN_IPV4_MTU);
        }
        return inner;
    }

    /**
     * Total lengths of the fragments of a datagram sent through a link of MTU {@code mtu}: every
     * fragment but the last carries a multiple of 8 payload bytes, as the fragment offset counts
     * 8-byte units (RFC 791; {@code ip_do_fragment} in net/ipv4/ip_output.c rounds down the same way).
     */
    public static List<Integer> fragmentSizes(int datagramSize, int mtu) {
        requireDatagram(datagramSize);
        requireMtu(mtu);
        if (datagramSize <= mtu) {
            return List.of(datagramSize);
        }
        int perFragment = (mtu - IPV4_HEADER) & ~7;
        int left = datagramSize - IPV4_HEADER;
        var sizes = new ArrayList<Integer>();
        while (left > 0) {
            int data = Math.min(left, perFragment);
            sizes.add(IPV4_HEADER + data);
            left -= data;
        }
        return List.copyOf(sizes);
    }

    /** Number of fragments of a datagram through a link of MTU {@code mtu} (1 when it fits). */
    public static int fragmentCount(int datagramSize, int mtu) {
        requireDatagram(datagramSize);
        requireMtu(mtu);
        if (datagramSize <= mtu) {
            return 1;
        }
        int perFragment = (mtu - IPV4_HEADER) & ~7;
        int data = datagramSize - IPV4_HEADER;
        return (data + perFragment - 1) / perFragment;
    }

    /**
     * Bytes on the wire for one inner datagram that needs no fragmentation: the datagram, the
     * encapsulation's overhead, and the Ethernet framing of the outer datagram.
     */
    public static long wireBytes(int datagramSize, Encapsulation encapsulation, Framing framing) {
        requireDatagram(datagramSize);
        return framing.frameBytes(datagramSize + encapsulation.overhead());
    }

    /** Payload bytes per wire byte. */
    public static double efficiency(long payloadBytes, long wireBytes) {
        if (payloadBytes < 0 || wireBytes <= 0) {
            throw new IllegalArgumentException("efficiency: expected payload >= 0 and wire bytes > 0, got "
                    + payloadBytes + " and " + wireBytes);
        }
        return (double) payloadBytes / wireBytes;
    }

    /**
     * What happens to a datagram of {@code datagramSize} bytes sent from a pod through
     * {@code encapsulation} over an underlay of MTU {@code underlayMtu}.
     *
     * @param dontFragment the DF bit: when set, a datagram above the inner MTU is refused
     * @param transportHeader bytes of the transport header inside the datagram (8 for UDP and
     *                        ICMP echo, 20 for TCP without options); not counted as payload
     */
    public static Transmission send(int datagramSize, Encapsulation encapsulation, int underlayMtu,
                                    boolean dontFragment, int transportHeader, Framing framing) {
        requireDatagram(datagramSize);
        if (transportHeader < 0 || datagramSize < IPV4_HEADER + transportHeader) {
            throw new IllegalArgumentException("datagram size " + datagramSize + " cannot hold the "
                    + IPV4_HEADER + "-byte IP header and a " + transportHeader + "-byte transport header");
        }
        int innerMtu = maxInnerMtu(underlayMtu, encapsulation);
        long payload = datagramSize - IPV4_HEADER - transportHeader;
        if (dontFragment && datagramSize > innerMtu) {
            return new Transmission(datagramSize, innerMtu, false, List.of(), 0, 0);
        }
        List<Integer> sizes = fragmentSizes(datagramSize, innerMtu);
        long wire = 0;
        for (int size : sizes) {
            wire += wireBytes(size, encapsulation, framing);
        }
        return new Transmission(datagramSize, innerMtu, true, sizes, payload, wire);
    }

    private static int requireMtu(int mtu) {
        if (mtu < MIN_IPV4_MTU || mtu > MAX_DATAGRAM) {
            throw new IllegalArgumentException("MTU: expected " + MIN_IPV4_MTU + ".." + MAX_DATAGRAM + ", got " + mtu);
        }
        return mtu;
    }

    private static void requireDatagram(int size) {
        if (size < IPV4_HEADER || size > MAX_DATAGRAM) {
            throw new IllegalArgumentException("datagram size: expected " + IPV4_HEADER + ".." + MAX_DATAGRAM
                    + " bytes, got " + size);
        }
    }
}
