package io.overlaysim.tunnel;

import io.overlaysim.node.Node;
import io.overlaysim.packet.EtherType;
import io.overlaysim.packet.EthernetHeader;
import io.overlaysim.packet.Ipv4Header;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The flow hash of a frame ({@code skb_get_hash}: the flow dissector's keys, made
 * direction-independent by {@code __flow_hash_consistentify}, hashed with the boot's random
 * key; here a cheaper keyed mix, see {@link #mix}) and the UDP source port a tunnel derives from it ({@code udp_flow_src_port}). The keys
 * are the EtherType, the IP protocol, the addresses (smaller first) and, for TCP, UDP, UDP-Lite,
 * DCCP and SCTP packets that are not fragments, the ports (smaller first): so an ICMP echo
 * and its reply share a hash whatever their identifier, the two fragments of one datagram
 * share it, and every ARP packet of a node has the same hash, as the corpus capture shows.
 * One key per node (a node is one kernel), from the stream {@code "flow-hash:" + node};
 * {@link #reseed} lets a test make two nodes one kernel, as the corpus namespaces were.
 */
public final class FlowHash {
    /** {@code net.ipv4.ip_local_port_range}'s default, the range used when the device's is 0 0. */
    public static final int LOCAL_PORT_LOW = 32768;
    public static final int LOCAL_PORT_HIGH = 60999;

    /** Entries of the memo of recent flows ({@link #mix}'s results by key words): a power of two. */
    private static final int MEMO = 256;
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private long k0;
    private long k1;
    /**
     * A direct-mapped memo of the last flows hashed: the kernel hashes a packet once and keeps
     * the result in {@code skb->hash}; here the same few flows pass again and again, and the two
     * dependent multiply chains of {@link #mix} cost more than a probe. A pure function's cache:
     * the values are the same with or without it.
     */
    private final long[] memoBasic = new long[MEMO];
    private final long[] memoAddrs = new long[MEMO];
    private final int[] memoHash = new int[MEMO];
    // the last flow, in front of the memo (a tunnel sends runs of one flow): a hash, never 0, once set
    private long lastBasic;
    private long lastAddrs;
    private int lastHash;

    private FlowHash(RandomGenerator r) {
        this.k0 = r.nextLong();
        this.k1 = r.nextLong();
    }

    /** The node's flow hash, made on first use. */
    public static FlowHash of(Node node) {
        return node.extension(FlowHash.class, () -> new FlowHash(node.simulation().random("flow-hash:" + node.name())));
    }

    /** Sets the hash key (the kernel's boot-time {@code hashrnd}). */
    public void reseed(long key0, long key1) {
        this.k0 = key0;
        this.k1 = key1;
        Arrays.fill(memoHash, 0);
        lastHash = 0;
    }

    /** The hash of the Ethernet frame at {@code b[off, off+len)} ({@code skb_get_hash}); never 0. */
    public int ofFrame(byte[] b, int off, int len) {
        if (len < EthernetHeader.LENGTH) {
            return mix(0, 0);
        }
        int type = EthernetHeader.etherType(b, off);
        if (type == EtherType.IPV4) {
            return ofIpv4(b, off + EthernetHeader.LENGTH, len - EthernetHeader.LENGTH);
        }
        // ARP and others: the flow keys hold only the protocol
        return mix((long) type << 48, 0);
    }

    /** The hash of the IPv4 packet at {@code b[off, off+len)}; never 0. */
    public int ofIpv4(byte[] b, int off, int len) {
        if (len < Ipv4Header.MIN_LENGTH) {
            return mix((long) EtherType.IPV4 << 48, 0);
        }
        // the header's first 20 bytes as two 64-bit loads and one 32-bit load (one bounds check
        // each) rather than a load per field
        long w0 = (long) LONG_BE.get(b, off);
        long w1 = (long) LONG_BE.get(b, off + 8);
        int src = (int) w1;
        int dst = (int) INT_BE.get(b, off + 16);
        int proto = (int) (w1 >>> 48) & 0xff;
        int ports = 0;
        int hl = (int) (w0 >>> 54) & 0x3c;
        boolean fragment = (w0 & (Ipv4Header.MF | Ipv4Header.OFFSET_MASK)) != 0;
        if (!fragment && hasPorts(proto) && len >= hl + 4) {
            int sport = ((b[off + hl] & 0xff) << 8) | (b[off + hl + 1] & 0xff);
            int dport = ((b[off + hl + 2] & 0xff) << 8) | (b[off + hl + 3] & 0xff);
            // __flow_hash_consistentify: ports ordered on their own
            ports = dport < sport ? (dport << 16) | sport : (sport << 16) | dport;
        }
        long lo = Integer.toUnsignedLong(src);
        long hi = Integer.toUnsignedLong(dst);
        long addrs = hi < lo ? (hi << 32) | lo : (lo << 32) | hi;
        long basic = ((long) EtherType.IPV4 << 48) | ((long) proto << 32) | (ports & 0xffffffffL);
        return memoMix(basic, addrs);
    }

    /** {@link #mix} through the memo (a slot holds a hash, never 0, once filled). */
    private int memoMix(long basic, long addrs) {
        if (lastHash != 0 && lastBasic == basic && lastAddrs == addrs) {
            return lastHash;
        }
        int h = memoProbe(basic, addrs);
        lastBasic = basic;
        lastAddrs = addrs;
        lastHash = h;
        return h;
    }

    private int memoProbe(long basic, long addrs) {
        long f = addrs ^ basic;
        int i = (int) (f ^ (f >>> 29) ^ (f >>> 43)) & (MEMO - 1);
        int h = memoHash[i];
        if (h != 0 && memoBasic[i] == basic && memoAddrs[i] == addrs) {
            return h;
        }
        h = mix(basic, addrs);
        memoBasic[i] = basic;
        memoAddrs[i] = addrs;
        memoHash[i] = h;
        return h;
    }

    /** {@code proto_ports_offset}: the protocols whose first four bytes are ports. */
    private static boolean hasPorts(int proto) {
        return proto == 6 || proto == 17 || proto == 33 || proto == 132 || proto == 136;
    }

    /**
     * The keyed hash of the two key words. The kernel uses SipHash with the boot's key; any
     * keyed mix gives the same grouping (the values differ per boot anyway), so a cheaper one
     * serves: two rounds of MurmurHash3's 64-bit finaliser.
     */
    private int mix(long m0, long m1) {
        long h = fmix(m0 ^ k0);
        h = fmix(h ^ m1 ^ k1);
        int r = (int) (h ^ (h >>> 32));
        return r == 0 ? 1 : r;
    }

    static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /**
     * {@code udp_flow_src_port}: the hash folded ({@code hash ^= hash << 16}) and scaled into
     * {@code [min, max)}; a range with {@code min >= max} means the local port range.
     */
    public static int udpSourcePort(int hash, int min, int max) {
        int lo = min;
        int hi = max;
        if (lo >= hi) {
            lo = LOCAL_PORT_LOW;
            hi = LOCAL_PORT_HIGH;
        }
        long h = Integer.toUnsignedLong(hash ^ (hash << 16));
        return (int) ((h * (hi - lo)) >>> 32) + lo;
    }
}
