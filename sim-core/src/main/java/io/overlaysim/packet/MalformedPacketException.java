package io.overlaysim.packet;

/**
 * Thrown when bytes cannot be decoded as the header asked for; the message names the header
 * and field and says what was expected, e.g. "IPv4 header: IHL 3 is below the minimum 5".
 */
public final class MalformedPacketException extends RuntimeException {
    public MalformedPacketException(String message) {
        super(message);
    }
}
