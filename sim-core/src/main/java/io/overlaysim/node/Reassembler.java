package io.overlaysim.node;

import io.overlaysim.device.NetDevice;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.IcmpHeader;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ip_defrag}: fragments of a datagram, keyed by (source, destination, id, protocol),
 * wait until the pieces cover it; the joined datagram is a new packet and the fragments are
 * consumed. A queue not complete {@code ipfrag_time} (30 s) after its first fragment arrived
 * expires ({@code ip_expire}): its fragments are dropped and, when the first fragment was among
 * them, an ICMP time exceeded (code 1) quoting it goes to the sender.
 */
final class Reassembler {
    private record Key(int src, int dst, int id, int proto) {
    }

    private static final class Queue {
        final List<PacketBuffer> fragments = new ArrayList<>();
        final NetDevice in;
        int totalPayload = -1;
        long timer;

        Queue(NetDevice in) {
            this.in = in;
        }
    }

    private final Node node;
    private final Map<Key, Queue> queues = new HashMap<>();

    Reassembler(Node node) {
        this.node = node;
    }

    /** Adds a fragment; returns the joined datagram when this one completes it, else null. */
    PacketBuffer add(NetDevice in, PacketBuffer p) {
        byte[] b = p.array();
        int off = p.start();
        Key k = new Key(Ipv4Header.source(b, off), Ipv4Header.destination(b, off), Ipv4Header.identification(b, off),
                Ipv4Header.protocol(b, off));
        Queue q = queues.get(k);
        if (q == null) {
            Queue nq = new Queue(in);
            q = nq;
            queues.put(k, q);
            long timeout = node.sysctls().ipfragTime * 1_000_000_000L;
            q.timer = node.simulation().scheduleAfter(timeout, () -> expire(k, nq));
        }
        int hl = Ipv4Header.headerLength(b, off);
        int start = Ipv4Header.fragmentOffset(b, off) * 8;
        int end = start + p.length() - hl;
        if (!Ipv4Header.moreFragments(b, off)) {
            q.totalPayload = end;
        }
        q.fragments.add(p);
        if (q.totalPayload < 0) {
            return null;
        }
        q.fragments.sort((x, y) -> Integer.compare(Ipv4Header.fragmentOffset(x.array(), x.start()),
                Ipv4Header.fragmentOffset(y.array(), y.start())));
        int covered = 0;
        for (PacketBuffer f : q.fragments) {
            int fs = Ipv4Header.fragmentOffset(f.array(), f.start()) * 8;
            if (fs > covered) {
                return null;
            }
            covered = Math.max(covered, fs + f.length() - Ipv4Header.headerLength(f.array(), f.start()));
        }
        if (covered < q.totalPayload) {
            return null;
        }
        queues.remove(k);
        node.simulation().cancel(q.timer);
        return join(q);
    }

    private PacketBuffer join(Queue q) {
        PacketBuffer first = q.fragments.get(0);
        int hl = Ipv4Header.headerLength(first.array(), first.start());
        PacketBuffer p = PacketBuffer.allocate(hl + q.totalPayload);
        int o = p.put(hl + q.totalPayload);
        byte[] pb = p.array();
        System.arraycopy(first.array(), first.start(), pb, o, hl);
        for (PacketBuffer f : q.fragments) {
            int fhl = Ipv4Header.headerLength(f.array(), f.start());
            int fs = Ipv4Header.fragmentOffset(f.array(), f.start()) * 8;
            System.arraycopy(f.array(), f.start() + fhl, pb, o + hl + fs, f.length() - fhl);
            node.consume(f);
        }
        Ipv4Header.setTotalLength(pb, o, hl + q.totalPayload);
        Ipv4Header.setFlagsAndOffset(pb, o, Ipv4Header.flagsAndOffset(pb, o) & Ipv4Header.DF);
        Ipv4Header.fillChecksum(pb, o);
        p.setNetworkHeader(o);
        node.created(p, "reassembled");
        PacketObserver obs = node.observer();
        if (obs.enabled()) {
            obs.reassembled(node, p, q.fragments);
        }
        return p;
    }

    /** {@code ip_expire}. */
    private void expire(Key k, Queue q) {
        if (queues.get(k) != q) {
            return;
        }
        queues.remove(k);
        q.fragments.sort((x, y) -> Integer.compare(Ipv4Header.fragmentOffset(x.array(), x.start()),
                Ipv4Header.fragmentOffset(y.array(), y.start())));
        PacketBuffer head = q.fragments.get(0);
        if (Ipv4Header.fragmentOffset(head.array(), head.start()) == 0) {
            node.icmp().sendError(head, q.in, IcmpHeader.TIME_EXCEEDED, IcmpHeader.CODE_FRAGMENT_REASSEMBLY_EXCEEDED, 0);
        }
        for (PacketBuffer f : q.fragments) {
            node.drop(f, q.in, DropReason.REASSEMBLY_TIMEOUT);
        }
    }

    int pending() {
        return queues.size();
    }
}
