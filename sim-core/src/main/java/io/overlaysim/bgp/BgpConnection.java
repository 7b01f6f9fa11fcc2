package io.overlaysim.bgp;

import io.overlaysim.engine.Timer;
import java.util.Arrays;

/**
 * One transport connection of a neighbor, outgoing or incoming, as BIRD keeps two per session
 * ({@code outgoing_conn}, {@code incoming_conn}): its {@link BgpFsm} state, its ConnectRetry,
 * Hold and Keepalive timers, and the stream state that cuts the byte stream into messages
 * ({@link BgpCodec#frameLength}). It runs the FSM's actions; what concerns routes it hands to its
 * {@link BgpNeighbor}.
 */
public final class BgpConnection implements BgpTransport.Handler {
    private static final long SECOND = 1_000_000_000L;
    private static final byte[] NO_BYTES = new byte[0];

    private final BgpNeighbor neighbor;
    private final boolean outgoing;
    private final Timer connectRetry;
    private final Timer hold;
    private final Timer keepalive;
    private BgpState state = BgpState.IDLE;
    private BgpTransport.Connection conn;
    // Stream state: bytes received and not yet framed, in rx[start, end).
    private byte[] rx = NO_BYTES;
    private int start;
    private int end;
    private SessionContext receive = SessionContext.PLAIN;
    private SessionContext send = SessionContext.PLAIN;
    private OpenMessage peerOpen;
    private int negotiatedHold;
    private int negotiatedKeepalive;
    // Per event: the message or error the actions act on.
    private UpdateMessage update;
    private BgpDecodeException error;
    private boolean notified;
    /** Inside {@link #data}: UPDATEs are flushed once the whole segment is processed. */
    private boolean inData;
    /** UPDATEs imported straight from the bytes owe the Hold timer its restart, done once per segment. */
    private boolean holdOwed;

    BgpConnection(BgpNeighbor neighbor, boolean outgoing) {
        this.neighbor = neighbor;
        this.outgoing = outgoing;
        var sim = neighbor.speaker().simulation();
        this.connectRetry = sim.timer(() -> handle(BgpFsm.Event.CONNECT_RETRY_TIMER_EXPIRES));
        this.hold = sim.timer(() -> handle(BgpFsm.Event.HOLD_TIMER_EXPIRES));
        this.keepalive = sim.timer(() -> handle(BgpFsm.Event.KEEPALIVE_TIMER_EXPIRES));
    }

    public BgpState state() {
        return state;
    }

    public boolean outgoing() {
        return outgoing;
    }

    /** The peer's OPEN, once received. */
    public OpenMessage peerOpen() {
        return peerOpen;
    }

    /** The hold time both sides agreed on (RFC 4271 §4.2: the smaller of the two), in seconds. */
    public int negotiatedHold() {
        return negotiatedHold;
    }

    public int negotiatedKeepalive() {
        return negotiatedKeepalive;
    }

    SessionContext sendContext() {
        return send;
    }

    /** Takes an accepted connection: an incoming one sends its OPEN at once (BIRD's {@code bgp_incoming_connection}). */
    void accept(BgpTransport.Connection c) {
        conn = c;
        handle(BgpFsm.Event.TCP_CONNECTION_CONFIRMED);
    }

    /** Runs one event through the FSM table and its actions. */
    void handle(BgpFsm.Event event) {
        payHold();
        BgpState before = state;
        BgpFsm.Step step = BgpFsm.next(state, event);
        state = step.state();
        notified = false;
        for (BgpFsm.Action a : step.actions()) {
            run(a, before);
        }
        update = null;
        error = null;
        neighbor.stateChanged(this, before, event);
        if (!inData) {
            neighbor.speaker().flushSoon();
        }
    }

    private void run(BgpFsm.Action a, BgpState before) {
        BgpTimers t = neighbor.config().timers();
        switch (a) {
            case START_CONNECT_DELAY -> connectRetry.scheduleAfter(t.connectDelay() * SECOND);
            case START_CONNECT_RETRY -> connectRetry.scheduleAfter(t.connectRetry() * SECOND);
            case STOP_CONNECT_RETRY -> connectRetry.cancel();
            case INITIATE_TCP -> conn = neighbor.speaker().transport().connect(neighbor.speaker().address(),
                    neighbor.config().address(), BgpTransport.BGP_PORT, this);
            case SEND_OPEN -> write(neighbor.localOpen());
            case START_HOLD_STARTUP -> hold.scheduleAfter(t.startupHold() * SECOND);
            case START_HOLD_NEGOTIATED -> {
                restartHold();
                restartKeepalive();
            }
            case RESTART_HOLD -> restartHold();
            case SEND_KEEPALIVE -> write(KeepaliveMessage.INSTANCE);
            case RESTART_KEEPALIVE -> restartKeepalive();
            case NOTIFY_HOLD_EXPIRED -> notify(NotificationMessage.holdTimerExpired());
            case NOTIFY_FSM_ERROR -> notify(NotificationMessage.of(BgpFsm.fsmErrorIn(before)));
            case NOTIFY_DECODE_ERROR -> notify(error.notification());
            case NOTIFY_CEASE_SHUTDOWN -> notify(NotificationMessage.of(ErrorSubcode.Cease.ADMINISTRATIVE_SHUTDOWN));
            case NOTIFY_CEASE_COLLISION -> notify(NotificationMessage.of(ErrorSubcode.Cease.CONNECTION_COLLISION_RESOLUTION));
            case DROP_TCP -> drop();
            case PROCESS_UPDATE -> neighbor.receive(update);
            case RESEND_ROUTES -> neighbor.resend();
            case SESSION_UP -> neighbor.sessionUp(this);
            case SESSION_DOWN -> neighbor.sessionDown(this);
            case ERROR_WAIT -> neighbor.errorWait();
        }
    }

    private void restartHold() {
        if (negotiatedHold > 0) {
            hold.scheduleAfter(negotiatedHold * SECOND);
        } else {
            hold.cancel();
        }
    }

    private void restartKeepalive() {
        if (negotiatedKeepalive > 0) {
            keepalive.scheduleAfter(negotiatedKeepalive * SECOND);
        } else {
            keepalive.cancel();
        }
    }

    private void notify(NotificationMessage n) {
        neighbor.notificationSent(n);
        write(n);
        notified = true;
    }

    private void drop() {
        connectRetry.cancel();
        hold.cancel();
        keepalive.cancel();
        if (conn != null) {
            // After a NOTIFICATION the connection closes in order (RFC 4271 §4.5: "the BGP
            // connection is closed immediately after it is sent"), else it is reset.
            if (notified) {
                conn.close();
            } else {
                conn.abort();
            }
            conn = null;
        }
        start = 0;
        end = 0;
        receive = SessionContext.PLAIN;
        send = SessionContext.PLAIN;
        peerOpen = null;
    }

    /** Writes one message; the Keepalive timer restarts with any message (RFC 4271 §4.4). */
    void write(BgpMessage m) {
        if (conn == null) {
            return;
        }
        byte[] b = BgpCodec.encode(m, m instanceof UpdateMessage ? send : SessionContext.PLAIN);
        neighbor.speaker().countSent(m);
        conn.write(b, 0, b.length);
        if (state == BgpState.ESTABLISHED && !(m instanceof NotificationMessage)) {
            restartKeepalive();
        }
    }

    /** Writes encoded UPDATEs in one piece; each counts as a message sent, and the Keepalive timer restarts. */
    void writeUpdates(UpdateBytes updates) {
        if (conn == null || updates.messages() == 0) {
            return;
        }
        neighbor.speaker().countSent(MessageType.UPDATE, updates.messages());
        // The arrays are the encode memo's and the export plans', never written again: shared, not copied.
        conn.writeShared(updates.slices());
        if (state == BgpState.ESTABLISHED) {
            restartKeepalive();
        }
    }

    /** Writes bytes as they are, for tests that need a malformed message on the wire. */
    void sendRaw(byte[] bytes) {
        if (conn != null) {
            conn.write(bytes, 0, bytes.length);
        }
    }

    // ---- transport callbacks ----

    @Override
    public void connected(BgpTransport.Connection c) {
        if (c == conn) {
            handle(BgpFsm.Event.TCP_CR_ACKED);
        }
    }

    @Override
    public void closed(BgpTransport.Connection c) {
        if (c == conn) {
            handle(BgpFsm.Event.TCP_CONNECTION_FAILS);
        }
    }

    @Override
    public void failed(BgpTransport.Connection c, String reason) {
        if (c == conn) {
            handle(BgpFsm.Event.TCP_CONNECTION_FAILS);
        }
    }

    @Override
    public void data(BgpTransport.Connection c, byte[] bytes, int offset, int length) {
        if (c != conn) {
            return;
        }
        if (end + length > rx.length) {
            if (end - start + length > rx.length) {
                rx = Arrays.copyOf(rx, Math.max(Math.max(rx.length * 2, 4096), end - start + length));
            }
            System.arraycopy(rx, start, rx, 0, end - start);
            end -= start;
            start = 0;
        }
        System.arraycopy(bytes, offset, rx, end, length);
        end += length;
        inData = true;
        try {
            frame(c);
        } finally {
            inData = false;
        }
        neighbor.speaker().flushSoon();
    }

    private void frame(BgpTransport.Connection c) {
        try {
            frameAll(c);
        } finally {
            payHold();
        }
    }

    private void frameAll(BgpTransport.Connection c) {
        while (c == conn) {
            int len;
            try {
                len = BgpCodec.frameLength(rx, start, end - start, receive);
            } catch (BgpDecodeException e) {
                error = e;
                handle(BgpFsm.Event.MESSAGE_ERROR);
                break;
            }
            if (len < 0 || len > end - start) {
                break;
            }
            int at = start;
            start += len;
            message(at, len);
        }
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    private void message(int at, int len) {
        if (state == BgpState.ESTABLISHED && rx[at + 18] == MessageType.UPDATE.code() && neighbor.speaker().fastPaths()
                && importUpdate(at, len)) {
            return;
        }
        payHold();
        BgpMessage m;
        try {
            m = BgpCodec.decode(rx, at, len, receive, neighbor.speaker().interner());
        } catch (BgpDecodeException e) {
            if (state == BgpState.ESTABLISHED && e.action() != ErrorAction.SESSION_RESET && e.partialUpdate().isPresent()) {
                // RFC 7606 §2: keep the session.
                neighbor.receiveDamaged(e.partialUpdate().get(), e.action());
                hold.scheduleAfter(Math.max(negotiatedHold, 1) * SECOND);
                return;
            }
            error = e;
            handle(BgpFsm.Event.MESSAGE_ERROR);
            return;
        }
        neighbor.speaker().countReceived(m);
        switch (m) {
            case OpenMessage o -> open(o);
            case KeepaliveMessage k -> handle(BgpFsm.Event.KEEPALIVE_MSG);
            case UpdateMessage u -> {
                update = u;
                handle(BgpFsm.Event.UPDATE_MSG);
            }
            case NotificationMessage n -> {
                neighbor.notificationReceived(n);
                if (n.code() != ErrorCode.CEASE.code()) {
                    // BIRD's bgp_rx_notification: any error but a Cease delays the restart.
                    neighbor.errorWait();
                }
                handle(BgpFsm.Event.NOTIF_MSG);
            }
            case RouteRefreshMessage r -> handle(BgpFsm.Event.ROUTE_REFRESH_MSG);
        }
    }

    /**
     * An UPDATE in Established imported straight from the stream, as the FSM's UPDATE_MSG would
     * (Hold timer restarted, then the routes imported): when it is well-formed and its attribute
     * bytes are ones the interner knows (decoded cleanly before). False, having done nothing,
     * for anything else: the general path decodes it and reports what is wrong.
     *
     * <p>The Hold timer restarts once at the end of the segment rather than per UPDATE: the
     * messages of a segment arrive at one instant, so it expires at the same time.
     */
    private boolean importUpdate(int at, int len) {
        int body = at + BgpCodec.HEADER_LENGTH;
        int end = at + len;
        if (end - body < 4) {
            return false;
        }
        int wlen = Bytes.u16(rx, body);
        if (4 + wlen > end - body) {
            return false;
        }
        int alenAt = body + 2 + wlen;
        int alen = Bytes.u16(rx, alenAt);
        int nlriAt = alenAt + 2 + alen;
        if (nlriAt > end) {
            return false;
        }
        boolean addPath = receive.addPath(AfiSafi.IPV4_UNICAST);
        if (!NlriCodec.valid(rx, body + 2, alenAt, addPath) || !NlriCodec.valid(rx, nlriAt, end, addPath)) {
            return false;
        }
        PathAttributes attrs = null;
        if (alen > 0) {
            attrs = neighbor.speaker().interner().wire(rx, alenAt + 2, alen, receive.fourOctetAs());
            if (attrs == null) {
                return false;
            }
        }
        if (nlriAt < end && (attrs == null || !attrs.has(PathAttribute.ORIGIN) || !attrs.has(PathAttribute.AS_PATH)
                || !attrs.has(PathAttribute.NEXT_HOP))) {
            return false;
        }
        neighbor.speaker().countReceived(MessageType.UPDATE);
        holdOwed = true;
        neighbor.speaker().imports().wire(neighbor, rx, body + 2, alenAt, attrs, nlriAt, end, addPath);
        return true;
    }

    private void payHold() {
        if (holdOwed) {
            holdOwed = false;
            if (state == BgpState.ESTABLISHED) {
                restartHold();
            }
        }
    }

    /** The OPEN checks in BIRD's order ({@code bgp_rx_open}): hold time, identifier and AS, then collision. */
    private void open(OpenMessage o) {
        if (state != BgpState.OPEN_SENT) {
            handle(BgpFsm.Event.BGP_OPEN);
            return;
        }
        try {
            if (o.holdTime() == 1 || o.holdTime() == 2) {
                // RFC 4271 §6.2: data = the Hold Time field BIRD rejected.
                throw new BgpDecodeException(ErrorSubcode.Open.UNACCEPTABLE_HOLD_TIME, Bytes.u16Bytes(o.holdTime()),
                        "OPEN: hold time " + o.holdTime() + ", expected 0 or at least 3");
            }
            BgpPeer p = neighbor.peer();
            BgpCodec.checkOpen(o, neighbor.config().asn(), neighbor.speaker().routerId(), p.internal());
        } catch (BgpDecodeException e) {
            error = e;
            handle(BgpFsm.Event.MESSAGE_ERROR);
            return;
        }
        if (neighbor.collides(this, o)) {
            handle(BgpFsm.Event.OPEN_COLLISION_DUMP);
            return;
        }
        peerOpen = o;
        SessionContext.Negotiated n = SessionContext.negotiate(neighbor.localOpen(), o);
        receive = neighbor.speaker().interner().context(n.receive());
        send = neighbor.speaker().interner().context(n.send());
        int mine = neighbor.config().timers().hold();
        negotiatedHold = mine == 0 || o.holdTime() == 0 ? 0 : Math.min(mine, o.holdTime());
        negotiatedKeepalive = neighbor.config().timers().keepaliveFor(negotiatedHold);
        handle(BgpFsm.Event.BGP_OPEN);
    }

    @Override
    public String toString() {
        return (outgoing ? "outgoing " : "incoming ") + state.text();
    }
}
