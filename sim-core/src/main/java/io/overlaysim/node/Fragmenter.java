package io.overlaysim.node;

import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ip_do_fragment} (the slow path): each fragment carries the header and
 * {@code (mtu - ihl) & ~7} bytes of payload (the last the rest), MF on all but the last (and on
 * the last too when the packet was itself a non-final fragment), offsets counted from the
 * packet's own offset. Fragments are new packets in the ledger; the original is consumed.
 */
final class Fragmenter {
    private Fragmenter() {
    }

    static List<PacketBuffer> fragment(Node node, PacketBuffer p, int mtu) {
        byte[] b = p.array();
        int off = p.start();
        int hl = Ipv4Header.headerLength(b, off);
        int payload = p.length() - hl;
        int per = (mtu - hl) & ~7;
        int word = Ipv4Header.flagsAndOffset(b, off);
        int baseOffset = (word & Ipv4Header.OFFSET_MASK) * 8;
        boolean moreAfter = (word & Ipv4Header.MF) != 0;
        List<PacketBuffer> out = new ArrayList<>((payload + per - 1) / per);
        for (int at = 0; at < payload; at += per) {
            int len = Math.min(per, payload - at);
            PacketBuffer f = PacketBuffer.allocate(hl + len);
            int fo = f.put(hl + len);
            byte[] fb = f.array();
            System.arraycopy(b, off, fb, fo, hl);
            System.arraycopy(b, off + hl + at, fb, fo + hl, len);
            boolean last = at + len >= payload;
            int flags = (word & Ipv4Header.DF) | (!last || moreAfter ? Ipv4Header.MF : 0);
            Ipv4Header.setTotalLength(fb, fo, hl + len);
            Ipv4Header.setFlagsAndOffset(fb, fo, flags | ((baseOffset + at) / 8));
            Ipv4Header.fillChecksum(fb, fo);
            f.setNetworkHeader(fo);
            f.setMark(p.mark());
            node.created(f, "fragment");
            out.add(f);
        }
        PacketObserver obs = node.observer();
        if (obs.enabled()) {
            obs.fragmented(node, p, mtu, out);
        }
        node.consume(p);
        return out;
    }
}
