package io.overlaysim.bgp;

import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory {@link BgpTransport} over the event engine, shared by every address of a
 * simulated network: a connection is a pair of pipes that deliver bytes, in order, a fixed delay
 * after they were written, cut into segments of at most {@code segmentSize} bytes (so that
 * framing meets partial messages). It stands in for the simulated TCP until that plugs in.
 *
 * <p>{@link #cut} models a link going down between two addresses: nothing sent between them
 * arrives (SYNs, data, FINs and RSTs alike), and neither end is told, so only a BGP hold timer
 * notices. {@link #restore} delivers what was held, in order, as TCP's retransmissions would;
 * an aborted connection's held bytes are dropped and its reset delivered.
 *
 * <pre>{@code
 * SimulatedPipeTransport net = new SimulatedPipeTransport(sim, 100_000, 1448);  // 100 µs, MSS
 * net.cut(a, b);      // later: net.restore(a, b);
 * }</pre>
 */
public final class SimulatedPipeTransport implements BgpTransport {
    /** Sees every segment as it arrives; for tests and captures. */
    @FunctionalInterface
    public interface Tap {
        void delivered(Connection from, byte[] bytes, int offset, int length);
    }

    private final Simulation sim;
    private final long delayNanos;
    private final int segmentSize;
    private final Map<Long, ListenerImpl> listeners = new HashMap<>();
    private final Set<Long> cuts = new HashSet<>();
    private final Map<Long, ArrayDeque<Runnable>> held = new HashMap<>();
    private final Map<Integer, Integer> nextPort = new HashMap<>();
    private Tap tap;

    public SimulatedPipeTransport(Simulation sim, long delayNanos, int segmentSize) {
        if (delayNanos < 0 || segmentSize < 1) {
            throw new IllegalArgumentException("delay >= 0 ns and segment size >= 1 expected");
        }
        this.sim = sim;
        this.delayNanos = delayNanos;
        this.segmentSize = segmentSize;
    }

    public void tap(Tap t) {
        this.tap = t;
    }

    /** Stops everything between the two addresses, silently. */
    public void cut(Ipv4Address a, Ipv4Address b) {
        cuts.add(pair(a.bits(), b.bits()));
    }

    /** Lets traffic between the two addresses pass again; what was held goes first, in order. */
    public void restore(Ipv4Address a, Ipv4Address b) {
        long key = pair(a.bits(), b.bits());
        cuts.remove(key);
        ArrayDeque<Runnable> q = held.remove(key);
        if (q != null) {
            for (Runnable r : q) {
                sim.scheduleAfter(delayNanos, r);
            }
        }
    }

    public boolean isCut(Ipv4Address a, Ipv4Address b) {
        return cuts.contains(pair(a.bits(), b.bits()));
    }

    private static long pair(int a, int b) {
        long x = Integer.toUnsignedLong(a);
        long y = Integer.toUnsignedLong(b);
        return Math.max(x, y) << 32 | Math.min(x, y);
    }

    private static long endpoint(Ipv4Address a, int port) {
        return Integer.toUnsignedLong(a.bits()) << 16 | port;
    }

    private void send(Ipv4Address from, Ipv4Address to, Runnable r) {
        long key = pair(from.bits(), to.bits());
        if (!cuts.isEmpty() && cuts.contains(key)) {
            held.computeIfAbsent(key, k -> new ArrayDeque<>()).add(r);
        } else {
            sim.scheduleAfter(delayNanos, r);
        }
    }

    @Override
    public Connection connect(Ipv4Address local, Ipv4Address remote, int port, Handler handler) {
        // Ephemeral ports per local address, from 32768 as Linux's ip_local_port_range starts.
        int lport = nextPort.merge(local.bits(), 32768, (old, x) -> old >= 60999 ? 32768 : old + 1);
        End a = new End(local, lport, remote, port, handler);
        send(local, remote, () -> syn(a));
        return a;
    }

    private void syn(End a) {
        if (a.state != State.OPENING) {
            return; // given up before the SYN arrived: nothing answers
        }
        ListenerImpl l = listeners.get(endpoint(a.remote, a.rport));
        if (l == null) {
            send(a.remote, a.local, () -> a.reset("connection refused"));
            return;
        }
        // The handshake completes before the application sees the connection (inet_csk_accept),
        // so the SYN-ACK goes first and what the acceptor writes follows it.
        End b = new End(a.remote, a.rport, a.local, a.lport, null);
        b.state = State.OPEN;
        b.peer = a;
        a.peer = b;
        send(a.remote, a.local, () -> {
            if (a.state == State.OPENING) {
                a.state = State.OPEN;
                a.handler.connected(a);
            } else {
                send(a.local, a.remote, () -> b.reset("connection reset by peer"));
            }
        });
        Handler h = l.acceptor.accept(b);
        if (h == null) {
            b.abort();
        } else {
            b.handler = h;
        }
    }

    @Override
    public Listener listen(Ipv4Address local, int port, Acceptor acceptor) {
        long key = endpoint(local, port);
        if (listeners.containsKey(key)) {
            throw new IllegalStateException(local + ":" + port + " is already listening (EADDRINUSE)");
        }
        ListenerImpl l = new ListenerImpl(key, acceptor);
        listeners.put(key, l);
        return l;
    }

    private final class ListenerImpl implements Listener {
        final long key;
        final Acceptor acceptor;

        ListenerImpl(long key, Acceptor acceptor) {
            this.key = key;
            this.acceptor = acceptor;
        }

        @Override
        public void close() {
            listeners.remove(key, this);
        }
    }

    private enum State { OPENING, OPEN, CLOSED, DEAD }

    private final class End implements Connection {
        final Ipv4Address local;
        final int lport;
        final Ipv4Address remote;
        final int rport;
        Handler handler;
        End peer;
        State state = State.OPENING;

        End(Ipv4Address local, int lport, Ipv4Address remote, int rport, Handler handler) {
            this.local = local;
            this.lport = lport;
            this.remote = remote;
            this.rport = rport;
            this.handler = handler;
        }

        @Override
        public Ipv4Address localAddress() {
            return local;
        }

        @Override
        public int localPort() {
            return lport;
        }

        @Override
        public Ipv4Address remoteAddress() {
            return remote;
        }

        @Override
        public int remotePort() {
            return rport;
        }

        @Override
        public boolean isOpen() {
            return state == State.OPEN;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (state != State.OPEN) {
                return;
            }
            End to = peer;
            for (int o = offset; o < offset + length; o += segmentSize) {
                int n = Math.min(segmentSize, offset + length - o);
                byte[] seg = new byte[n];
                System.arraycopy(bytes, o, seg, 0, n);
                send(local, remote, () -> to.receive(this, seg, 0, n));
            }
        }

        /**
         * The same segments as {@link #write} of the concatenation; a segment inside one slice is
         * that slice's bytes (kept, not copied), one across slices is copied together.
         */
        @Override
        public void writeShared(java.util.List<Slice> slices) {
            if (state != State.OPEN) {
                return;
            }
            End to = peer;
            int total = 0;
            for (Slice s : slices) {
                total += s.length();
            }
            int pos = 0; // in the stream of the concatenation
            byte[] part = null; // a segment being assembled across slices
            int filled = 0;
            for (Slice s : slices) {
                byte[] b = s.bytes();
                int o = s.offset();
                int end = o + s.length();
                while (o < end) {
                    if (part == null) {
                        int n = Math.min(segmentSize, total - pos);
                        if (end - o >= n) {
                            int from = o;
                            send(local, remote, () -> to.receive(this, b, from, n));
                            o += n;
                            pos += n;
                            continue;
                        }
                        part = new byte[n];
                        filled = 0;
                    }
                    int n = Math.min(part.length - filled, end - o);
                    System.arraycopy(b, o, part, filled, n);
                    filled += n;
                    o += n;
                    pos += n;
                    if (filled == part.length) {
                        byte[] seg = part;
                        send(local, remote, () -> to.receive(this, seg, 0, seg.length));
                        part = null;
                    }
                }
            }
        }

        private void receive(End from, byte[] seg, int offset, int length) {
            if (state == State.OPEN) {
                if (tap != null) {
                    tap.delivered(from, seg, offset, length);
                }
                handler.data(this, seg, offset, length);
            } else if (state == State.DEAD && from.state == State.OPEN) {
                // tcp_v4_send_reset: data for a socket that is gone is answered with an RST.
                send(local, remote, () -> from.reset("connection reset by peer"));
            }
        }

        @Override
        public void close() {
            if (state == State.OPEN) {
                state = State.CLOSED;
                End to = peer;
                send(local, remote, () -> to.fin());
            } else if (state == State.OPENING) {
                state = State.DEAD;
            }
        }

        private void fin() {
            if (state == State.OPEN) {
                state = State.CLOSED;
                handler.closed(this);
            }
        }

        @Override
        public void abort() {
            State was = state;
            state = State.DEAD;
            if (was == State.OPEN || was == State.CLOSED) {
                End to = peer;
                send(local, remote, () -> to.reset("connection reset by peer"));
            }
        }

        private void reset(String reason) {
            if (state == State.OPEN || state == State.OPENING) {
                state = State.DEAD;
                handler.failed(this, reason);
            } else {
                state = State.DEAD;
            }
        }

        @Override
        public String toString() {
            return local + ":" + lport + "->" + remote + ":" + rport;
        }
    }
}
