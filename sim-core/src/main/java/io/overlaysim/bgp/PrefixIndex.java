package io.overlaysim.bgp;

import io.overlaysim.net.Ipv4Prefix;
import java.util.Arrays;

/**
 * Dense numbers for IPv4 prefixes: the first prefix seen is 0, the next 1, and so on, never
 * reused. The RIBs keep their per-prefix state in arrays indexed by these numbers, so a route
 * costs a reference, not a map entry; speakers that share an index share one {@link Ipv4Prefix}
 * object per prefix. An open-addressing table (linear probing) over a {@code long} key: address
 * bits (unsigned) above the length, so that key order is prefix order.
 */
public final class PrefixIndex {
    private int[] slots = new int[16]; // id + 1; 0 is empty
    private long[] keys = new long[8];
    private Ipv4Prefix[] prefixes = new Ipv4Prefix[8];
    private int size;

    /** The key of a prefix: its (masked) address bits, unsigned, then its length; ordered as prefixes are. */
    public static long key(int bits, int length) {
        return Integer.toUnsignedLong(bits & Ipv4Prefix.mask(length)) << 6 | length;
    }

    /** The number of the prefix, assigned now if it has none. */
    public int id(int bits, int length) {
        long k = key(bits, length);
        int mask = slots.length - 1;
        for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
            int s = slots[i];
            if (s == 0) {
                return add(k, i);
            }
            if (keys[s - 1] == k) {
                return s - 1;
            }
        }
    }

    public int id(Ipv4Prefix p) {
        return id(p.bits(), p.length());
    }

    /** The number of the prefix, or -1 when it has none. */
    public int find(Ipv4Prefix p) {
        return find(p.bits(), p.length());
    }

    /** The number of the prefix of these bits (host bits ignored) and length, or -1 when it has none. */
    public int find(int bits, int length) {
        long k = key(bits, length);
        int mask = slots.length - 1;
        for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
            int s = slots[i];
            if (s == 0) {
                return -1;
            }
            if (keys[s - 1] == k) {
                return s - 1;
            }
        }
    }

    /** Whether {@code id} is the number of the prefix of these bits (host bits ignored) and length. */
    public boolean is(int id, int bits, int length) {
        return id >= 0 && id < size && keys[id] == key(bits, length);
    }

    /** The prefix numbered {@code id}; one object per prefix. */
    public Ipv4Prefix prefix(int id) {
        Ipv4Prefix p = prefixes[id];
        if (p == null) {
            long k = keys[id];
            p = Ipv4Prefix.of((int) (k >>> 6), (int) (k & 63));
            prefixes[id] = p;
        }
        return p;
    }

    /** The address bits of prefix {@code id} (host bits clear). */
    public int bits(int id) {
        return (int) (keys[id] >>> 6);
    }

    /** The length of prefix {@code id}. */
    public int length(int id) {
        return (int) (keys[id] & 63);
    }

    /** Prefix order of two numbers (address, then length). */
    public int compare(int a, int b) {
        return Long.compare(keys[a], keys[b]);
    }

    /** Sorts {@code ids[0, count)} into prefix order. */
    public void sort(int[] ids, int count) {
        if (size <= 1 << 25) {
            // A key is below 2^38: key and number packed in one long sort as the prefixes do.
            long[] packed = new long[count];
            for (int i = 0; i < count; i++) {
                packed[i] = keys[ids[i]] << 25 | ids[i];
            }
            Arrays.sort(packed);
            for (int i = 0; i < count; i++) {
                ids[i] = (int) (packed[i] & ((1 << 25) - 1));
            }
        } else {
            Integer[] boxed = new Integer[count];
            for (int i = 0; i < count; i++) {
                boxed[i] = ids[i];
            }
            Arrays.sort(boxed, this::compare);
            for (int i = 0; i < count; i++) {
                ids[i] = boxed[i];
            }
        }
    }

    /** How many prefixes are numbered; every id is below this. */
    public int size() {
        return size;
    }

    private int add(long k, int slot) {
        int id = size++;
        if (id == keys.length) {
            keys = Arrays.copyOf(keys, id * 2);
            prefixes = Arrays.copyOf(prefixes, id * 2);
        }
        keys[id] = k;
        slots[slot] = id + 1;
        if (size * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        int[] next = new int[slots.length * 2];
        int mask = next.length - 1;
        for (int id = 0; id < size; id++) {
            int i = mix(keys[id]) & mask;
            while (next[i] != 0) {
                i = (i + 1) & mask;
            }
            next[i] = id + 1;
        }
        slots = next;
    }

    /** A 64-bit finalizer (Stafford's mix 13): nearby prefixes spread over the table. */
    private static int mix(long k) {
        k = (k ^ (k >>> 30)) * 0xbf58476d1ce4e5b9L;
        k = (k ^ (k >>> 27)) * 0x94d049bb133111ebL;
        return (int) (k ^ (k >>> 31));
    }
}
