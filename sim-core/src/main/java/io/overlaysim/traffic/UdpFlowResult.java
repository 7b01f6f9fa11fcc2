package io.overlaysim.traffic;

/**
 * What a UDP flow delivered.
 *
 * @param sent datagrams sent (including those the sender's kernel refused)
 * @param received distinct datagrams received
 * @param duplicates datagrams received more than once
 * @param outOfOrder datagrams that arrived after a later one
 * @param minDelayNanos the smallest one-way delay, 0 when nothing arrived
 * @param avgDelayNanos the mean one-way delay
 * @param maxDelayNanos the largest one-way delay
 */
public record UdpFlowResult(long sent, long received, long duplicates, long outOfOrder, long minDelayNanos,
        double avgDelayNanos, long maxDelayNanos) {
    /** Datagrams sent and never received. */
    public long lost() {
        return sent - received;
    }

    public double lossPercent() {
        return sent == 0 ? 0 : 100.0 * lost() / sent;
    }
}
