package io.overlaysim.transport;

import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.packet.TcpHeader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The TCP of one node: its connections and listeners, the demultiplexing of received segments
 * ({@code tcp_v4_rcv}), and the RST for segments no socket wants. Its boundary to IP is
 * narrow: the node calls {@link #receive} for each local datagram of protocol 6 and
 * implements {@link TcpNetwork} for sending.
 *
 * <pre>{@code
 * TcpStack tcp = new TcpStack(sim, "worker01", network);
 * tcp.listen(Ipv4Address.ANY, 179, conn -> bgpSessionFor(conn));
 * TcpConnection c = tcp.connect(Ipv4Address.parse("192.168.0.146"), 179, handler);
 * // in the node's ip_local_deliver, protocol 6, IP header pulled:
 * TcpReceiveOutcome o = tcp.receive(packet, ipSource, ipDestination);
 * }</pre>
 *
 * <p>Initial sequence numbers and ephemeral ports come from the random stream
 * {@code "tcp:" + name} of the simulation, so runs repeat.
 *
 * <p>SYNs carry only the MSS option (route MTU - 40), unlike Linux's MSS, SACK-permitted,
 * timestamps, NOP, window scale. An option offered must be honoured: SACK-permitted without
 * SACK processing would invite blocks we ignore, timestamps would add 12 bytes to every
 * segment and PAWS, and window scaling is of no use to BGP's small messages under a 64 KB
 * window. Without them a peer (ours or a real Linux) falls back to plain RFC 9293 behaviour,
 * and tshark decodes the segments cleanly. Adding timestamps later changes only the header
 * length and the RTT sampling.
 */
public final class TcpStack {
    /** net.ipv4.ip_local_port_range's default. */
    public static final int EPHEMERAL_LOW = 32768;
    public static final int EPHEMERAL_HIGH = 60999;

    private final Simulation sim;
    private final String name;
    private final TcpNetwork network;
    private final TcpConfig config;
    private final RandomGenerator random;
    private final TcpConnectionTable connections = new TcpConnectionTable();
    private final Map<Long, TcpListener> listeners = new HashMap<>();
    private long resetsSent;
    private long badChecksums;
    private long malformed;
    private long noSocket;

    public TcpStack(Simulation sim, String name, TcpNetwork network) {
        this(sim, name, network, TcpConfig.LINUX);
    }

    public TcpStack(Simulation sim, String name, TcpNetwork network, TcpConfig config) {
        this.sim = Objects.requireNonNull(sim, "sim");
        this.name = Objects.requireNonNull(name, "name");
        this.network = Objects.requireNonNull(network, "network");
        this.config = Objects.requireNonNull(config, "config");
        this.random = sim.random("tcp:" + name);
    }

    public String name() {
        return name;
    }

    public TcpConfig config() {
        return config;
    }

    Simulation simulation() {
        return sim;
    }

    TcpNetwork network() {
        return network;
    }

    /**
     * Listens on {@code address} (ANY for every address of the node) and {@code port}.
     *
     * @throws IllegalStateException when a listener has the address and port already (EADDRINUSE)
     */
    public TcpListener listen(Ipv4Address address, int port, TcpAcceptor acceptor) {
        checkPort(port);
        Objects.requireNonNull(acceptor, "acceptor");
        long key = listenKey(address.bits(), port);
        if (listeners.containsKey(key)) {
            throw new IllegalStateException("tcp " + name + ": " + address + ":" + port + " is already listening");
        }
        TcpListener l = new TcpListener(this, address.bits(), port, acceptor);
        listeners.put(key, l);
        return l;
    }

    /** Opens a connection from an ephemeral port of the routed source address. */
    public TcpConnection connect(Ipv4Address remote, int remotePort, TcpHandler handler) {
        return connect(Ipv4Address.ANY, 0, remote, remotePort, handler);
    }

    /**
     * Opens a connection (active open): SYN now, {@link TcpHandler#connected} when the
     * handshake completes, {@link TcpHandler#failed} on RST (REFUSED), after the SYN retries
     * (TIMED_OUT), or right after this call when no route gives a source (UNREACHABLE).
     *
     * @param local     the source address (BIRD's {@code source address}), or ANY to take the
     *                  route's
     * @param localPort the source port, or 0 for an ephemeral one
     * @throws IllegalStateException when the four-tuple is in use (EADDRINUSE)
     */
    public TcpConnection connect(Ipv4Address local, int localPort, Ipv4Address remote, int remotePort,
                                 TcpHandler handler) {
        checkPort(remotePort);
        Objects.requireNonNull(handler, "handler");
        int dst = remote.bits();
        int src = local.isAny() ? network.sourceAddress(dst) : local.bits();
        if (src == 0) {
            TcpConnection c = new TcpConnection(this, 0, localPort, dst, remotePort, true);
            c.handler = handler;
            sim.scheduleAfter(0, () -> handler.failed(c, TcpFailure.UNREACHABLE));
            return c;
        }
        int port = localPort != 0 ? localPort : ephemeralPort(src, dst, remotePort);
        if (connections.find(src, port, dst, remotePort) != null) {
            throw new IllegalStateException("tcp " + name + ": " + Ipv4Address.format(src) + ":" + port
                    + " -> " + remote + ":" + remotePort + " is in use");
        }
        TcpConnection c = new TcpConnection(this, src, port, dst, remotePort, true);
        c.handler = handler;
        initSend(c, dst);
        c.state = TcpState.SYN_SENT;
        connections.add(c);
        TcpOutput.sendSyn(c, false);
        return c;
    }

    /**
     * Takes one received TCP segment: {@code segment} starts at the TCP header and holds the
     * segment exactly (the IP layer pulled the IP header and trimmed to its total length);
     * {@code source} and {@code destination} are the IP header's. The buffer is not kept.
     */
    public TcpReceiveOutcome receive(PacketBuffer segment, int source, int destination) {
        byte[] b = segment.array();
        int off = segment.start();
        int len = segment.length();
        if (len < TcpHeader.MIN_LENGTH || TcpHeader.headerLength(b, off) < TcpHeader.MIN_LENGTH
                || TcpHeader.headerLength(b, off) > len) {
            malformed++;
            return TcpReceiveOutcome.MALFORMED;
        }
        if (!TcpHeader.verifyChecksum(b, off, len, source, destination)) {
            badChecksums++;
            return TcpReceiveOutcome.BAD_CHECKSUM;
        }
        int sport = TcpHeader.sourcePort(b, off);
        int dport = TcpHeader.destinationPort(b, off);
        TcpConnection c = connections.find(destination, dport, source, sport);
        if (c != null) {
            TcpInput.segmentArrives(c, b, off, len);
            return TcpReceiveOutcome.DELIVERED;
        }
        int flags = b[off + 13] & 0xff;
        TcpListener l = listeners.get(listenKey(destination, dport));
        if (l == null) {
            l = listeners.get(listenKey(0, dport));
        }
        if (l != null && (flags & (TcpHeader.SYN | TcpHeader.ACK | TcpHeader.RST)) == TcpHeader.SYN) {
            passiveOpen(l, b, off, len, source, destination, sport, dport);
            return TcpReceiveOutcome.DELIVERED;
        }
        if (l != null && (flags & TcpHeader.ACK) == 0) {
            return TcpReceiveOutcome.DELIVERED; // tcp_v4_rcv -> LISTEN: neither SYN nor ACK: dropped
        }
        if (l == null) {
            noSocket++;
        }
        if ((flags & TcpHeader.RST) == 0) {
            // RFC 9293 3.10.7.1 (tcp_v4_send_reset): acknowledge what came, or take its ACK.
            if ((flags & TcpHeader.ACK) != 0) {
                sendReset(destination, dport, source, sport, (int) TcpHeader.acknowledgment(b, off), 0, false);
            } else {
                int segLen = len - TcpHeader.headerLength(b, off) + ((flags & TcpHeader.SYN) != 0 ? 1 : 0)
                        + ((flags & TcpHeader.FIN) != 0 ? 1 : 0);
                sendReset(destination, dport, source, sport, 0, (int) TcpHeader.sequence(b, off) + segLen, true);
            }
        }
        return l == null ? TcpReceiveOutcome.NO_SOCKET : TcpReceiveOutcome.DELIVERED;
    }

    /** The connections, ordered by local port, then remote address and port. */
    public List<TcpConnection> connections() {
        List<TcpConnection> all = new ArrayList<>();
        connections.forEach(all::add);
        all.sort(Comparator.comparingInt(TcpConnection::localPort)
                .thenComparing(c -> Integer.toUnsignedLong(c.remoteAddress))
                .thenComparingInt(TcpConnection::remotePort));
        return all;
    }

    public int connectionCount() {
        return connections.size();
    }

    /** RSTs sent for segments no socket wanted, or answering bad ACKs. */
    public long resetsSent() {
        return resetsSent;
    }

    public long badChecksums() {
        return badChecksums;
    }

    public long malformedSegments() {
        return malformed;
    }

    /** Segments that matched no connection and no listener. */
    public long noSocketSegments() {
        return noSocket;
    }

    private void passiveOpen(TcpListener l, byte[] b, int off, int len, int source, int destination,
                             int sport, int dport) {
        if (l.halfOpen >= config.backlog()) {
            return; // the SYN queue is full: dropped, the peer retries
        }
        TcpConnection c = new TcpConnection(this, destination, dport, source, sport, false);
        c.listener = l;
        l.halfOpen++;
        initSend(c, source);
        int seq = (int) TcpHeader.sequence(b, off);
        c.irs = seq;
        c.rcvNxt = seq + 1;
        c.rcvAdvEdge = c.rcvNxt;
        TcpInput.applyPeerMss(c, TcpSegments.mssOption(b, off, TcpHeader.headerLength(b, off)));
        c.sndWnd = TcpHeader.window(b, off);
        c.maxSndWnd = c.sndWnd;
        c.sndWl1 = seq;
        c.state = TcpState.SYN_RECEIVED;
        connections.add(c);
        TcpOutput.sendSyn(c, true);
    }

    /** Sequence numbers and MSS of a new connection. */
    private void initSend(TcpConnection c, int peer) {
        int iss = random.nextInt();
        c.iss = iss;
        c.sndUna = iss;
        c.sndNxt = iss;
        c.sndMax = iss;
        c.sendQueueSeq = iss + 1;
        c.rcvMss = Math.max(88, network.mtu(peer) - 40);
        c.mss = Math.min(536, c.rcvMss);
    }

    /** A free port of the ephemeral range for this pair (__inet_hash_connect, from a random offset). */
    private int ephemeralPort(int src, int dst, int dport) {
        int range = EPHEMERAL_HIGH - EPHEMERAL_LOW + 1;
        int offset = random.nextInt(range);
        for (int i = 0; i < range; i++) {
            int port = EPHEMERAL_LOW + (offset + i) % range;
            if (connections.find(src, port, dst, dport) == null && !listeners.containsKey(listenKey(src, port))
                    && !listeners.containsKey(listenKey(0, port))) {
                return port;
            }
        }
        throw new IllegalStateException("tcp " + name + ": no free ephemeral port towards "
                + Ipv4Address.format(dst) + ":" + dport);
    }

    /** Sends a RST not tied to a connection (tcp_v4_send_reset). */
    void sendReset(int source, int sport, int destination, int dport, int seq, int ack, boolean withAck) {
        int flags = TcpHeader.RST | (withAck ? TcpHeader.ACK : 0);
        PacketBuffer p = TcpSegments.build(source, sport, destination, dport, seq, ack, flags, 0, 0, null, 0, 0);
        resetsSent++;
        network.send(source, destination, p);
    }

    /** Forgets a connection: timers off, out of the table (tcp_done, inet_twsk_kill). */
    void destroy(TcpConnection c) {
        if (c.listener != null) {
            c.listener.halfOpen--;
            c.listener = null;
        }
        c.state = TcpState.CLOSED;
        c.retransmitTimer.cancel();
        c.delayedAckTimer.cancel();
        c.outOfOrder.clear();
        connections.remove(c);
    }

    void unlisten(TcpListener l) {
        listeners.remove(listenKey(l.addressBits(), l.port()), l);
    }

    private static long listenKey(int address, int port) {
        return (Integer.toUnsignedLong(address) << 16) | port;
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("TCP port must be 1..65535, got " + port);
        }
    }
}
