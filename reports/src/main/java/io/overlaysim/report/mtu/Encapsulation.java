package io.overlaysim.report.mtu;

import java.util.Locale;

/**
 * How a pod's IPv4 datagram crosses the underlay, and the bytes that adds in front of it.
 *
 * <p>The overheads are Calico's ({@code felix/calc}: IPIP 20, VXLAN 50 for IPv4): IPIP adds an
 * outer IPv4 header (RFC 2003); VXLAN adds an outer IPv4 header (20), UDP (8), the VXLAN header
 * (8, RFC 7348 section 5) and the inner Ethernet header (14).
 */
public enum Encapsulation {
    /** No tunnel: the pod's datagram is the underlay datagram (host-gw, BGP without overlay). */
    NONE("none", 0),
    /** IP in IP (protocol 4): an outer IPv4 header. */
    IPIP("ipip", 20),
    /** VXLAN over IPv4: outer IPv4 + UDP + VXLAN + inner Ethernet. */
    VXLAN("vxlan", 20 + 8 + 8 + 14);

    private final String id;
    private final int overhead;

    Encapsulation(String id, int overhead) {
        this.id = id;
        this.overhead = overhead;
    }

    /** The name used on the command line and in reports: {@code none}, {@code ipip}, {@code vxlan}. */
    public String id() {
        return id;
    }

    /** Bytes added in front of the inner IP datagram. */
    public int overhead() {
        return overhead;
    }

    /** The encapsulation named {@code none}, {@code ipip} or {@code vxlan} (any case). */
    public static Encapsulation parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (Encapsulation e : values()) {
            if (e.id.equals(n)) {
                return e;
            }
        }
        throw new IllegalArgumentException("encapsulation: expected none, ipip or vxlan, got '" + name + "'");
    }
}
