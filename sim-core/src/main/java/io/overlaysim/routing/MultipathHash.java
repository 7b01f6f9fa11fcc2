package io.overlaysim.routing;

/**
 * The kernel's IPv4 ECMP flow hash ({@code fib_multipath_hash}, net/ipv4/route.c), for a seeded
 * namespace ({@code net.ipv4.fib_multipath_hash_seed=N}, N != 0): SipHash-2-4 keyed with
 * {@code {seed<<32|seed, seed<<32|seed}} ({@code fib_multipath_hash_construct_key}) over the
 * hashed part of a zeroed {@code struct flow_keys} ({@code flow_keys_hash_start/length}: from
 * {@code basic} up to and including the IPv4 addresses, 48 bytes on x86-64) after
 * {@code __flow_hash_consistentify} put the smaller address (compared as the little-endian u32
 * of its network-order bytes) first; the result is shifted right by one. Policy 0 hashes the
 * addresses only (L3), policy 1 adds the protocol and the ports (L4).
 *
 * <p>With seed 0 the kernel uses a random boot-time key that no simulator can know; we then
 * use seed 0 as a key, which is deterministic but not the kernel's choice.
 */
public final class MultipathHash {
    private static final int LEN = 48;
    private static final int PROTO_AT = 2;
    private static final int PORTS_AT = 28;
    private static final int ADDRS_AT = 36;

    private MultipathHash() {
    }

    /** The hash {@code fib_select_multipath} compares with the next hops' upper bounds (0..2^31-1). */
    public static int hash(int policy, int seed, int saddr, int daddr, int proto, int sport, int dport) {
        int src = saddr;
        int dst = daddr;
        // __flow_hash_consistentify compares the raw __be32 values as host (little-endian) u32
        if (Integer.compareUnsigned(Integer.reverseBytes(dst), Integer.reverseBytes(src)) < 0) {
            int t = src;
            src = dst;
            dst = t;
        }
        long k = ((seed & 0xffffffffL) << 32) | (seed & 0xffffffffL);
        byte[] data = new byte[LEN];
        if (policy == 1) {
            int ps = sport & 0xffff;
            int pd = dport & 0xffff;
            // ports.dst < ports.src compared as host u16 of the big-endian field
            if (Short.toUnsignedInt(Short.reverseBytes((short) pd)) < Short.toUnsignedInt(Short.reverseBytes((short) ps))) {
                int t = ps;
                ps = pd;
                pd = t;
            }
            data[PROTO_AT] = (byte) proto;
            data[PORTS_AT] = (byte) (ps >>> 8);
            data[PORTS_AT + 1] = (byte) ps;
            data[PORTS_AT + 2] = (byte) (pd >>> 8);
            data[PORTS_AT + 3] = (byte) pd;
        }
        putBe(data, ADDRS_AT, src);
        putBe(data, ADDRS_AT + 4, dst);
        int h = (int) SipHash.hash24(k, k, data);
        if (h == 0) {
            h = 1;
        }
        return h >>> 1;
    }

    private static void putBe(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
