package io.overlaysim.transport;

import io.overlaysim.packet.TcpHeader;

/**
 * Segment arrival for a connection, after RFC 9293 section 3.10.7 and the kernel's
 * tcp_input.c ({@code tcp_rcv_synsent_state_process}, {@code tcp_rcv_state_process},
 * {@code tcp_ack}, {@code tcp_data_queue}). Works on the packet's bytes; in-order data goes to
 * the application as a slice of the packet, without a copy.
 */
final class TcpInput {
    private TcpInput() {}

    /** Processes the segment {@code b[off, off+len)} (checksum already verified). */
    static void segmentArrives(TcpConnection c, byte[] b, int off, int len) {
        c.segmentsReceived++;
        int hl = TcpHeader.headerLength(b, off);
        int flags = b[off + 13] & 0xff;
        int seq = readInt(b, off + 4);
        int ack = readInt(b, off + 8);
        int window = ((b[off + 14] & 0xff) << 8) | (b[off + 15] & 0xff);
        if (c.state == TcpState.SYN_SENT) {
            synSent(c, b, off, hl, flags, seq, ack, window, len - hl);
        } else {
            synchronized_(c, b, off + hl, len - hl, flags, seq, ack, window);
        }
    }

    /** RFC 9293 3.10.7.3: the reply to our SYN. */
    private static void synSent(TcpConnection c, byte[] b, int off, int hl, int flags, int seq, int ack,
                                int window, int dataLen) {
        boolean hasAck = (flags & TcpHeader.ACK) != 0;
        if (hasAck && (TcpSeq.beforeOrEqual(ack, c.iss) || TcpSeq.after(ack, c.sndMax))) {
            if ((flags & TcpHeader.RST) == 0) {
                c.stack.sendReset(c.localAddress, c.localPort, c.remoteAddress, c.remotePort, ack, 0, false);
            }
            return;
        }
        if ((flags & TcpHeader.RST) != 0) {
            if (hasAck) {
                fail(c, TcpFailure.REFUSED);
            }
            return;
        }
        if ((flags & TcpHeader.SYN) == 0) {
            return;
        }
        c.irs = seq;
        c.rcvNxt = seq + 1;
        c.rcvAdvEdge = c.rcvNxt;
        applyPeerMss(c, TcpSegments.mssOption(b, off, hl));
        c.sndWnd = window;
        c.maxSndWnd = window;
        c.sndWl1 = seq;
        c.sndWl2 = ack;
        if (hasAck) {
            ackAdvances(c, ack);
            establish(c);
            if (c.synRetransmitted) {
                c.rto.fallback();
            }
            TcpOutput.sendAck(c);
            c.handler.connected(c);
            if (c.state != TcpState.CLOSED) {
                TcpOutput.writeXmit(c);
            }
        } else {
            // Simultaneous open (RFC 9293 figure 7): SYN-ACK with our original ISS.
            c.state = TcpState.SYN_RECEIVED;
            c.sndNxt = c.iss;
            TcpOutput.sendSyn(c, true);
        }
    }

    /** RFC 9293 3.10.7.4: SYN-RECEIVED and the synchronized states. */
    private static void synchronized_(TcpConnection c, byte[] b, int data, int dataLen, int flags, int seq,
                                      int ack, int window) {
        boolean syn = (flags & TcpHeader.SYN) != 0;
        boolean fin = (flags & TcpHeader.FIN) != 0;
        boolean rst = (flags & TcpHeader.RST) != 0;
        int segLen = dataLen + (syn ? 1 : 0) + (fin ? 1 : 0);
        int rcvWnd = Math.max(0, c.rcvAdvEdge - c.rcvNxt);
        if (syn && c.state == TcpState.SYN_RECEIVED && c.active && (flags & TcpHeader.ACK) != 0
                && seq + 1 == c.rcvNxt && ack == c.iss + 1) {
            // Simultaneous open (RFC 9293 figure 7): the peer's SYN-ACK completes our
            // SYN-RECEIVED; its SYN is the one we have already (tcp_validate_incoming lets it pass).
            seq++;
            segLen--;
            syn = false;
        }

        // First: is the sequence number acceptable?
        boolean acceptable = segLen == 0
                ? (rcvWnd == 0 ? seq == c.rcvNxt : TcpSeq.inRange(seq, c.rcvNxt, c.rcvNxt + rcvWnd)
                        || seq == c.rcvNxt)
                : rcvWnd > 0 && (TcpSeq.inRange(seq, c.rcvNxt, c.rcvNxt + rcvWnd)
                        || TcpSeq.inRange(seq + segLen - 1, c.rcvNxt, c.rcvNxt + rcvWnd));
        if (!acceptable) {
            if (!rst) {
                if (c.state == TcpState.SYN_RECEIVED && syn && seq == c.irs) {
                    TcpOutput.sendSyn(c, true); // a retransmitted SYN: answer it again (tcp_check_req)
                    return;
                }
                if (c.state == TcpState.TIME_WAIT && fin) {
                    TcpOutput.startTimeWait(c); // a retransmitted FIN restarts TIME_WAIT
                }
                TcpOutput.sendAck(c);
            }
            return;
        }
        // Second: RST (RFC 5961 section 3: only an exact match resets; else a challenge ACK).
        if (rst) {
            if (TcpSeq.after(seq, c.rcvNxt)) {
                TcpOutput.sendAck(c);
                return;
            }
            switch (c.state) {
                case SYN_RECEIVED -> {
                    if (c.active) {
                        fail(c, TcpFailure.REFUSED);
                    } else {
                        c.stack.destroy(c); // back to LISTEN: the request is forgotten
                    }
                }
                case CLOSING, LAST_ACK, TIME_WAIT -> c.stack.destroy(c);
                default -> fail(c, TcpFailure.RESET);
            }
            return;
        }
        // Fourth: a SYN in the window of a synchronized connection (RFC 5961 section 4).
        if (syn) {
            TcpOutput.sendAck(c);
            return;
        }
        // Fifth: the ACK field.
        if ((flags & TcpHeader.ACK) == 0) {
            return;
        }
        if (c.state == TcpState.SYN_RECEIVED) {
            if (!TcpSeq.after(ack, c.sndUna) || TcpSeq.after(ack, c.sndMax)) {
                c.stack.sendReset(c.localAddress, c.localPort, c.remoteAddress, c.remotePort, ack, 0, false);
                return;
            }
            c.sndWnd = window;
            c.maxSndWnd = Math.max(c.maxSndWnd, window);
            c.sndWl1 = seq;
            c.sndWl2 = ack;
            ackAdvances(c, ack);
            establish(c);
            if (c.synRetransmitted) {
                c.rto.fallback();
            }
            if (!c.active) {
                TcpListener l = c.listener;
                c.listener = null;
                TcpHandler h = l.accept(c);
                if (h == null) {
                    c.abort();
                    return;
                }
                c.handler = h;
            } else {
                c.handler.connected(c);
            }
            if (c.state == TcpState.CLOSED) {
                return;
            }
            if (c.finQueued) {
                c.state = TcpState.FIN_WAIT_1; // close() during SYN-RECEIVED
            }
        } else if (!processAck(c, seq, ack, window, segLen)) {
            return;
        }
        if (c.state == TcpState.CLOSED) {
            return;
        }
        // Sixth and seventh: the segment text, trimmed to the window.
        boolean immediate = false;
        if (c.state.receivesData() && (dataLen > 0 || fin)) {
            if (TcpSeq.before(seq, c.rcvNxt)) {
                int skip = Math.min(dataLen, c.rcvNxt - seq);
                data += skip;
                dataLen -= skip;
                seq += skip;
            }
            int room = c.rcvAdvEdge - seq;
            if (dataLen > room) {
                dataLen = Math.max(0, room);
                fin = false; // the FIN lies beyond the window
            }
            if (seq != c.rcvNxt) {
                c.outOfOrder.add(seq, b, data, dataLen, fin);
                c.ackPending = true;
                immediate = true; // a duplicate ACK tells the sender about the hole
                fin = false;
                dataLen = 0;
            } else if (seq == c.rcvNxt) {
                immediate = !c.outOfOrder.isEmpty(); // filling a hole: ACK at once
                if (dataLen > 0) {
                    deliver(c, b, data, dataLen);
                }
                if (c.state == TcpState.CLOSED) {
                    return;
                }
                fin = drainOutOfOrder(c, fin);
                if (c.state == TcpState.CLOSED) {
                    return;
                }
            } else {
                fin = false;
            }
        } else {
            fin = fin && c.state.receivesData();
        }
        // Eighth: FIN.
        if (fin && c.state.receivesData()) {
            c.rcvNxt++;
            c.ackPending = true;
            immediate = true;
            finReceived(c);
            if (c.state == TcpState.CLOSED) {
                return;
            }
        }
        TcpOutput.ackSndCheck(c, immediate);
        TcpOutput.writeXmit(c);
    }

    /**
     * The ACK field of a synchronized connection (tcp_ack): frees acknowledged bytes, samples
     * the RTT, updates the send window, runs fast retransmit, and moves the closing states on.
     * Returns false when the segment is to be dropped.
     */
    private static boolean processAck(TcpConnection c, int seq, int ack, int window, int segLen) {
        if (TcpSeq.after(ack, c.sndMax)) {
            TcpOutput.sendAck(c); // it acknowledges what we never sent
            return false;
        }
        if (TcpSeq.after(ack, c.sndUna)) {
            ackAdvances(c, ack);
        } else if (ack == c.sndUna && segLen == 0 && window == c.sndWnd && c.sndMax != c.sndUna) {
            c.dupAcks++;
            if (c.dupAcks == 3 && !c.inRecovery) {
                // Fast retransmit (RFC 5681 3.2), recovery as NewReno (RFC 6582).
                int flight = c.sndMax - c.sndUna;
                c.ssthresh = Math.max(flight / 2, 2 * c.mss);
                c.cwnd = c.ssthresh;
                c.inRecovery = true;
                c.recover = c.sndMax;
                TcpOutput.retransmitHead(c);
            }
        }
        // The send window (RFC 9293 3.10.7.4, SND.WL1/SND.WL2 guard against old segments).
        if (TcpSeq.before(c.sndWl1, seq) || (c.sndWl1 == seq && TcpSeq.afterOrEqual(ack, c.sndWl2))) {
            boolean opened = c.sndWnd == 0 && window > 0;
            c.sndWnd = window;
            c.maxSndWnd = Math.max(c.maxSndWnd, window);
            c.sndWl1 = seq;
            c.sndWl2 = ack;
            if (opened && c.timerMode == TcpOutput.TimerMode.PROBE) {
                c.retransmitTimer.cancel();
                c.probes = 0;
            }
        }
        switch (c.state) {
            case FIN_WAIT_1 -> {
                if (c.finAcked()) {
                    c.state = TcpState.FIN_WAIT_2;
                }
            }
            case CLOSING -> {
                if (c.finAcked()) {
                    TcpOutput.startTimeWait(c);
                    c.handler.closed(c);
                    return false;
                }
            }
            case LAST_ACK -> {
                if (c.finAcked()) {
                    c.stack.destroy(c);
                    c.handler.closed(c);
                    return false;
                }
            }
            case TIME_WAIT -> {
                return false;
            }
            default -> { }
        }
        return true;
    }

    /** SND.UNA moves to {@code ack}: free the queue, sample the RTT, grow cwnd, rearm the timer. */
    private static void ackAdvances(TcpConnection c, int ack) {
        int acked = ack - c.sndUna;
        int dataAcked = Math.max(0, Math.min(c.sendQueue.size(), ack - c.sendQueueSeq));
        c.sendQueue.discard(dataAcked);
        c.sendQueueSeq += dataAcked;
        c.bytesAcked += dataAcked;
        c.sndUna = ack;
        if (TcpSeq.after(ack, c.sndNxt)) {
            c.sndNxt = ack; // the receiver had it already (go-back-N after a timeout)
        }
        long now = c.stack.simulation().now();
        if (c.rttTiming && TcpSeq.after(ack, c.rttSeq)) {
            c.rto.sample(now - c.rttStart);
            c.rttTiming = false;
        }
        c.retransmits = 0;
        c.retransStamp = -1;
        c.probes = 0;
        c.dupAcks = 0;
        if (c.inRecovery) {
            if (TcpSeq.afterOrEqual(ack, c.recover)) {
                c.inRecovery = false;
                c.cwnd = c.ssthresh;
            } else {
                TcpOutput.retransmitHead(c); // NewReno partial ACK: the next hole
            }
        } else if (c.cwnd < c.ssthresh) {
            c.cwnd += Math.min(acked, c.mss); // slow start (RFC 5681 3.1)
        } else {
            c.cwnd += Math.max(1, c.mss * c.mss / c.cwnd); // congestion avoidance
        }
        if (c.sndUna == c.sndMax) {
            if (c.timerMode == TcpOutput.TimerMode.RETRANSMIT) {
                c.retransmitTimer.cancel();
            }
        } else {
            TcpOutput.armRetransmit(c, true);
        }
    }

    private static void establish(TcpConnection c) {
        c.state = TcpState.ESTABLISHED;
        c.cwnd = c.config.initialCwnd() * c.mss;
        c.selectWindow();
    }

    /** The MSS to send with: the peer's option (536 when absent, RFC 9293 3.7.1), capped by ours. */
    static void applyPeerMss(TcpConnection c, int peerMss) {
        int peer = peerMss == 0 ? 536 : peerMss;
        c.mss = Math.max(64, Math.min(peer, c.rcvMss));
    }

    /** In-order data: to the application now, or into the receive buffer while it does not read. */
    private static void deliver(TcpConnection c, byte[] b, int off, int len) {
        c.rcvNxt += len;
        c.bytesReceived += len;
        c.ackPending = true;
        if (c.reading && c.receiveQueue.isEmpty()) {
            c.handler.received(c, b, off, len);
        } else {
            c.receiveQueue.append(b, off, len);
        }
    }

    /** Moves what the out-of-order queue now continues; returns whether a FIN was reached. */
    private static boolean drainOutOfOrder(TcpConnection c, boolean fin) {
        if (fin) {
            return true;
        }
        TcpReassemblyQueue.Piece p;
        while ((p = c.outOfOrder.pollAt(c.rcvNxt)) != null) {
            int skip = c.rcvNxt - p.seq();
            int n = p.data().length - skip;
            if (n > 0) {
                deliver(c, p.data(), skip, n);
                if (c.state == TcpState.CLOSED) {
                    return false;
                }
            }
            if (p.fin()) {
                c.outOfOrder.clear();
                return true;
            }
        }
        return false;
    }

    /** RFC 9293 3.10.7.4, eighth step: the peer's FIN. */
    private static void finReceived(TcpConnection c) {
        switch (c.state) {
            case ESTABLISHED -> {
                c.state = TcpState.CLOSE_WAIT;
                c.handler.peerClosed(c);
            }
            case FIN_WAIT_1 -> {
                c.state = TcpState.CLOSING; // our FIN is not acknowledged yet
                c.handler.peerClosed(c);
            }
            case FIN_WAIT_2 -> {
                TcpOutput.sendAck(c);
                TcpOutput.startTimeWait(c);
                c.handler.peerClosed(c);
                c.handler.closed(c);
            }
            default -> { }
        }
    }

    /** Ends the connection abnormally and tells the application. */
    static void fail(TcpConnection c, TcpFailure failure) {
        c.stack.destroy(c);
        c.handler.failed(c, failure);
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}
