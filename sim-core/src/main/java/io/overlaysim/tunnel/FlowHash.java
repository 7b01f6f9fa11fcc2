package io.overlaysim.tunnel;

import io.overlaysim.node.Node;
import io.overlaysim.packet.EtherType;
import io.overlaysim.packet.EthernetHeader;
import io.overlaysim.packet.Ipv4Header;
import java.util.random.RandomGenerator;

/**
 * The flow hash of a frame ({@code skb_get_hash}: the flow dissector's keys, made
 * direction-independent by {@code __flow_hash_consistentify}, hashed with the boot's random
 * key) and the UDP source port a tunnel derives from it ({@code udp_flow_src_port}). The keys
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

    private long k0;
    private long k1;

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
        int src = Ipv4Header.source(b, off);
        int dst = Ipv4Header.destination(b, off);
        int proto = Ipv4Header.protocol(b, off);
        int ports = 0;
        int hl = Ipv4Header.headerLength(b, off);
        if (!Ipv4Header.isFragment(b, off) && hasPorts(proto) && len >= hl + 4) {
            int sport = ((b[off + hl] & 0xff) << 8) | (b[off + hl + 1] & 0xff);
            int dport = ((b[off + hl + 2] & 0xff) << 8) | (b[off + hl + 3] & 0xff);
            // __flow_hash_consistentify: ports ordered on their own
            ports = dport < sport ? (dport << 16) | sport : (sport << 16) | dport;
        }
        long lo = Integer.toUnsignedLong(src);
        long hi = Integer.toUnsignedLong(dst);
        long addrs = hi < lo ? (hi << 32) | lo : (lo << 32) | hi;
        long basic = ((long) EtherType.IPV4 << 48) | ((long) proto << 32) | (ports & 0xffffffffL);
        return mix(basic, addrs);
    }

    /** {@code proto_ports_offset}: the protocols whose first four bytes are ports. */
    private static boolean hasPorts(int proto) {
        return proto == 6 || proto == 17 || proto == 33 || proto == 132 || proto == 136;
    }

    private int mix(long m0, long m1) {
        int h = (int) sip(k0, k1, m0, m1);
        return h == 0 ? 1 : h;
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

    /** SipHash-2-4 of two 64-bit words (lib/siphash.c's {@code siphash_2u64}), no allocation. */
    static long sip(long k0, long k1, long m0, long m1) {
        long v0 = 0x736f6d6570736575L ^ k0;
        long v1 = 0x646f72616e646f6dL ^ k1;
        long v2 = 0x6c7967656e657261L ^ k0;
        long v3 = 0x7465646279746573L ^ k1;
        for (int w = 0; w < 3; w++) {
            long m = w == 0 ? m0 : w == 1 ? m1 : 16L << 56;
            v3 ^= m;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        v2 ^= 0xff;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }
}
