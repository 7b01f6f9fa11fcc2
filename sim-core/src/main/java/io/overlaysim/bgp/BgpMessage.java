package io.overlaysim.bgp;

/**
 * A BGP-4 message (RFC 4271 §4) without its 19-byte header; {@link BgpCodec} reads and writes
 * the bytes.
 */
public sealed interface BgpMessage
        permits OpenMessage, UpdateMessage, NotificationMessage, KeepaliveMessage, RouteRefreshMessage {
    MessageType type();
}
