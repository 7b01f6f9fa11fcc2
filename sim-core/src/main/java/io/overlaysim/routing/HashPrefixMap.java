package io.overlaysim.routing;

import java.util.HashMap;

/**
 * The plain reference {@link PrefixMap}: one hash map per prefix length, looked up from /32 down.
 * Obviously correct, and the oracle the fast structure is tested against; not for hot paths.
 */
public final class HashPrefixMap implements PrefixMap {
    @SuppressWarnings("unchecked")
    private final HashMap<Integer, Integer>[] byLength = new HashMap[33];
    private int size;

    public HashPrefixMap() {
        for (int i = 0; i <= 32; i++) {
            byLength[i] = new HashMap<>();
        }
    }

    private static int key(int bits, int length) {
        return bits & (length == 0 ? 0 : -1 << (32 - length));
    }

    @Override
    public int put(int bits, int length, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("values are non-negative: " + value);
        }
        Integer old = byLength[length].put(key(bits, length), value);
        if (old == null) {
            size++;
            return NONE;
        }
        return old;
    }

    @Override
    public int remove(int bits, int length) {
        Integer old = byLength[length].remove(key(bits, length));
        if (old == null) {
            return NONE;
        }
        size--;
        return old;
    }

    @Override
    public int get(int bits, int length) {
        Integer v = byLength[length].get(key(bits, length));
        return v == null ? NONE : v;
    }

    @Override
    public int lookup(int address) {
        long r = lookup(address, 32);
        return r < 0 ? NONE : (int) r;
    }

    @Override
    public long lookup(int address, int maxLength) {
        for (int len = Math.min(maxLength, 32); len >= 0; len--) {
            if (byLength[len].isEmpty()) {
                continue;
            }
            Integer v = byLength[len].get(key(address, len));
            if (v != null) {
                return ((long) len << 32) | (v & 0xffffffffL);
            }
        }
        return -1L;
    }

    @Override
    public int size() {
        return size;
    }

    /** What {@link #forEach} hands over: one prefix and its value. */
    @FunctionalInterface
    public interface Entry {
        void accept(int bits, int length, int value);
    }

    /** Every prefix and its value, shortest prefixes first (the order within a length is unspecified). */
    public void forEach(Entry e) {
        for (int len = 0; len <= 32; len++) {
            for (var x : byLength[len].entrySet()) {
                e.accept(x.getKey(), len, x.getValue());
            }
        }
    }
}
