package io.overlaysim.bgp;

/** The NOTIFICATION error codes (RFC 4271 §4.5, RFC 6608, RFC 7313, RFC 9687). */
public enum ErrorCode {
    MESSAGE_HEADER_ERROR(1, "Message Header Error"),
    OPEN_MESSAGE_ERROR(2, "OPEN Message Error"),
    UPDATE_MESSAGE_ERROR(3, "UPDATE Message Error"),
    HOLD_TIMER_EXPIRED(4, "Hold Timer Expired"),
    FSM_ERROR(5, "Finite State Machine Error"),
    CEASE(6, "Cease"),
    ROUTE_REFRESH_MESSAGE_ERROR(7, "ROUTE-REFRESH Message Error"),
    SEND_HOLD_TIMER_EXPIRED(8, "Send Hold Timer Expired");

    private final int code;
    private final String text;

    ErrorCode(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    /** The name the RFC gives it. */
    public String text() {
        return text;
    }

    /** The code's enum, or null for a code no RFC defines. */
    public static ErrorCode ofCode(int code) {
        return code >= 1 && code <= 8 ? values()[code - 1] : null;
    }
}
