package io.overlaysim.transport;

/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 section 3.4), on {@code int}s as the
 * kernel's {@code before()} and {@code after()} do: a is before b when (a - b) is negative.
 */
final class TcpSeq {
    private TcpSeq() {}

    static boolean before(int a, int b) {
        return a - b < 0;
    }

    static boolean after(int a, int b) {
        return a - b > 0;
    }

    static boolean beforeOrEqual(int a, int b) {
        return a - b <= 0;
    }

    static boolean afterOrEqual(int a, int b) {
        return a - b >= 0;
    }

    /** Whether {@code low <= s < high}, modulo 2^32. */
    static boolean inRange(int s, int low, int high) {
        return s - low >= 0 && s - high < 0;
    }

    static int max(int a, int b) {
        return after(a, b) ? a : b;
    }

    /** The sequence number as printed: 0..2^32-1. */
    static long unsigned(int s) {
        return s & 0xffff_ffffL;
    }
}
