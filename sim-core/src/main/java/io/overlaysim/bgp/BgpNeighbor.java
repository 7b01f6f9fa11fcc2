package io.overlaysim.bgp;

import io.overlaysim.engine.Timer;
import java.util.ArrayList;
import java.util.List;

/**
 * One configured BGP session of a speaker (a BIRD {@code protocol bgp}): its two connections
 * (outgoing and incoming, RFC 4271 §6.8 collision detection picks one), the Adj-RIB-In and
 * Adj-RIB-Out of the Established one, and the session's start/stop logic ({@code bgp_decision},
 * the error wait of {@code bgp_update_startup_delay}).
 */
public final class BgpNeighbor {
    private static final long SECOND = 1_000_000_000L;
    private static final byte[] END_OF_RIB = BgpCodec.encode(UpdateMessage.endOfRib(AfiSafi.IPV4_UNICAST), SessionContext.PLAIN);

    private final BgpSpeaker speaker;
    private final PeerConfig config;
    private final BgpConnection outgoing;
    private final BgpConnection incoming;
    private final Timer restart;
    private final OpenMessage localOpen;
    private BgpPeer peer;
    private BgpConnection established;
    private AdjRibIn adjRibIn;
    private AdjRibOut adjRibOut;
    private boolean started;
    private boolean waiting;
    private boolean decisionPending;
    private boolean endOfRibPending;
    /** On the speaker's list of neighbors with pending UPDATEs. */
    boolean queued;
    /** The whole table is to be sent at the next flush (session up, route refresh). */
    boolean feed;
    private int startupDelay;
    private long lastError = Long.MIN_VALUE;
    private int establishedCount;
    private NotificationMessage lastSent;
    private NotificationMessage lastReceived;
    private final List<String> log = new ArrayList<>();

    BgpNeighbor(BgpSpeaker speaker, PeerConfig config) {
        this.speaker = speaker;
        this.config = config;
        this.peer = new BgpPeer(config.address(), config.address(), config.asn(), config.asn() == speaker.asn());
        this.outgoing = new BgpConnection(this, true);
        this.incoming = new BgpConnection(this, false);
        this.restart = speaker.simulation().timer(this::restartAfterError);
        this.localOpen = speaker.openFor(config);
    }

    public PeerConfig config() {
        return config;
    }

    BgpSpeaker speaker() {
        return speaker;
    }

    /** The session as routes know it; the router id is the peer's BGP identifier once an OPEN arrived. */
    public BgpPeer peer() {
        return peer;
    }

    public boolean internal() {
        return peer.internal();
    }

    /** The session's state: the most advanced of its two connections' (as {@code birdc show protocols}). */
    public BgpState state() {
        return outgoing.state().compareTo(incoming.state()) >= 0 ? outgoing.state() : incoming.state();
    }

    public BgpConnection outgoingConnection() {
        return outgoing;
    }

    public BgpConnection incomingConnection() {
        return incoming;
    }

    /** The Established connection, or null. */
    public BgpConnection established() {
        return established;
    }

    /** How many times the session reached Established. */
    public int establishedCount() {
        return establishedCount;
    }

    public NotificationMessage lastNotificationSent() {
        return lastSent;
    }

    public NotificationMessage lastNotificationReceived() {
        return lastReceived;
    }

    /** The routes received on the Established session, or null when there is none. */
    public AdjRibIn adjRibIn() {
        return adjRibIn;
    }

    /** Whether the session waits out an error before starting again. */
    public boolean errorWaiting() {
        return waiting;
    }

    /** What happened, one line per state change: {@code 12.000000 outgoing Connect -> OpenSent}. */
    public List<String> log() {
        return List.copyOf(log);
    }

    OpenMessage localOpen() {
        return localOpen;
    }

    AdjRibOut adjRibOut() {
        return adjRibOut;
    }

    void start() {
        started = true;
        decide();
    }

    /** {@code birdc disable}: Cease / Administrative Shutdown on every open connection. */
    void stop() {
        started = false;
        restart.cancel();
        waiting = false;
        outgoing.handle(BgpFsm.Event.MANUAL_STOP);
        incoming.handle(BgpFsm.Event.MANUAL_STOP);
    }

    /**
     * An incoming connection from this peer: taken when the session runs and the incoming slot is
     * free (BIRD's {@code bgp_incoming_connection}), else refused.
     */
    BgpTransport.Handler accept(BgpTransport.Connection c) {
        if (!started || waiting || incoming.state() != BgpState.IDLE) {
            return null;
        }
        incoming.accept(c);
        return incoming;
    }

    /**
     * Collision detection when {@code conn} received a valid OPEN (RFC 4271 §6.8, as BIRD's
     * {@code bgp_rx_open}): stops the other connection's connect attempts; when the other one is
     * in OpenConfirm, keeps the connection opened by the speaker with the higher BGP identifier
     * (then the higher AS, RFC 6286 §2.3). True when {@code conn} must be dropped.
     */
    boolean collides(BgpConnection conn, OpenMessage open) {
        BgpConnection other = conn == outgoing ? incoming : outgoing;
        switch (other.state()) {
            case CONNECT, ACTIVE -> {
                other.handle(BgpFsm.Event.MANUAL_STOP);
                return false;
            }
            case OPEN_CONFIRM -> {
                int local = speaker.routerId().bits();
                int remote = open.bgpIdentifier().bits();
                boolean neighborDominant = Integer.compareUnsigned(local, remote) < 0
                        || local == remote && speaker.asn() < open.peerAs();
                if (neighborDominant == (conn == incoming)) {
                    other.handle(BgpFsm.Event.OPEN_COLLISION_DUMP);
                    return false;
                }
                return true;
            }
            case ESTABLISHED -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    void stateChanged(BgpConnection conn, BgpState before, BgpFsm.Event event) {
        if (before != conn.state()) {
            log.add(String.format("%d.%09d %s %s -> %s (%s)", speaker.simulation().now() / SECOND,
                    speaker.simulation().now() % SECOND, conn.outgoing() ? "outgoing" : "incoming", before.text(),
                    conn.state().text(), event));
        }
        if (conn.state() == BgpState.IDLE && before != BgpState.IDLE && !decisionPending) {
            // BIRD schedules bgp_decision as an event rather than running it inside the transition.
            decisionPending = true;
            speaker.simulation().scheduleAfter(0, this::decide);
        }
    }

    /** BIRD's {@code bgp_decision}: start the outgoing connection again when nothing better is under way. */
    private void decide() {
        decisionPending = false;
        if (started && !waiting && !config.passive() && outgoing.state() == BgpState.IDLE
                && incoming.state() != BgpState.OPEN_CONFIRM && incoming.state() != BgpState.ESTABLISHED) {
            outgoing.handle(BgpFsm.Event.MANUAL_START);
        }
    }

    /**
     * An error other than a Cease: the session stops and starts again after the startup delay,
     * 60 s doubling up to 300 s, forgotten after 300 s without errors (BIRD's
     * {@code bgp_update_startup_delay}, {@code error wait time}, {@code error forget time}).
     */
    void errorWait() {
        BgpTimers t = config.timers();
        long now = speaker.simulation().now();
        if (lastError != Long.MIN_VALUE && now - lastError >= t.errorAmnesia() * SECOND) {
            startupDelay = 0;
        }
        lastError = now;
        startupDelay = startupDelay == 0 ? t.errorWaitMin() : Math.min(2 * startupDelay, t.errorWaitMax());
        if (startupDelay == 0) {
            return;
        }
        waiting = true;
        for (BgpConnection c : List.of(outgoing, incoming)) {
            if (c.state() != BgpState.IDLE) {
                c.handle(BgpFsm.Event.MANUAL_STOP);
            }
        }
        restart.scheduleAfter(startupDelay * SECOND);
    }

    private void restartAfterError() {
        waiting = false;
        decide();
    }

    void notificationSent(NotificationMessage n) {
        lastSent = n;
    }

    void notificationReceived(NotificationMessage n) {
        lastReceived = n;
    }

    void sessionUp(BgpConnection conn) {
        established = conn;
        establishedCount++;
        OpenMessage o = conn.peerOpen();
        peer = speaker.interner().peer(new BgpPeer(config.address(), o.bgpIdentifier(), config.asn(),
                config.asn() == speaker.asn()));
        adjRibIn = new AdjRibIn(peer, speaker.locRib());
        adjRibOut = new AdjRibOut(speaker.interner());
        endOfRibPending = true;
        speaker.sessionUp(this);
    }

    void sessionDown(BgpConnection conn) {
        if (established != conn) {
            return;
        }
        established = null;
        adjRibOut = null;
        endOfRibPending = false;
        feed = false;
        BgpPeer gone = peer;
        adjRibIn = null;
        speaker.sessionDown(this, gone);
    }

    void receive(UpdateMessage u) {
        speaker.imports().update(this, u, false);
    }

    /** An UPDATE with an attribute error that RFC 7606 keeps the session for. */
    void receiveDamaged(UpdateMessage partial, ErrorAction action) {
        speaker.imports().update(this, partial, action == ErrorAction.TREAT_AS_WITHDRAW);
        speaker.flushSoon();
    }

    /** ROUTE-REFRESH: announce everything again (RFC 2918 §4). */
    void resend() {
        adjRibOut = new AdjRibOut(speaker.interner());
        speaker.sessionUp(this);
    }

    /**
     * Brings the peer up to date on the changed prefixes (numbers in prefix order), or on the
     * whole table after session up, then End-of-RIB after the initial table (RFC 4724 §2).
     */
    void flush(ExportGroups groups) {
        if (established == null) {
            return;
        }
        SessionContext ctx = established.sendContext();
        UpdateBytes out;
        if (feed) {
            feed = false;
            out = groups.feed(this, adjRibOut, ctx);
        } else {
            out = groups.updates(this, adjRibOut, ctx);
        }
        if (endOfRibPending) {
            endOfRibPending = false;
            out.add(END_OF_RIB);
        }
        // One write for the lot, as BIRD fills its socket buffer (bgp_fire_tx) and TCP its segments.
        established.writeUpdates(out);
    }

    @Override
    public String toString() {
        return config.name() + " " + state().text();
    }
}
