package io.overlaysim.mtu;

import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.transport.TcpConnection;
import io.overlaysim.transport.TcpHandler;
import io.overlaysim.transport.TcpNode;

/**
 * A bulk TCP transfer from {@code pod-a} to {@code pod-c} on a {@link TwoNodeCluster}: the MSS
 * the stack takes from the path MTU, the time from the handshake's end until the receiver holds
 * every byte, the goodput that gives.
 *
 * @param bytes application bytes sent and received
 * @param mss the sender's MSS
 * @param nanos simulated time from connected until the last byte arrived
 * @param retransmitted segments sent again
 */
public record TcpBulk(long bytes, int mss, long nanos, long retransmitted) {
    /** Bytes written per transfer: 4 MiB, long enough for slow start to matter little at 10 Gbit/s. */
    public static final int BYTES = 4 << 20;
    private static final int PORT = 5001;
    private static final int CHUNK = 64 << 10;

    /** Goodput in bits per second (0 when nothing arrived). */
    public double bitsPerSecond() {
        return nanos <= 0 ? 0 : bytes * 8e9 / nanos;
    }

    /** Runs one transfer on a new cluster for {@code cell} (its size and DF are not used). */
    static TcpBulk run(SweepCell cell, long linkRateBps) {
        Simulation sim = new Simulation(1);
        TwoNodeCluster c = TwoNodeCluster.build(sim, cell, linkRateBps);
        long[] received = {0};
        long[] done = {-1};
        long[] start = {-1};
        TcpNode.of(c.node(TwoNodeCluster.POD_C)).listen(Ipv4Address.ANY, PORT, conn -> new TcpHandler() {
            @Override
            public void received(TcpConnection connection, byte[] data, int off, int len) {
                received[0] += len;
                if (received[0] >= BYTES && done[0] < 0) {
                    done[0] = sim.now();
                }
            }
        });
        byte[] chunk = new byte[CHUNK];
        TcpConnection[] client = new TcpConnection[1];
        sim.schedule(0, () -> client[0] = TcpNode.of(c.node(TwoNodeCluster.POD_A)).connect(
                new Ipv4Address(c.destination()), PORT, new TcpHandler() {
                    @Override
                    public void connected(TcpConnection connection) {
                        start[0] = sim.now();
                        for (int sent = 0; sent < BYTES; sent += CHUNK) {
                            connection.write(chunk, 0, Math.min(CHUNK, BYTES - sent));
                        }
                    }
                }));
        sim.runUntil(() -> done[0] >= 0 || sim.now() > 30_000_000_000L);
        TcpConnection k = client[0];
        return new TcpBulk(received[0], k.mss(), done[0] < 0 ? -1 : done[0] - start[0], k.retransmittedSegments());
    }
}
