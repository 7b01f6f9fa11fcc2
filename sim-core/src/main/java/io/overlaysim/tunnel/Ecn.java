package io.overlaysim.tunnel;

import io.overlaysim.packet.Checksum;
import io.overlaysim.packet.Ipv4Header;

/**
 * ECN across a tunnel (RFC 6040; include/net/inet_ecn.h): the outer header copies the inner
 * ECN field, CE becoming ECT(0) ({@code INET_ECN_encapsulate}); on the way out, an outer CE
 * marks an ECN-capable inner packet CE and drops a not-ECT one ({@code INET_ECN_decapsulate}).
 */
final class Ecn {
    static final int MASK = 3;
    static final int NOT_ECT = 0;
    static final int ECT_0 = 2;
    static final int CE = 3;

    private Ecn() {
    }

    /** {@code ip_tunnel_ecn_encap}: the outer TOS from the configured one and the inner TOS. */
    static int encapsulate(int outerTos, int innerTos) {
        int inner = innerTos & MASK;
        return (outerTos & ~MASK) | (inner == CE ? ECT_0 : inner);
    }

    /**
     * {@code INET_ECN_decapsulate} for an inner IPv4 header at {@code b[off]}: false when the
     * packet must be dropped (outer CE, inner not ECN-capable); sets CE on the inner header
     * (checksum updated) when the outer carried CE.
     */
    static boolean decapsulate(int outerTos, byte[] b, int off) {
        if ((outerTos & MASK) != CE) {
            return true;
        }
        int tos = Ipv4Header.tos(b, off);
        if ((tos & MASK) == NOT_ECT) {
            return false;
        }
        if ((tos & MASK) != CE) {
            int oldWord = ((b[off] & 0xff) << 8) | tos;
            Ipv4Header.setTos(b, off, tos | CE);
            int newWord = ((b[off] & 0xff) << 8) | tos | CE;
            Ipv4Header.setChecksum(b, off, Checksum.update(Ipv4Header.checksum(b, off), oldWord, newWord));
        }
        return true;
    }
}
