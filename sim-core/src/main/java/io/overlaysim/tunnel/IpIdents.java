package io.overlaysim.tunnel;

import io.overlaysim.node.Node;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The IP identification of packets sent without DF ({@code __ip_select_ident} /
 * {@code ip_idents_reserve}, net/ipv4/route.c): a table of counters chosen by a keyed hash of
 * (destination, source, protocol), each starting at a random value; a counter idle for a while
 * jumps ahead by a random amount below the jiffies elapsed since its last use. Back-to-back
 * packets to one destination get consecutive IDs, later bursts jump: what the corpus capture
 * {@code linux-vxlan-underlay.pcap} shows. One table per node (the kernel's is per boot),
 * random from the stream {@code "ip-idents:" + node}. Jiffies at HZ = 250.
 */
public final class IpIdents {
    private static final int BUCKETS = 2048;
    private static final long NANOS_PER_JIFFY = 4_000_000L;
    private final Node node;
    private final RandomGenerator random;
    private final int[] ids = new int[BUCKETS];
    private final long[] stamps = new long[BUCKETS];
    private final long k0;
    private final long k1;
    /**
     * A direct-mapped memo of the bucket per (destination, source, protocol): a tunnel sends to
     * the same few remotes from the same address, and the keyed hash (two dependent multiply
     * chains) costs more than a probe. A pure function's cache: the buckets are the same.
     */
    private static final int MEMO = 64;
    private final long[] memoAddrs = new long[MEMO];
    private final int[] memoProto = new int[MEMO];
    private final int[] memoBucket = new int[MEMO];
    // the last key's bucket, in front of the memo
    private long lastAddrs;
    private int lastProto = -1;
    private int lastBucket;

    private IpIdents(Node node) {
        this.node = node;
        this.random = node.simulation().random("ip-idents:" + node.name());
        for (int i = 0; i < BUCKETS; i++) {
            ids[i] = random.nextInt();
            stamps[i] = -1;
        }
        this.k0 = random.nextLong();
        this.k1 = random.nextLong();
        Arrays.fill(memoBucket, -1);
    }

    /** The node's table, made on first use. */
    public static IpIdents of(Node node) {
        return node.extension(IpIdents.class, () -> new IpIdents(node));
    }

    private int bucket(long addrs, int dst, int src, int proto) {
        int m = (dst ^ (dst >>> 16) ^ src ^ proto) & (MEMO - 1);
        int bucket = memoBucket[m];
        if (bucket < 0 || memoAddrs[m] != addrs || memoProto[m] != proto) {
            long h = FlowHash.fmix(FlowHash.fmix(addrs ^ k0) ^ proto ^ k1);
            bucket = (int) (h >>> 53) & (BUCKETS - 1);
            memoAddrs[m] = addrs;
            memoProto[m] = proto;
            memoBucket[m] = bucket;
        }
        return bucket;
    }

    /** The ID for one packet from {@code src} to {@code dst} of protocol {@code proto} ({@code __ip_select_ident}, one segment). */
    public int select(int dst, int src, int proto) {
        // the kernel hashes (daddr, saddr, protocol) with siphash and its boot key; a keyed mix picks the bucket alike
        long addrs = ((long) dst << 32) | (src & 0xffffffffL);
        int bucket;
        if (lastAddrs == addrs && lastProto == proto) {
            bucket = lastBucket;
        } else {
            bucket = bucket(addrs, dst, src, proto);
            lastAddrs = addrs;
            lastProto = proto;
            lastBucket = bucket;
        }
        long now = node.simulation().now() / NANOS_PER_JIFFY;
        long old = stamps[bucket];
        int delta = 0;
        if (old != now) {
            // ip_idents_reserve: prandom_u32_max(now - old) when the bucket was idle
            if (old >= 0) {
                long idle = Math.min(now - old, Integer.MAX_VALUE);
                delta = idle > 0 ? random.nextInt((int) idle) : 0;
            }
            stamps[bucket] = now;
        }
        ids[bucket] += 1 + delta;
        return (ids[bucket] - 1) & 0xffff;
    }
}
