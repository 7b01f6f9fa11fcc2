package io.overlaysim.bgp;

/**
 * A NOTIFICATION error subcode, per error code (RFC 4271 §4.5 and the IANA "BGP Error
 * Subcodes" registry). Subcode 0 is "Unspecific" for every code (RFC 4271 §6, RFC 6608 §4).
 *
 * <pre>{@code
 * NotificationMessage.of(ErrorSubcode.Cease.ADMINISTRATIVE_SHUTDOWN);
 * }</pre>
 */
public sealed interface ErrorSubcode {
    ErrorCode errorCode();

    int value();

    String text();

    /** The subcode's enum for a code and subcode pair, or null when no RFC names it. */
    static ErrorSubcode of(int code, int subcode) {
        ErrorCode c = ErrorCode.ofCode(code);
        if (c == null) {
            return null;
        }
        ErrorSubcode[] all = switch (c) {
            case MESSAGE_HEADER_ERROR -> MessageHeader.values();
            case OPEN_MESSAGE_ERROR -> Open.values();
            case UPDATE_MESSAGE_ERROR -> Update.values();
            case FSM_ERROR -> Fsm.values();
            case CEASE -> Cease.values();
            case ROUTE_REFRESH_MESSAGE_ERROR -> RouteRefresh.values();
            case HOLD_TIMER_EXPIRED, SEND_HOLD_TIMER_EXPIRED -> new ErrorSubcode[0];
        };
        for (ErrorSubcode s : all) {
            if (s.value() == subcode) {
                return s;
            }
        }
        return null;
    }

    /** Message Header Error subcodes (RFC 4271 §4.5). */
    enum MessageHeader implements ErrorSubcode {
        UNSPECIFIC(0, "Unspecific"),
        CONNECTION_NOT_SYNCHRONIZED(1, "Connection Not Synchronized"),
        BAD_MESSAGE_LENGTH(2, "Bad Message Length"),
        BAD_MESSAGE_TYPE(3, "Bad Message Type");

        private final int value;
        private final String text;

        MessageHeader(int value, String text) {
            this.value = value;
            this.text = text;
        }

        public ErrorCode errorCode() {
            return ErrorCode.MESSAGE_HEADER_ERROR;
        }

        public int value() {
            return value;
        }

        public String text() {
            return text;
        }
    }

    /** OPEN Message Error subcodes (RFC 4271 §4.5, RFC 5492 §5, RFC 9234 §4.2); 5, 8-10 are deprecated. */
    enum Open implements ErrorSubcode {
        UNSPECIFIC(0, "Unspecific"),
        UNSUPPORTED_VERSION_NUMBER(1, "Unsupported Version Number"),
        BAD_PEER_AS(2, "Bad Peer AS"),
        BAD_BGP_IDENTIFIER(3, "Bad BGP Identifier"),
        UNSUPPORTED_OPTIONAL_PARAMETER(4, "Unsupported Optional Parameter"),
        AUTHENTICATION_FAILURE(5, "Authentication Failure (deprecated)"),
        UNACCEPTABLE_HOLD_TIME(6, "Unacceptable Hold Time"),
        UNSUPPORTED_CAPABILITY(7, "Unsupported Capability"),
        ROLE_MISMATCH(11, "Role Mismatch");

        private final int value;
        private final String text;

        Open(int value, String text) {
            this.value = value;
            this.text = text;
        }

        public ErrorCode errorCode() {
            return ErrorCode.OPEN_MESSAGE_ERROR;
        }

        public int value() {
            return value;
        }

        public String text() {
            return text;
        }
    }

    /** UPDATE Message Error subcodes (RFC 4271 §4.5); 7 (AS Routing Loop) is deprecated. */
    enum Update implements ErrorSubcode {
        UNSPECIFIC(0, "Unspecific"),
        MALFORMED_ATTRIBUTE_LIST(1, "Malformed Attribute List"),
        UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE(2, "Unrecognized Well-known Attribute"),
        MISSING_WELL_KNOWN_ATTRIBUTE(3, "Missing Well-known Attribute"),
        ATTRIBUTE_FLAGS_ERROR(4, "Attribute Flags Error"),
        ATTRIBUTE_LENGTH_ERROR(5, "Attribute Length Error"),
        INVALID_ORIGIN_ATTRIBUTE(6, "Invalid ORIGIN Attribute"),
        AS_ROUTING_LOOP(7, "AS Routing Loop (deprecated)"),
        INVALID_NEXT_HOP_ATTRIBUTE(8, "Invalid NEXT_HOP Attribute"),
        OPTIONAL_ATTRIBUTE_ERROR(9, "Optional Attribute Error"),
        INVALID_NETWORK_FIELD(10, "Invalid Network Field"),
        MALFORMED_AS_PATH(11, "Malformed AS_PATH");

        private final int value;
        private final String text;

        Update(int value, String text) {
            this.value = value;
            this.text = text;
        }

        public ErrorCode errorCode() {
            return ErrorCode.UPDATE_MESSAGE_ERROR;
        }

        public int value() {
            return value;
        }

        public String text() {
            return text;
        }
    }

    /** Finite State Machine Error subcodes (RFC 6608 §4). */
    enum Fsm implements ErrorSubcode {
        UNSPECIFIED(0, "Unspecified Error"),
        UNEXPECTED_MESSAGE_IN_OPEN_SENT(1, "Receive Unexpected Message in OpenSent State"),
        UNEXPECTED_MESSAGE_IN_OPEN_CONFIRM(2, "Receive Unexpected Message in OpenConfirm State"),
        UNEXPECTED_MESSAGE_IN_ESTABLISHED(3, "Receive Unexpected Message in Established State");

        private final int value;
        private final String text;

        Fsm(int value, String text) {
            this.value = value;
            this.text = text;
        }

        public ErrorCode errorCode() {
            return ErrorCode.FSM_ERROR;
        }

        public int value() {
            return value;
        }

        public String text() {
            return text;
        }
    }

    /** Cease subcodes (RFC 4486 §4, RFC 8538 §5 Hard Reset, RFC 9384 §2 BFD Down). */
    enum Cease implements ErrorSubcode {
        UNSPECIFIC(0, "Unspecific"),
        MAXIMUM_PREFIXES_REACHED(1, "Maximum Number of Prefixes Reached"),
        ADMINISTRATIVE_SHUTDOWN(2, "Administrative Shutdown"),
        PEER_DECONFIGURED(3, "Peer De-configured"),
        ADMINISTRATIVE_RESET(4, "Administrative Reset"),
        CONNECTION_REJECTED(5, "Connection Rejected"),
        OTHER_CONFIGURATION_CHANGE(6, "Other Configuration Change"),
        CONNECTION_COLLISION_RESOLUTION(7, "Connection Collision Resolution"),
        OUT_OF_RESOURCES(8, "Out of Resources"),
        HARD_RESET(9, "Hard Reset"),
        BFD_DOWN(10, "BFD Down");

        private final int value;
        private final String text;

        Cease(int value, String text) {
            this.value = value;
            this.text = text;
        }

        public ErrorCode errorCode() {
            return ErrorCode.CEASE;
        }

        public int value() {
            return value;
        }

        public String text() {
            return text;
        }
    }

    /** ROUTE-REFRESH Message Error subcodes (RFC 7313 §5). */
    enum RouteRefresh implements ErrorSubcode {
        RESERVED(0, "Reserved"),
        INVALID_MESSAGE_LENGTH(1, "Invalid Message Length");

        private final int value;
        private final String text;

        RouteRefresh(int value, String text) {
            this.value = value;
            this.text = text;
        }

        public ErrorCode errorCode() {
            return ErrorCode.ROUTE_REFRESH_MESSAGE_ERROR;
        }

        public int value() {
            return value;
        }

        public String text() {
            return text;
        }
    }
}
