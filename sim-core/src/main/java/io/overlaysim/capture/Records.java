package io.overlaysim.capture;

/** Argument checks shared by the capture writers. */
final class Records {
    private Records() {}

    static void checkPacket(long timestampNanos, byte[] data, int offset, int length, int originalLength) {
        if (timestampNanos < 0) {
            throw new IllegalArgumentException("timestamp must be >= 0 ns, got " + timestampNanos);
        }
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        if (originalLength < length) {
            throw new IllegalArgumentException("original length " + originalLength
                    + " is less than the " + length + " bytes given");
        }
    }
}
