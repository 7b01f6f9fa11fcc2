package io.overlaysim.transport;

/**
 * A growable ring of bytes: the send queue (bytes from SND.UNA on) and the receive queue
 * (bytes the application has not read yet). Appends copy in; nothing is allocated unless the
 * ring must grow.
 */
final class TcpByteRing {
    private byte[] data;
    private int head;
    private int size;

    TcpByteRing(int capacity) {
        data = new byte[Math.max(16, Integer.highestOneBit(Math.max(1, capacity - 1)) << 1)];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Appends {@code b[off, off+len)}. */
    void append(byte[] b, int off, int len) {
        if (size + len > data.length) {
            grow(size + len);
        }
        int tail = (head + size) & (data.length - 1);
        int first = Math.min(len, data.length - tail);
        System.arraycopy(b, off, data, tail, first);
        System.arraycopy(b, off + first, data, 0, len - first);
        size += len;
    }

    /** Drops {@code n} bytes from the front. */
    void discard(int n) {
        if (n < 0 || n > size) {
            throw new IllegalArgumentException("cannot discard " + n + " of " + size + " bytes");
        }
        head = (head + n) & (data.length - 1);
        size -= n;
    }

    /** Copies {@code len} bytes starting {@code from} bytes after the front into {@code out}. */
    void copyOut(int from, byte[] out, int outOff, int len) {
        if (from < 0 || len < 0 || from + len > size) {
            throw new IllegalArgumentException("bytes " + from + ".." + (from + len) + " outside 0.." + size);
        }
        int at = (head + from) & (data.length - 1);
        int first = Math.min(len, data.length - at);
        System.arraycopy(data, at, out, outOff, first);
        System.arraycopy(data, 0, out, outOff + first, len - first);
    }

    /**
     * The length of the contiguous run at the front (before the ring wraps), so a consumer can
     * read {@code array()[frontOffset(), frontOffset() + frontRun())} without copying.
     */
    int frontRun() {
        return Math.min(size, data.length - head);
    }

    int frontOffset() {
        return head;
    }

    byte[] array() {
        return data;
    }

    private void grow(int needed) {
        int cap = data.length;
        while (cap < needed) {
            cap <<= 1;
        }
        byte[] bigger = new byte[cap];
        copyOut(0, bigger, 0, size);
        data = bigger;
        head = 0;
    }
}
