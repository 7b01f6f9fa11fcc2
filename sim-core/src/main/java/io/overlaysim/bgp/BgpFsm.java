package io.overlaysim.bgp;

import java.util.List;

/**
 * The BGP finite state machine of one connection (RFC 4271 §8.2.2) as a pure table: a state and
 * an event give the next state and the actions to take, in order. {@link BgpConnection} runs the
 * actions; the table itself has no timers and no I/O, so a test can walk it row by row.
 *
 * <p>Where BIRD 2 departs from the RFC the table follows BIRD ({@code proto/bgp/bgp.c},
 * {@code packets.c}): an accepted connection sends its OPEN at once; a connection that fails
 * goes to Idle and the session decides whether to try again ({@code bgp_decision}); errors other
 * than a Cease make the session wait before it starts again ({@code bgp_update_startup_delay}).
 *
 * <pre>{@code
 * BgpFsm.Step s = BgpFsm.next(BgpState.OPEN_CONFIRM, BgpFsm.Event.KEEPALIVE_MSG);
 * // s.state() == ESTABLISHED, s.actions() == [RESTART_HOLD, SESSION_UP]
 * }</pre>
 */
public final class BgpFsm {
    private BgpFsm() {}

    /** The events of RFC 4271 §8.1 that reach one connection (their RFC numbers in comments). */
    public enum Event {
        /** 1, for the connection that initiates: wait the connect delay. */
        MANUAL_START,
        /** 2. */
        MANUAL_STOP,
        /** 9. */
        CONNECT_RETRY_TIMER_EXPIRES,
        /** 10. */
        HOLD_TIMER_EXPIRES,
        /** 11. */
        KEEPALIVE_TIMER_EXPIRES,
        /** 16 Tcp_CR_Acked: our connect succeeded. */
        TCP_CR_ACKED,
        /** 17 TcpConnectionConfirmed: we accepted the peer's connection. */
        TCP_CONNECTION_CONFIRMED,
        /** 18. */
        TCP_CONNECTION_FAILS,
        /** 19 BGPOpen: a valid OPEN that survived collision detection. */
        BGP_OPEN,
        /** 21, 22, 28: a malformed message; the decode error says which NOTIFICATION. */
        MESSAGE_ERROR,
        /** 23 OpenCollisionDump. */
        OPEN_COLLISION_DUMP,
        /** 24, 25: a NOTIFICATION arrived. */
        NOTIF_MSG,
        /** 26. */
        KEEPALIVE_MSG,
        /** 27. */
        UPDATE_MSG,
        /** RFC 2918 §4: a ROUTE-REFRESH arrived. */
        ROUTE_REFRESH_MSG
    }

    /** What the connection does, in the order of the step's list. */
    public enum Action {
        /** Start the ConnectRetry timer with the connect delay. */
        START_CONNECT_DELAY,
        START_CONNECT_RETRY,
        STOP_CONNECT_RETRY,
        INITIATE_TCP,
        SEND_OPEN,
        /** Hold timer with the startup ("large") value until the OPEN arrives. */
        START_HOLD_STARTUP,
        /** Hold and keepalive timers with the negotiated values. */
        START_HOLD_NEGOTIATED,
        RESTART_HOLD,
        SEND_KEEPALIVE,
        RESTART_KEEPALIVE,
        /** NOTIFICATION Hold Timer Expired (RFC 4271 §6.5). */
        NOTIFY_HOLD_EXPIRED,
        /** NOTIFICATION Finite State Machine Error, subcode by state (RFC 6608 §4). */
        NOTIFY_FSM_ERROR,
        /** The NOTIFICATION the decode error carries (RFC 4271 §6.1 to §6.3). */
        NOTIFY_DECODE_ERROR,
        /** NOTIFICATION Cease / Administrative Shutdown (RFC 4486). */
        NOTIFY_CEASE_SHUTDOWN,
        /** NOTIFICATION Cease / Connection Collision Resolution (RFC 4271 §6.8). */
        NOTIFY_CEASE_COLLISION,
        /** Close the connection (after any NOTIFICATION) and stop its timers. */
        DROP_TCP,
        PROCESS_UPDATE,
        /** Send the whole Adj-RIB-Out again (RFC 2918 §4). */
        RESEND_ROUTES,
        /** The session became Established: announce routes, then End-of-RIB. */
        SESSION_UP,
        /** The Established session ended: withdraw what it brought. */
        SESSION_DOWN,
        /** An error other than a Cease: the session waits the error wait time before starting again. */
        ERROR_WAIT
    }

    /** The outcome of one event. */
    public record Step(BgpState state, List<Action> actions) {
        public Step {
            actions = List.copyOf(actions);
        }
    }

    private static Step to(BgpState s, Action... actions) {
        return new Step(s, List.of(actions));
    }

    /** Every step, by state and event: computed once, since a session runs one per message it receives. */
    private static final Step[][] STEPS = new Step[BgpState.values().length][Event.values().length];

    static {
        for (BgpState s : BgpState.values()) {
            for (Event e : Event.values()) {
                STEPS[s.ordinal()][e.ordinal()] = step(s, e);
            }
        }
    }

    /** The next state and actions for an event; an event that does not apply leaves the state as is. */
    public static Step next(BgpState state, Event event) {
        return STEPS[state.ordinal()][event.ordinal()];
    }

    private static Step step(BgpState state, Event event) {
        return switch (state) {
            case IDLE -> switch (event) {
                case MANUAL_START -> to(BgpState.ACTIVE, Action.START_CONNECT_DELAY);
                case TCP_CONNECTION_CONFIRMED -> to(BgpState.OPEN_SENT, Action.SEND_OPEN, Action.START_HOLD_STARTUP);
                default -> to(BgpState.IDLE);
            };
            case ACTIVE -> switch (event) {
                case CONNECT_RETRY_TIMER_EXPIRES -> to(BgpState.CONNECT, Action.INITIATE_TCP, Action.START_CONNECT_RETRY);
                case TCP_CONNECTION_CONFIRMED -> to(BgpState.OPEN_SENT, Action.STOP_CONNECT_RETRY, Action.SEND_OPEN,
                        Action.START_HOLD_STARTUP);
                case MANUAL_STOP -> to(BgpState.IDLE, Action.DROP_TCP);
                default -> to(BgpState.ACTIVE);
            };
            case CONNECT -> switch (event) {
                case TCP_CR_ACKED -> to(BgpState.OPEN_SENT, Action.STOP_CONNECT_RETRY, Action.SEND_OPEN,
                        Action.START_HOLD_STARTUP);
                // RFC 4271 §8.2.2 Connect state: drop the attempt, try again, stay in Connect.
                case CONNECT_RETRY_TIMER_EXPIRES -> to(BgpState.CONNECT, Action.DROP_TCP, Action.INITIATE_TCP,
                        Action.START_CONNECT_RETRY);
                case TCP_CONNECTION_FAILS -> to(BgpState.ACTIVE, Action.DROP_TCP, Action.START_CONNECT_RETRY);
                case MANUAL_STOP -> to(BgpState.IDLE, Action.DROP_TCP);
                default -> to(BgpState.CONNECT);
            };
            case OPEN_SENT -> switch (event) {
                case BGP_OPEN -> to(BgpState.OPEN_CONFIRM, Action.SEND_KEEPALIVE, Action.START_HOLD_NEGOTIATED);
                case MESSAGE_ERROR -> to(BgpState.IDLE, Action.NOTIFY_DECODE_ERROR, Action.DROP_TCP, Action.ERROR_WAIT);
                case HOLD_TIMER_EXPIRES -> to(BgpState.IDLE, Action.NOTIFY_HOLD_EXPIRED, Action.DROP_TCP, Action.ERROR_WAIT);
                case OPEN_COLLISION_DUMP -> to(BgpState.IDLE, Action.NOTIFY_CEASE_COLLISION, Action.DROP_TCP);
                case MANUAL_STOP -> to(BgpState.IDLE, Action.NOTIFY_CEASE_SHUTDOWN, Action.DROP_TCP);
                case TCP_CONNECTION_FAILS -> to(BgpState.IDLE, Action.DROP_TCP);
                case NOTIF_MSG -> to(BgpState.IDLE, Action.DROP_TCP);
                case KEEPALIVE_MSG, UPDATE_MSG, ROUTE_REFRESH_MSG ->
                        to(BgpState.IDLE, Action.NOTIFY_FSM_ERROR, Action.DROP_TCP, Action.ERROR_WAIT);
                default -> to(BgpState.OPEN_SENT);
            };
            case OPEN_CONFIRM -> switch (event) {
                case KEEPALIVE_MSG -> to(BgpState.ESTABLISHED, Action.RESTART_HOLD, Action.SESSION_UP);
                case KEEPALIVE_TIMER_EXPIRES -> to(BgpState.OPEN_CONFIRM, Action.SEND_KEEPALIVE, Action.RESTART_KEEPALIVE);
                case MESSAGE_ERROR -> to(BgpState.IDLE, Action.NOTIFY_DECODE_ERROR, Action.DROP_TCP, Action.ERROR_WAIT);
                case HOLD_TIMER_EXPIRES -> to(BgpState.IDLE, Action.NOTIFY_HOLD_EXPIRED, Action.DROP_TCP, Action.ERROR_WAIT);
                case OPEN_COLLISION_DUMP -> to(BgpState.IDLE, Action.NOTIFY_CEASE_COLLISION, Action.DROP_TCP);
                case MANUAL_STOP -> to(BgpState.IDLE, Action.NOTIFY_CEASE_SHUTDOWN, Action.DROP_TCP);
                case TCP_CONNECTION_FAILS, NOTIF_MSG -> to(BgpState.IDLE, Action.DROP_TCP);
                case BGP_OPEN, UPDATE_MSG, ROUTE_REFRESH_MSG ->
                        to(BgpState.IDLE, Action.NOTIFY_FSM_ERROR, Action.DROP_TCP, Action.ERROR_WAIT);
                default -> to(BgpState.OPEN_CONFIRM);
            };
            case ESTABLISHED -> switch (event) {
                case UPDATE_MSG -> to(BgpState.ESTABLISHED, Action.RESTART_HOLD, Action.PROCESS_UPDATE);
                case KEEPALIVE_MSG -> to(BgpState.ESTABLISHED, Action.RESTART_HOLD);
                case ROUTE_REFRESH_MSG -> to(BgpState.ESTABLISHED, Action.RESTART_HOLD, Action.RESEND_ROUTES);
                case KEEPALIVE_TIMER_EXPIRES -> to(BgpState.ESTABLISHED, Action.SEND_KEEPALIVE, Action.RESTART_KEEPALIVE);
                case MESSAGE_ERROR -> to(BgpState.IDLE, Action.NOTIFY_DECODE_ERROR, Action.DROP_TCP, Action.SESSION_DOWN,
                        Action.ERROR_WAIT);
                case HOLD_TIMER_EXPIRES -> to(BgpState.IDLE, Action.NOTIFY_HOLD_EXPIRED, Action.DROP_TCP,
                        Action.SESSION_DOWN, Action.ERROR_WAIT);
                case OPEN_COLLISION_DUMP -> to(BgpState.IDLE, Action.NOTIFY_CEASE_COLLISION, Action.DROP_TCP,
                        Action.SESSION_DOWN);
                case MANUAL_STOP -> to(BgpState.IDLE, Action.NOTIFY_CEASE_SHUTDOWN, Action.DROP_TCP, Action.SESSION_DOWN);
                case TCP_CONNECTION_FAILS, NOTIF_MSG -> to(BgpState.IDLE, Action.DROP_TCP, Action.SESSION_DOWN);
                case BGP_OPEN -> to(BgpState.IDLE, Action.NOTIFY_FSM_ERROR, Action.DROP_TCP, Action.SESSION_DOWN,
                        Action.ERROR_WAIT);
                default -> to(BgpState.ESTABLISHED);
            };
        };
    }

    /** The FSM error subcode for an unexpected message in a state (RFC 6608 §4), 0 when unspecified. */
    public static ErrorSubcode.Fsm fsmErrorIn(BgpState state) {
        return switch (state) {
            case OPEN_SENT -> ErrorSubcode.Fsm.UNEXPECTED_MESSAGE_IN_OPEN_SENT;
            case OPEN_CONFIRM -> ErrorSubcode.Fsm.UNEXPECTED_MESSAGE_IN_OPEN_CONFIRM;
            case ESTABLISHED -> ErrorSubcode.Fsm.UNEXPECTED_MESSAGE_IN_ESTABLISHED;
            default -> ErrorSubcode.Fsm.UNSPECIFIED;
        };
    }
}
