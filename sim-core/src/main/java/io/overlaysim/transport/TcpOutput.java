package io.overlaysim.transport;

import io.overlaysim.packet.TcpHeader;

/**
 * The sending half of a connection and its timers, after the kernel's tcp_output.c and
 * tcp_timer.c: what the windows let out ({@code tcp_write_xmit}), control segments, ACKs
 * (immediate or delayed), and the one timer a connection shares between retransmission, the
 * zero-window probe and TIME_WAIT (as {@code icsk_retransmit_timer} serves
 * ICSK_TIME_RETRANS and ICSK_TIME_PROBE0).
 */
final class TcpOutput {
    /** What the shared timer is armed for. */
    enum TimerMode { RETRANSMIT, PROBE, TIME_WAIT }

    private TcpOutput() {}

    /** Sends SYN (active open) or SYN-ACK (passive, and simultaneous open). */
    static void sendSyn(TcpConnection c, boolean withAck) {
        int flags = TcpHeader.SYN | (withAck ? TcpHeader.ACK : 0);
        int window = withAck ? c.selectWindow() : initialWindow(c);
        emit(c, c.iss, flags, window, c.rcvMss, 0);
        if (!c.synRetransmitted && !c.rttTiming) {
            startRttTiming(c, c.iss);
        }
        c.sndNxt = c.iss + 1;
        c.sndMax = TcpSeq.max(c.sndMax, c.sndNxt);
        armRetransmit(c, false);
    }

    /** The window of a SYN: the receive buffer rounded down to the MSS (tcp_select_initial_window). */
    private static int initialWindow(TcpConnection c) {
        int space = Math.min(65535, c.config.receiveBuffer());
        return space >= c.rcvMss ? space / c.rcvMss * c.rcvMss : space;
    }

    /** Sends new data (and the FIN) as far as the send and congestion windows allow. */
    static void writeXmit(TcpConnection c) {
        if (!canSendData(c.state)) {
            return;
        }
        while (true) {
            int dataEnd = c.dataEnd();
            int avail = Math.max(0, dataEnd - c.sndNxt);
            int usable = c.sndUna + Math.min(c.sndWnd, c.cwnd) - c.sndNxt;
            int len = Math.max(0, Math.min(Math.min(avail, usable), c.mss));
            boolean fin = c.finQueued && c.sndNxt + len == dataEnd && usable > len;
            if (len == 0 && !fin) {
                break;
            }
            // Sender SWS avoidance (RFC 9293 3.8.6.2.1): no runt segment while data is in flight
            // and the window, not the data, is what limits it.
            if (len < avail && len < c.mss && c.sndMax != c.sndUna && !fin) {
                break;
            }
            transmit(c, c.sndNxt, len, fin);
            c.sndNxt += len + (fin ? 1 : 0);
            if (fin) {
                break;
            }
        }
        if (c.sndMax == c.sndUna && c.sndWnd == 0 && hasUnsent(c) && !c.retransmitTimer.isPending()) {
            // Nothing in flight and a closed window: probe it (tcp_check_probe_timer).
            c.timerMode = TimerMode.PROBE;
            c.retransmitTimer.scheduleAfter(c.rto.rto());
        }
    }

    /** Whether queued data or a queued FIN has not been sent yet. */
    static boolean hasUnsent(TcpConnection c) {
        return TcpSeq.before(c.sndNxt, c.dataEnd() + (c.finQueued ? 1 : 0));
    }

    private static boolean canSendData(TcpState s) {
        return s == TcpState.ESTABLISHED || s == TcpState.CLOSE_WAIT || s == TcpState.FIN_WAIT_1
                || s == TcpState.CLOSING || s == TcpState.LAST_ACK;
    }

    /** Sends the segment of {@code len} data bytes from {@code seq}, with FIN if asked. */
    static void transmit(TcpConnection c, int seq, int len, boolean fin) {
        boolean retransmission = TcpSeq.before(seq, c.sndMax);
        int flags = TcpHeader.ACK;
        if (len > 0 && seq + len == c.dataEnd()) {
            flags |= TcpHeader.PSH; // the write is complete (tcp_push marks its last skb)
        }
        if (fin) {
            flags |= TcpHeader.FIN;
        }
        emit(c, seq, flags, c.selectWindow(), 0, len);
        if (retransmission) {
            c.retransmittedSegments++;
        } else if (!c.rttTiming) {
            startRttTiming(c, seq);
        }
        int end = seq + len + (fin ? 1 : 0);
        c.sndMax = TcpSeq.max(c.sndMax, end);
        armRetransmit(c, false);
    }

    /** Retransmits the first unacknowledged segment (fast retransmit, NewReno partial ACK). */
    static void retransmitHead(TcpConnection c) {
        int len = Math.min(c.mss, c.dataEnd() - c.sndUna);
        boolean fin = c.finQueued && c.sndUna + len == c.dataEnd() && TcpSeq.after(c.sndMax, c.dataEnd());
        if (len > 0 || fin) {
            c.rttTiming = false; // Karn: the ACK cannot tell which copy it answers
            transmit(c, c.sndUna, len, fin);
        }
    }

    /**
     * Sends a pure ACK now (tcp_send_ack). Its sequence number is the highest sent, not the
     * go-back-N SND.NXT: the peer has seen up to there, and an ACK with an older sequence would
     * look like an old duplicate to it and draw an ACK back (tcp_acceptable_seq).
     */
    static void sendAck(TcpConnection c) {
        emit(c, c.sndMax, TcpHeader.ACK, c.selectWindow(), 0, 0);
    }

    /** Sends RST|ACK from the connection's current sequence (tcp_send_active_reset). */
    static void sendReset(TcpConnection c) {
        emit(c, c.sndMax, TcpHeader.RST | TcpHeader.ACK, 0, 0, 0);
    }

    /** Sends an ACK if the window grew enough to be worth telling (tcp_cleanup_rbuf). */
    static void windowUpdate(TcpConnection c) {
        int before = c.rcvAdvEdge;
        int free = Math.min(65535, c.config.receiveBuffer() - c.receiveQueue.size());
        int current = Math.max(0, before - c.rcvNxt);
        if (free - current >= Math.min(c.config.receiveBuffer() / 2, c.rcvMss)) {
            sendAck(c);
        }
    }

    /**
     * Decides when to acknowledge received data (__tcp_ack_snd_check): at once in quick-ack
     * mode, with delayed ACKs off, when more than one full segment is unacknowledged, or when
     * out-of-order data is queued; else within the delayed-ACK timeout.
     */
    static void ackSndCheck(TcpConnection c, boolean now) {
        if (!c.ackPending) {
            return;
        }
        if (now || !c.config.delayedAcks() || c.quickAcks > 0 || !c.outOfOrder.isEmpty()
                || c.rcvNxt - c.lastAckSent >= 2 * c.rcvMss) {
            if (c.quickAcks > 0) {
                c.quickAcks--;
            }
            sendAck(c);
        } else if (!c.delayedAckTimer.isPending()) {
            c.delayedAckTimer.scheduleAfter(c.config.delayedAckTimeout());
        }
    }

    static void delayedAckFired(TcpConnection c) {
        if (c.ackPending && c.state != TcpState.CLOSED) {
            sendAck(c);
        }
    }

    /** Builds, counts and hands one segment to the IP layer; every segment acknowledges. */
    private static void emit(TcpConnection c, int seq, int flags, int window, int mss, int len) {
        int dataFrom = seq - c.sendQueueSeq;
        var p = TcpSegments.build(c.localAddress, c.localPort, c.remoteAddress, c.remotePort, seq, c.rcvNxt,
                flags, window, mss, c.sendQueue, dataFrom, len);
        if ((flags & TcpHeader.ACK) != 0) {
            c.ackPending = false;
            c.lastAckSent = c.rcvNxt;
            c.delayedAckTimer.cancel();
        }
        c.segmentsSent++;
        c.stack.network().send(c.localAddress, c.remoteAddress, p);
    }

    private static void startRttTiming(TcpConnection c, int seq) {
        c.rttTiming = true;
        c.rttSeq = seq;
        c.rttStart = c.stack.simulation().now();
    }

    /** Arms the retransmission timer unless it runs already ({@code restart}: rearm anyway). */
    static void armRetransmit(TcpConnection c, boolean restart) {
        if (restart || !c.retransmitTimer.isPending() || c.timerMode != TimerMode.RETRANSMIT) {
            c.timerMode = TimerMode.RETRANSMIT;
            c.timerArmedAt = c.stack.simulation().now();
            c.retransmitTimer.scheduleAfter(c.rto.rto());
        }
    }

    /** Enters TIME_WAIT for {@link TcpConfig#timeWait()} (tcp_time_wait). */
    static void startTimeWait(TcpConnection c) {
        c.state = TcpState.TIME_WAIT;
        c.delayedAckTimer.cancel();
        c.timerMode = TimerMode.TIME_WAIT;
        c.retransmitTimer.scheduleAfter(c.config.timeWait());
    }

    /** The shared timer fired: retransmit, probe, or end TIME_WAIT. */
    static void timerFired(TcpConnection c) {
        switch (c.timerMode) {
            case TIME_WAIT -> c.stack.destroy(c);
            case PROBE -> probeTimer(c);
            case RETRANSMIT -> retransmitTimer(c);
        }
    }

    /**
     * tcp_retransmit_timer: gives up when tcp_write_timeout says so, else backs off and goes
     * back to SND.UNA with a congestion window of one segment (RFC 5681 section 3.1).
     */
    private static void retransmitTimer(TcpConnection c) {
        if (c.sndMax == c.sndUna || c.state == TcpState.CLOSED) {
            return;
        }
        long now = c.stack.simulation().now();
        TcpConfig cfg = c.config;
        boolean synState = c.state == TcpState.SYN_SENT || c.state == TcpState.SYN_RECEIVED;
        if (synState) {
            int limit = c.state == TcpState.SYN_SENT || c.active ? cfg.synRetries() : cfg.synAckRetries();
            if (c.retransmits >= limit) {
                TcpInput.fail(c, TcpFailure.TIMED_OUT);
                return;
            }
        } else {
            if (c.retransStamp < 0) {
                c.retransStamp = c.timerArmedAt;
            }
            if (now - c.retransStamp >= cfg.modelTimeout(cfg.retries2(), cfg.rtoMin())) {
                TcpInput.fail(c, TcpFailure.TIMED_OUT);
                return;
            }
        }
        c.retransmits++;
        c.rto.backOff();
        c.rttTiming = false;
        if (synState) {
            c.synRetransmitted = true;
            c.retransmittedSegments++;
            sendSyn(c, c.state == TcpState.SYN_RECEIVED);
            armRetransmit(c, true);
            return;
        }
        int flight = c.sndMax - c.sndUna;
        c.ssthresh = Math.max(flight / 2, 2 * c.mss);
        c.cwnd = c.mss;
        c.inRecovery = false;
        c.dupAcks = 0;
        c.sndNxt = c.sndUna;
        writeXmit(c);
        armRetransmit(c, true);
    }

    /**
     * tcp_probe_timer / tcp_send_probe0: a zero-window probe is an ACK with an old sequence
     * number (SND.UNA - 1, tcp_xmit_probe_skb), which the receiver answers with its window.
     */
    private static void probeTimer(TcpConnection c) {
        if (c.sndWnd != 0 || c.sndMax != c.sndUna || c.state == TcpState.CLOSED) {
            writeXmit(c);
            return;
        }
        if (c.probes >= c.config.retries2()) {
            TcpInput.fail(c, TcpFailure.TIMED_OUT);
            return;
        }
        c.probes++;
        emit(c, c.sndUna - 1, TcpHeader.ACK, c.selectWindow(), 0, 0);
        long when = Math.min(c.config.rtoMax(), c.rto.rto() << Math.min(c.probes, 20));
        c.timerMode = TimerMode.PROBE;
        c.retransmitTimer.scheduleAfter(when);
    }
}
