package io.overlaysim.tunnel;

import java.util.Arrays;

/**
 * A map from 48-bit MAC addresses to FDB entries without boxing: open addressing with linear
 * probing and backward-shift deletion, so a lookup on the transmit path allocates nothing.
 */
final class MacTable {
    private static final long EMPTY = -1L;
    private long[] keys = filled(16);
    private VxlanFdb.Entry[] values = new VxlanFdb.Entry[16];
    private int size;

    private static long[] filled(int n) {
        long[] k = new long[n];
        Arrays.fill(k, EMPTY);
        return k;
    }

    private static int slot(long mac, int mask) {
        return (int) ((mac * 0x9e3779b97f4a7c15L) >>> 40) & mask;
    }

    VxlanFdb.Entry get(long mac) {
        int mask = keys.length - 1;
        for (int i = slot(mac, mask);; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == mac) {
                return values[i];
            }
            if (k == EMPTY) {
                return null;
            }
        }
    }

    /** Puts the entry; returns the one it replaced, or null. */
    VxlanFdb.Entry put(long mac, VxlanFdb.Entry e) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = slot(mac, mask);; i = (i + 1) & mask) {
            if (keys[i] == mac) {
                VxlanFdb.Entry old = values[i];
                values[i] = e;
                return old;
            }
            if (keys[i] == EMPTY) {
                keys[i] = mac;
                values[i] = e;
                size++;
                return null;
            }
        }
    }

    VxlanFdb.Entry remove(long mac) {
        int mask = keys.length - 1;
        int i = slot(mac, mask);
        while (keys[i] != mac) {
            if (keys[i] == EMPTY) {
                return null;
            }
            i = (i + 1) & mask;
        }
        VxlanFdb.Entry old = values[i];
        // backward-shift deletion keeps every probe chain unbroken
        int hole = i;
        for (int j = (i + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = EMPTY;
        values[hole] = null;
        size--;
        return old;
    }

    private void grow() {
        long[] ok = keys;
        VxlanFdb.Entry[] ov = values;
        keys = filled(ok.length * 2);
        values = new VxlanFdb.Entry[ok.length * 2];
        size = 0;
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] != EMPTY) {
                put(ok[i], ov[i]);
            }
        }
    }
}
