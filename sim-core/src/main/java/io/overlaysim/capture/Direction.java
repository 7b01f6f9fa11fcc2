package io.overlaysim.capture;

/** Which way a captured packet went through its interface (pcapng {@code epb_flags} bits 0-1). */
public enum Direction {
    /** Not recorded. */
    UNKNOWN,
    /** Received by the interface. */
    INBOUND,
    /** Sent by the interface. */
    OUTBOUND;

    /** The two direction bits of {@code epb_flags}: 00 unknown, 01 inbound, 10 outbound. */
    int flagBits() {
        return ordinal();
    }

    static Direction ofFlags(int flags) {
        return switch (flags & 3) {
            case 1 -> INBOUND;
            case 2 -> OUTBOUND;
            default -> UNKNOWN;
        };
    }
}
