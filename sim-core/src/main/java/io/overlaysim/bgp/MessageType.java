package io.overlaysim.bgp;

/** The BGP message types (RFC 4271 §4.1, RFC 2918 §3) with the minimum length of each. */
public enum MessageType {
    OPEN(1, 29),
    UPDATE(2, 23),
    NOTIFICATION(3, 21),
    KEEPALIVE(4, 19),
    ROUTE_REFRESH(5, 23);

    private final int code;
    private final int minLength;

    MessageType(int code, int minLength) {
        this.code = code;
        this.minLength = minLength;
    }

    public int code() {
        return code;
    }

    /** The smallest legal message length, header included (RFC 4271 §6.1). */
    public int minLength() {
        return minLength;
    }

    /** The type with this code, or null. */
    private static final MessageType[] BY_CODE = values();

    public static MessageType ofCode(int code) {
        return code >= 1 && code <= 5 ? BY_CODE[code - 1] : null;
    }
}
