package io.overlaysim.scenario;

/** A link or flow rate in bits per second; prints as tc does ({@code 10Gbit}, {@code 100Mbit}). */
public record Bandwidth(long bitsPerSecond) {
    public Bandwidth {
        if (bitsPerSecond <= 0) {
            throw new IllegalArgumentException("bandwidth must be positive: " + bitsPerSecond);
        }
    }

    /** Parses {@code 10Gbit}, {@code 1Gbps}, {@code 100Mbit}; see {@link Units#bandwidth}. */
    public static Bandwidth parse(String text) {
        return Units.bandwidth(text);
    }

    /** Nanoseconds to serialise {@code bytes} at this rate, rounded up. */
    public long nanosFor(int bytes) {
        return Math.ceilDiv(bytes * 8L * 1_000_000_000L, bitsPerSecond);
    }

    @Override
    public String toString() {
        long b = bitsPerSecond;
        if (b % 1_000_000_000_000L == 0) {
            return b / 1_000_000_000_000L + "Tbit";
        } else if (b % 1_000_000_000L == 0) {
            return b / 1_000_000_000L + "Gbit";
        } else if (b % 1_000_000L == 0) {
            return b / 1_000_000L + "Mbit";
        } else if (b % 1_000L == 0) {
            return b / 1_000L + "kbit";
        }
        return b + "bit";
    }
}
