package io.overlaysim.transport;

import io.overlaysim.engine.Timer;
import io.overlaysim.net.Ipv4Address;
import java.util.Objects;

/**
 * One TCP connection: a byte stream between two address:port pairs, made by
 * {@link TcpStack#connect} or accepted by a {@link TcpListener}. The application writes bytes
 * and gets {@link TcpHandler} callbacks; the segment processing lives in {@link TcpInput}
 * (tcp_input.c), sending and timers in {@link TcpOutput} (tcp_output.c, tcp_timer.c).
 *
 * <pre>{@code
 * TcpConnection c = stack.connect(Ipv4Address.parse("192.168.0.2"), 179, handler);
 * // later, in handler.connected(c):
 * c.write(openMessageBytes);
 * c.close();                       // FIN after the queued bytes
 * }</pre>
 *
 * <p>Sequence numbers are {@code int}s compared modulo 2^32 ({@link TcpSeq}).
 */
public final class TcpConnection {
    static final TcpHandler NO_HANDLER = new TcpHandler() {};

    final TcpStack stack;
    final TcpConfig config;
    final int localAddress;
    final int localPort;
    final int remoteAddress;
    final int remotePort;
    TcpState state = TcpState.CLOSED;
    TcpHandler handler = NO_HANDLER;
    /** The listener a passive connection came from, until it is accepted. */
    TcpListener listener;
    /** Whether this connection was opened by connect (for simultaneous open and failure reports). */
    final boolean active;
    /** Index in the stack's connection table (managed by {@link TcpConnectionTable}). */
    int slot = -1;

    // Send side (RFC 9293 section 3.3.1).
    int iss;
    int sndUna;
    int sndNxt;
    /** The highest sequence number sent so far (the kernel's snd_nxt before a go-back-N). */
    int sndMax;
    int sndWnd;
    int sndWl1;
    int sndWl2;
    int maxSndWnd;
    /** Bytes written and not yet acknowledged; its first byte has sequence {@link #sendQueueSeq}. */
    final TcpByteRing sendQueue = new TcpByteRing(1024);
    int sendQueueSeq;
    /** close() was called: a FIN follows the queued bytes. */
    boolean finQueued;
    /** The effective send MSS: min(peer's MSS option, our MTU - 40). */
    int mss;
    /** The MSS we announced (our MTU - 40), used for receive-side decisions. */
    int rcvMss;
    int cwnd;
    int ssthresh = Integer.MAX_VALUE;
    int dupAcks;
    boolean inRecovery;
    int recover;

    // Retransmission (RFC 6298) and its timer, shared with the zero-window probe and TIME_WAIT
    // as the kernel shares icsk_retransmit_timer.
    final TcpRto rto;
    final Timer retransmitTimer;
    TcpOutput.TimerMode timerMode = TcpOutput.TimerMode.RETRANSMIT;
    /** When the timer was last armed afresh: the head segment was sent no earlier (retrans_stamp). */
    long timerArmedAt;
    long retransStamp = -1;
    int retransmits;
    int probes;
    boolean rttTiming;
    int rttSeq;
    long rttStart;
    boolean synRetransmitted;

    // Receive side.
    int irs;
    int rcvNxt;
    /** RCV.NXT + RCV.WND as last advertised: the right edge never moves left (RFC 9293 3.8.6). */
    int rcvAdvEdge;
    final TcpByteRing receiveQueue = new TcpByteRing(16);
    final TcpReassemblyQueue outOfOrder = new TcpReassemblyQueue();
    boolean reading = true;
    boolean ackPending;
    int lastAckSent;
    int quickAcks;
    final Timer delayedAckTimer;

    // Counters, as `ss -ti` shows some of them.
    long segmentsSent;
    long segmentsReceived;
    long retransmittedSegments;
    long bytesAcked;
    long bytesReceived;

    TcpConnection(TcpStack stack, int localAddress, int localPort, int remoteAddress, int remotePort,
                  boolean active) {
        this.stack = stack;
        this.config = stack.config();
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.remoteAddress = remoteAddress;
        this.remotePort = remotePort;
        this.active = active;
        this.rto = new TcpRto(config);
        this.retransmitTimer = stack.simulation().timer(() -> TcpOutput.timerFired(this));
        this.delayedAckTimer = stack.simulation().timer(() -> TcpOutput.delayedAckFired(this));
        this.quickAcks = config.quickAcks();
    }

    /** The handler for this connection's events; replaces the current one. */
    public void setHandler(TcpHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    public TcpState state() {
        return state;
    }

    public Ipv4Address localAddress() {
        return new Ipv4Address(localAddress);
    }

    public int localPort() {
        return localPort;
    }

    public Ipv4Address remoteAddress() {
        return new Ipv4Address(remoteAddress);
    }

    public int remotePort() {
        return remotePort;
    }

    /**
     * Queues {@code b[off, off+len)} for sending and sends what the windows allow now. The
     * send queue is unbounded (the application is trusted, as BGP's is): see
     * {@link #sendQueueBytes()}. Writing during the handshake queues the bytes until it ends.
     *
     * @throws IllegalStateException after {@link #close()}, {@link #abort()}, or a failure
     */
    public void write(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (finQueued || state == TcpState.CLOSED || state == TcpState.TIME_WAIT) {
            throw new IllegalStateException("cannot write to " + this + ": the sending side is closed");
        }
        sendQueue.append(b, off, len);
        TcpOutput.writeXmit(this);
    }

    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    /**
     * Closes the sending side in order: a FIN follows the queued bytes (shutdown(SHUT_WR), which
     * is also what close(2) sends when nothing is unread). Data from the peer is still
     * delivered until its FIN. A connection still in SYN-SENT just goes away.
     */
    public void close() {
        switch (state) {
            case SYN_SENT, CLOSED -> stack.destroy(this);
            case SYN_RECEIVED, ESTABLISHED, CLOSE_WAIT -> {
                if (!finQueued) {
                    finQueued = true;
                    if (state == TcpState.CLOSE_WAIT) {
                        state = TcpState.LAST_ACK;
                    } else if (state == TcpState.ESTABLISHED) {
                        state = TcpState.FIN_WAIT_1;
                    }
                    // In SYN-RECEIVED the FIN waits for the handshake (RFC 9293 3.10.4).
                    TcpOutput.writeXmit(this);
                }
            }
            default -> { } // FIN already queued
        }
    }

    /**
     * Aborts the connection: a RST to the peer (unless the handshake never got a reply) and
     * the connection is gone at once, with no callback (tcp_disconnect).
     */
    public void abort() {
        if (state != TcpState.CLOSED && state != TcpState.SYN_SENT && state != TcpState.TIME_WAIT) {
            TcpOutput.sendReset(this);
        }
        stack.destroy(this);
    }

    /**
     * Stops delivering received bytes: they wait in the receive buffer, and the advertised
     * window shrinks as it fills (as when an application does not call read(2)).
     */
    public void pauseReading() {
        reading = false;
    }

    /** Delivers what waited in the receive buffer, then opens the window again. */
    public void resumeReading() {
        reading = true;
        while (reading && !receiveQueue.isEmpty() && state != TcpState.CLOSED) {
            // Handed out of the ring itself: nothing appends to it during the callback, since
            // segments arrive only in events of their own.
            int n = receiveQueue.frontRun();
            handler.received(this, receiveQueue.array(), receiveQueue.frontOffset(), n);
            receiveQueue.discard(n);
        }
        if (state.receivesData() || state == TcpState.CLOSE_WAIT) {
            TcpOutput.windowUpdate(this);
        }
    }

    /** Bytes written and not yet acknowledged by the peer. */
    public int sendQueueBytes() {
        return sendQueue.size();
    }

    /** Bytes received and not yet delivered (while reading is paused). */
    public int receiveQueueBytes() {
        return receiveQueue.size();
    }

    /** The effective send MSS. */
    /**
     * The path MTU toward the peer fell to {@code mtu} (ICMP fragmentation needed):
     * {@code tcp_v4_mtu_reduced} + {@code tcp_sync_mss} lower the MSS (never below Linux's
     * {@code tcp_min_snd_mss}, 48), then {@code tcp_simple_retransmit} sends what is in flight
     * again, cut to the new size (Karn: no RTT sample from these).
     */
    void mtuReduced(int mtu) {
        int newMss = Math.max(mtu - 40, 48);
        if (newMss >= mss) {
            return;
        }
        mss = newMss;
        if (TcpSeq.after(sndMax, sndUna)) {
            rttTiming = false;
            sndNxt = sndUna;
            TcpOutput.writeXmit(this);
        }
    }

    public int mss() {
        return mss;
    }

    /** The current retransmission timeout in nanoseconds, backoff included. */
    public long rtoNanos() {
        return rto.rto();
    }

    /** The smoothed RTT in nanoseconds, 0 before the first sample. */
    public long srttNanos() {
        return rto.srtt();
    }

    /** The peer's last advertised window. */
    public int sendWindow() {
        return sndWnd;
    }

    /** The window we advertised last. */
    public int receiveWindow() {
        return Math.max(0, rcvAdvEdge - rcvNxt);
    }

    public int congestionWindow() {
        return cwnd;
    }

    public long segmentsSent() {
        return segmentsSent;
    }

    public long segmentsReceived() {
        return segmentsReceived;
    }

    public long retransmittedSegments() {
        return retransmittedSegments;
    }

    /** Data bytes the peer has acknowledged. */
    public long bytesAcked() {
        return bytesAcked;
    }

    /** Data bytes received in order (delivered or waiting in the receive buffer). */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** Seq of the next data byte to send beyond those queued: where a FIN sits. */
    int dataEnd() {
        return sendQueueSeq + sendQueue.size();
    }

    /** Whether our FIN has been sent and acknowledged. */
    boolean finAcked() {
        return finQueued && TcpSeq.after(sndUna, dataEnd());
    }

    /**
     * Chooses the window to advertise and records its right edge (tcp_select_window): free
     * receive buffer rounded down to the MSS, never below what was promised, and raised only
     * by at least min(buffer/2, MSS) at a time (receiver SWS avoidance, RFC 9293 3.8.6.2.2).
     */
    int selectWindow() {
        int free = Math.min(65535, Math.max(0, config.receiveBuffer() - receiveQueue.size()));
        int current = Math.max(0, rcvAdvEdge - rcvNxt);
        int window = current;
        if (free - current >= Math.min(config.receiveBuffer() / 2, rcvMss)) {
            window = Math.max(current, free >= rcvMss ? free / rcvMss * rcvMss : free);
        }
        rcvAdvEdge = rcvNxt + window;
        return window;
    }

    @Override
    public String toString() {
        return "tcp " + Ipv4Address.format(localAddress) + ":" + localPort + " -> "
                + Ipv4Address.format(remoteAddress) + ":" + remotePort + " " + state.ssName();
    }
}
