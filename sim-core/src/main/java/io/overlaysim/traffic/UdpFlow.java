package io.overlaysim.traffic;

import io.overlaysim.node.Node;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.transport.UdpSocket;
import io.overlaysim.transport.UdpStack;
import java.util.BitSet;

/**
 * A constant-rate UDP flow from one node to a port on another: each datagram carries its
 * sequence number and send time in its first 12 payload bytes, so the receiver counts what
 * arrived (and what twice, or out of order) and the one-way delay.
 *
 * <pre>{@code
 * UdpFlow f = UdpFlow.start(a, b, t.address("B"), UdpFlowOptions.rate(1000, 1000, 1_000_000_000L));
 * sim.runUntilIdle();
 * f.result().lost();
 * }</pre>
 */
public final class UdpFlow {
    private final Node sender;
    private final UdpFlowOptions opts;
    private final UdpSocket out;
    private final UdpSocket in;
    private final BitSet seen = new BitSet();
    private long sent;
    private long received;
    private long duplicates;
    private long outOfOrder;
    private long highest = -1;
    private long minDelay = Long.MAX_VALUE;
    private long maxDelay;
    private long sumDelay;

    private UdpFlow(Node sender, int sourcePort, Node receiver, UdpFlowOptions opts) {
        this.sender = sender;
        this.opts = opts;
        this.out = UdpStack.of(sender).bind(sourcePort, null);
        this.in = receiver == null ? null : UdpStack.of(receiver).bind(opts.port(), this::datagram);
    }

    /** Starts the flow now: {@code sender} sends to {@code dst} (an address of {@code receiver}). */
    public static UdpFlow start(Node sender, Node receiver, int dst, UdpFlowOptions opts) {
        return start(sender, 0, receiver, dst, opts);
    }

    /**
     * Starts the flow now from {@code sourcePort} (0: an ephemeral one) on {@code sender}; with a
     * null {@code receiver} nobody listens at {@code dst} (the datagrams earn port unreachables,
     * or meet whatever the network does to them). The first datagram leaves after this returns,
     * so the {@link #socket()}'s TTL, source or {@code IP_MTU_DISCOVER} can still be set.
     */
    public static UdpFlow start(Node sender, int sourcePort, Node receiver, int dst, UdpFlowOptions opts) {
        UdpFlow f = new UdpFlow(sender, sourcePort, receiver, opts);
        long n = opts.count();
        for (long i = 0; i < n; i++) {
            long seq = i;
            sender.simulation().scheduleAfter(i * opts.intervalNanos(), () -> f.send(dst, seq));
        }
        sender.simulation().scheduleAfter(n * opts.intervalNanos() + opts.drainNanos(), f::close);
        return f;
    }

    /** The sending socket. */
    public UdpSocket socket() {
        return out;
    }

    private void close() {
        if (in != null) {
            in.close();
        }
    }

    private void send(int dst, long seq) {
        byte[] head = new byte[12];
        putInt(head, 0, (int) seq);
        long now = sender.simulation().now();
        putInt(head, 4, (int) (now >>> 32));
        putInt(head, 8, (int) now);
        sent++;
        out.send(dst, opts.port(), opts.size(), head);
    }

    private void datagram(UdpSocket s, PacketBuffer p, int src, int sourcePort, int payload, int length) {
        if (length < 12) {
            return;
        }
        byte[] b = p.array();
        long seq = getInt(b, payload) & 0xffffffffL;
        long at = ((long) getInt(b, payload + 4) << 32) | (getInt(b, payload + 8) & 0xffffffffL);
        if (seen.get((int) seq)) {
            duplicates++;
            return;
        }
        seen.set((int) seq);
        received++;
        if (seq < highest) {
            outOfOrder++;
        }
        highest = Math.max(highest, seq);
        long delay = s == null ? 0 : sender.simulation().now() - at;
        minDelay = Math.min(minDelay, delay);
        maxDelay = Math.max(maxDelay, delay);
        sumDelay += delay;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    /** The counts so far (final once the simulation ran idle). */
    public UdpFlowResult result() {
        return new UdpFlowResult(sent, received, duplicates, outOfOrder, received == 0 ? 0 : minDelay,
                received == 0 ? 0 : (double) sumDelay / received, maxDelay);
    }
}
