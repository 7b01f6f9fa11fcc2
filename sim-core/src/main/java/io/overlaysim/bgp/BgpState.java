package io.overlaysim.bgp;

/**
 * The states of a BGP connection (RFC 4271 §8.2.2). As in BIRD, {@link #ACTIVE} is "waiting to
 * connect" (connect delay or retry pending, incoming connections accepted) and {@link #CONNECT}
 * is "TCP connect in progress".
 */
public enum BgpState {
    IDLE, CONNECT, ACTIVE, OPEN_SENT, OPEN_CONFIRM, ESTABLISHED;

    /** The name BIRD's {@code birdc show protocols} and the RFC use. */
    public String text() {
        return switch (this) {
            case IDLE -> "Idle";
            case CONNECT -> "Connect";
            case ACTIVE -> "Active";
            case OPEN_SENT -> "OpenSent";
            case OPEN_CONFIRM -> "OpenConfirm";
            case ESTABLISHED -> "Established";
        };
    }
}
