package io.overlaysim.bgp;

/** A KEEPALIVE: the header alone, 19 bytes (RFC 4271 §4.4). */
public record KeepaliveMessage() implements BgpMessage {
    public static final KeepaliveMessage INSTANCE = new KeepaliveMessage();

    @Override
    public MessageType type() {
        return MessageType.KEEPALIVE;
    }
}
