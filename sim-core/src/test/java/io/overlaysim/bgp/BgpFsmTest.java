package io.overlaysim.bgp;

import static io.overlaysim.bgp.BgpFsm.Action.*;
import static io.overlaysim.bgp.BgpFsm.Event.*;
import static io.overlaysim.bgp.BgpState.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The FSM table of RFC 4271 §8.2.2 (as BIRD runs it), row by row. */
class BgpFsmTest {
    static Stream<Arguments> rows() {
        return Stream.of(
                row(IDLE, MANUAL_START, ACTIVE, START_CONNECT_DELAY),
                row(IDLE, TCP_CONNECTION_CONFIRMED, OPEN_SENT, SEND_OPEN, START_HOLD_STARTUP),
                row(IDLE, HOLD_TIMER_EXPIRES, IDLE),
                row(ACTIVE, CONNECT_RETRY_TIMER_EXPIRES, CONNECT, INITIATE_TCP, START_CONNECT_RETRY),
                row(ACTIVE, TCP_CONNECTION_CONFIRMED, OPEN_SENT, STOP_CONNECT_RETRY, SEND_OPEN, START_HOLD_STARTUP),
                row(ACTIVE, MANUAL_STOP, IDLE, DROP_TCP),
                row(CONNECT, TCP_CR_ACKED, OPEN_SENT, STOP_CONNECT_RETRY, SEND_OPEN, START_HOLD_STARTUP),
                row(CONNECT, CONNECT_RETRY_TIMER_EXPIRES, CONNECT, DROP_TCP, INITIATE_TCP, START_CONNECT_RETRY),
                row(CONNECT, TCP_CONNECTION_FAILS, ACTIVE, DROP_TCP, START_CONNECT_RETRY),
                row(CONNECT, MANUAL_STOP, IDLE, DROP_TCP),
                row(OPEN_SENT, BGP_OPEN, OPEN_CONFIRM, SEND_KEEPALIVE, START_HOLD_NEGOTIATED),
                row(OPEN_SENT, MESSAGE_ERROR, IDLE, NOTIFY_DECODE_ERROR, DROP_TCP, ERROR_WAIT),
                row(OPEN_SENT, HOLD_TIMER_EXPIRES, IDLE, NOTIFY_HOLD_EXPIRED, DROP_TCP, ERROR_WAIT),
                row(OPEN_SENT, OPEN_COLLISION_DUMP, IDLE, NOTIFY_CEASE_COLLISION, DROP_TCP),
                row(OPEN_SENT, KEEPALIVE_MSG, IDLE, NOTIFY_FSM_ERROR, DROP_TCP, ERROR_WAIT),
                row(OPEN_SENT, UPDATE_MSG, IDLE, NOTIFY_FSM_ERROR, DROP_TCP, ERROR_WAIT),
                row(OPEN_SENT, TCP_CONNECTION_FAILS, IDLE, DROP_TCP),
                row(OPEN_SENT, NOTIF_MSG, IDLE, DROP_TCP),
                row(OPEN_SENT, MANUAL_STOP, IDLE, NOTIFY_CEASE_SHUTDOWN, DROP_TCP),
                row(OPEN_CONFIRM, KEEPALIVE_MSG, ESTABLISHED, RESTART_HOLD, SESSION_UP),
                row(OPEN_CONFIRM, KEEPALIVE_TIMER_EXPIRES, OPEN_CONFIRM, SEND_KEEPALIVE, RESTART_KEEPALIVE),
                row(OPEN_CONFIRM, BGP_OPEN, IDLE, NOTIFY_FSM_ERROR, DROP_TCP, ERROR_WAIT),
                row(OPEN_CONFIRM, UPDATE_MSG, IDLE, NOTIFY_FSM_ERROR, DROP_TCP, ERROR_WAIT),
                row(OPEN_CONFIRM, HOLD_TIMER_EXPIRES, IDLE, NOTIFY_HOLD_EXPIRED, DROP_TCP, ERROR_WAIT),
                row(OPEN_CONFIRM, OPEN_COLLISION_DUMP, IDLE, NOTIFY_CEASE_COLLISION, DROP_TCP),
                row(OPEN_CONFIRM, NOTIF_MSG, IDLE, DROP_TCP),
                row(ESTABLISHED, UPDATE_MSG, ESTABLISHED, RESTART_HOLD, PROCESS_UPDATE),
                row(ESTABLISHED, KEEPALIVE_MSG, ESTABLISHED, RESTART_HOLD),
                row(ESTABLISHED, ROUTE_REFRESH_MSG, ESTABLISHED, RESTART_HOLD, RESEND_ROUTES),
                row(ESTABLISHED, KEEPALIVE_TIMER_EXPIRES, ESTABLISHED, SEND_KEEPALIVE, RESTART_KEEPALIVE),
                row(ESTABLISHED, HOLD_TIMER_EXPIRES, IDLE, NOTIFY_HOLD_EXPIRED, DROP_TCP, SESSION_DOWN, ERROR_WAIT),
                row(ESTABLISHED, MESSAGE_ERROR, IDLE, NOTIFY_DECODE_ERROR, DROP_TCP, SESSION_DOWN, ERROR_WAIT),
                row(ESTABLISHED, TCP_CONNECTION_FAILS, IDLE, DROP_TCP, SESSION_DOWN),
                row(ESTABLISHED, NOTIF_MSG, IDLE, DROP_TCP, SESSION_DOWN),
                row(ESTABLISHED, MANUAL_STOP, IDLE, NOTIFY_CEASE_SHUTDOWN, DROP_TCP, SESSION_DOWN),
                row(ESTABLISHED, BGP_OPEN, IDLE, NOTIFY_FSM_ERROR, DROP_TCP, SESSION_DOWN, ERROR_WAIT),
                row(ESTABLISHED, CONNECT_RETRY_TIMER_EXPIRES, ESTABLISHED));
    }

    private static Arguments row(BgpState from, BgpFsm.Event e, BgpState to, BgpFsm.Action... actions) {
        return Arguments.of(from, e, to, List.of(actions));
    }

    @ParameterizedTest(name = "{0} + {1} -> {2} {3}")
    @MethodSource("rows")
    void transition(BgpState from, BgpFsm.Event e, BgpState to, List<BgpFsm.Action> actions) {
        assertThat(BgpFsm.next(from, e)).isEqualTo(new BgpFsm.Step(to, actions));
    }

    /** Leaving Established always says SESSION_DOWN; reaching it always says SESSION_UP. */
    @ParameterizedTest
    @EnumSource(BgpFsm.Event.class)
    void sessionUpAndDownExactlyOnTheEdges(BgpFsm.Event e) {
        for (BgpState s : BgpState.values()) {
            BgpFsm.Step step = BgpFsm.next(s, e);
            boolean up = s != ESTABLISHED && step.state() == ESTABLISHED;
            boolean down = s == ESTABLISHED && step.state() != ESTABLISHED;
            assertThat(step.actions().contains(SESSION_UP)).as(s + " " + e).isEqualTo(up);
            assertThat(step.actions().contains(SESSION_DOWN)).as(s + " " + e).isEqualTo(down);
            if (step.state() == IDLE && s.compareTo(OPEN_SENT) >= 0) {
                assertThat(step.actions()).as(s + " " + e).contains(DROP_TCP);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = BgpState.class, names = {"OPEN_SENT", "OPEN_CONFIRM", "ESTABLISHED"})
    void fsmErrorSubcodeNamesTheState(BgpState s) {
        assertThat(BgpFsm.fsmErrorIn(s).value()).isEqualTo(s.ordinal() - 2);
    }
}
