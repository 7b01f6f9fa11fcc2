package io.overlaysim.bgp;

import java.util.Arrays;

/**
 * A map from int keys to objects: open addressing with linear probing and backward-shift
 * deletion (no tombstones), for the small per-neighbor tables of the RIBs where a
 * {@code HashMap<Integer, V>} would box every key.
 */
final class IntObjectMap<V> {
    private static final int MIN = 8;
    private int[] keys = new int[MIN];
    private Object[] values = new Object[MIN];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    @SuppressWarnings("unchecked")
    V get(int key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return (V) values[i];
            }
        }
        return null;
    }

    /** Maps the key to a non-null value; returns the previous value, or null. */
    @SuppressWarnings("unchecked")
    V put(int key, V value) {
        if (value == null) {
            throw new NullPointerException("null value");
        }
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        for (; values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                V old = (V) values[i];
                values[i] = value;
                return old;
            }
        }
        keys[i] = key;
        values[i] = value;
        if (++size * 4 > keys.length * 3) {
            resize(keys.length * 2);
        }
        return null;
    }

    /** Removes the key; returns its value, or null. */
    @SuppressWarnings("unchecked")
    V remove(int key) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            return null;
        }
        V old = (V) values[i];
        // Backward shift: move later entries of the probe run into the hole when their home allows it.
        int hole = i;
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = mix(keys[j]) & mask;
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = null;
        size--;
        return old;
    }

    /** Empties the map and gives back the memory of a large table. */
    void clear() {
        if (keys.length > 64) {
            keys = new int[MIN];
            values = new Object[MIN];
        } else {
            Arrays.fill(values, null);
        }
        size = 0;
    }

    /** The keys, in no particular order. */
    int[] keys() {
        int[] out = new int[size];
        int k = 0;
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != null) {
                out[k++] = keys[i];
            }
        }
        return out;
    }

    private void resize(int capacity) {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[capacity];
        values = new Object[capacity];
        int mask = capacity - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldValues[j] != null) {
                int i = mix(oldKeys[j]) & mask;
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    private static int mix(int k) {
        int h = k * 0x9e3779b9;
        return h ^ (h >>> 16);
    }
}
