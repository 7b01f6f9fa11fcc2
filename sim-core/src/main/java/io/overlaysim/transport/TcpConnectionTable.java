package io.overlaysim.transport;

/**
 * The connections of a stack by their four-tuple: an open-addressing hash table with linear
 * probing (the kernel's established hash, {@code inet_ehash}), so that finding the connection
 * of a segment allocates nothing.
 */
final class TcpConnectionTable {
    private TcpConnection[] slots = new TcpConnection[16];
    private int size;

    int size() {
        return size;
    }

    TcpConnection find(int localAddress, int localPort, int remoteAddress, int remotePort) {
        int mask = slots.length - 1;
        for (int i = hash(localAddress, localPort, remoteAddress, remotePort) & mask; ; i = (i + 1) & mask) {
            TcpConnection c = slots[i];
            if (c == null) {
                return null;
            }
            if (c.localPort == localPort && c.remotePort == remotePort && c.remoteAddress == remoteAddress
                    && c.localAddress == localAddress) {
                return c;
            }
        }
    }

    void add(TcpConnection c) {
        if ((size + 1) * 2 > slots.length) {
            resize(slots.length * 2);
        }
        insert(c);
        size++;
    }

    /** Removes {@code c}, shifting later entries of its probe run back (no tombstones). */
    void remove(TcpConnection c) {
        int i = c.slot;
        if (i < 0 || slots[i] != c) {
            return;
        }
        int mask = slots.length - 1;
        slots[i] = null;
        c.slot = -1;
        size--;
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            TcpConnection moved = slots[j];
            slots[j] = null;
            moved.slot = -1;
            insert(moved);
        }
    }

    /** Calls {@code action} for each connection, in slot order. */
    void forEach(java.util.function.Consumer<TcpConnection> action) {
        for (TcpConnection c : slots.clone()) {
            if (c != null) {
                action.accept(c);
            }
        }
    }

    private void insert(TcpConnection c) {
        int mask = slots.length - 1;
        int i = hash(c.localAddress, c.localPort, c.remoteAddress, c.remotePort) & mask;
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        slots[i] = c;
        c.slot = i;
    }

    private void resize(int capacity) {
        TcpConnection[] old = slots;
        slots = new TcpConnection[capacity];
        for (TcpConnection c : old) {
            if (c != null) {
                insert(c);
            }
        }
    }

    private static int hash(int la, int lp, int ra, int rp) {
        long h = (la * 0x9E3779B97F4A7C15L) ^ (ra * 0xC2B2AE3D27D4EB4FL) ^ (((long) lp << 16 | rp) * 0x165667B19E3779F9L);
        h ^= h >>> 29;
        return (int) (h ^ (h >>> 32));
    }
}
