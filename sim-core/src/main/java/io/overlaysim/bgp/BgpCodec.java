package io.overlaysim.bgp;

import static io.overlaysim.bgp.Bytes.u16;
import static io.overlaysim.bgp.Bytes.u8;

import io.overlaysim.net.Ipv4Address;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The BGP-4 message codec (RFC 4271 §4): the 19-byte header (16-octet marker of ones, length,
 * type) and the five message bodies. Stateless; what it must know of the session comes in a
 * {@link SessionContext}. Decoding then encoding a message gives back the very same bytes.
 *
 * <pre>{@code
 * int len = BgpCodec.frameLength(stream, off, available, ctx);   // -1: need more bytes
 * BgpMessage m = BgpCodec.decode(stream, off, len, ctx);          // or BgpDecodeException
 * byte[] again = BgpCodec.encode(m, ctx);
 * }</pre>
 */
public final class BgpCodec {
    private BgpCodec() {}

    public static final int HEADER_LENGTH = 19;
    public static final int MARKER_LENGTH = 16;
    /** OPEN and KEEPALIVE stay within 4096 octets even with extended messages (RFC 8654 §4). */
    public static final int MAX_LENGTH = 4096;

    /**
     * Checks the header starting at {@code off} (RFC 4271 §6.1) and returns the message's length,
     * which may exceed {@code available} (then wait for more bytes); -1 when fewer than 19 bytes
     * are there to look at.
     */
    public static int frameLength(byte[] b, int off, int available, SessionContext ctx) throws BgpDecodeException {
        if (available < HEADER_LENGTH) {
            return -1;
        }
        for (int i = 0; i < MARKER_LENGTH; i++) {
            if (b[off + i] != (byte) 0xff) {
                throw new BgpDecodeException(ErrorSubcode.MessageHeader.CONNECTION_NOT_SYNCHRONIZED,
                        "BGP header: marker octet " + i + " is 0x" + Integer.toHexString(u8(b, off + i)) + ", expected 0xff");
            }
        }
        int length = u16(b, off + 16);
        int code = u8(b, off + 18);
        MessageType type = MessageType.ofCode(code);
        if (length < HEADER_LENGTH || length > ctx.maxMessageLength()) {
            throw badLength(length, "between 19 and " + ctx.maxMessageLength());
        }
        if (type == null) {
            // RFC 4271 §6.1: data = the type field.
            throw new BgpDecodeException(ErrorSubcode.MessageHeader.BAD_MESSAGE_TYPE, new byte[] {(byte) code},
                    "BGP header: message type " + code + ", expected 1..5");
        }
        if (length < type.minLength()) {
            throw badLength(length, "at least " + type.minLength() + " for " + type);
        }
        if (type == MessageType.KEEPALIVE && length != HEADER_LENGTH) {
            throw badLength(length, "19 for KEEPALIVE");
        }
        if (type == MessageType.OPEN && length > MAX_LENGTH) {
            throw badLength(length, "at most 4096 for OPEN");
        }
        return length;
    }

    private static BgpDecodeException badLength(int length, String expected) {
        // RFC 4271 §6.1: data = the erroneous Length field.
        return new BgpDecodeException(ErrorSubcode.MessageHeader.BAD_MESSAGE_LENGTH, Bytes.u16Bytes(length),
                "BGP header: length " + length + ", expected " + expected);
    }

    /** Decodes a whole message held in {@code b}. */
    public static BgpMessage decode(byte[] b, SessionContext ctx) throws BgpDecodeException {
        return decode(b, 0, b.length, ctx);
    }

    /** Decodes the message in {@code b[off, off + len)}, whose header must say {@code len}. */
    public static BgpMessage decode(byte[] b, int off, int len, SessionContext ctx) throws BgpDecodeException {
        return decode(b, off, len, ctx, null);
    }

    /** {@link #decode(byte[], int, int, SessionContext)} with the interner's attribute sets (see {@link UpdateCodec}). */
    static BgpMessage decode(byte[] b, int off, int len, SessionContext ctx, RouteInterner interner)
            throws BgpDecodeException {
        int framed = frameLength(b, off, len, ctx);
        if (framed != len) {
            throw badLength(framed < 0 ? len : framed, len + ", the octets given");
        }
        MessageType type = MessageType.ofCode(u8(b, off + 18));
        int body = off + HEADER_LENGTH;
        int end = off + len;
        return switch (type) {
            case OPEN -> OpenCodec.decode(b, body, end);
            case UPDATE -> UpdateCodec.decode(b, body, end, ctx, interner);
            case NOTIFICATION -> new NotificationMessage(u8(b, body), u8(b, body + 1), Bytes.slice(b, body + 2, end - body - 2));
            case KEEPALIVE -> KeepaliveMessage.INSTANCE;
            case ROUTE_REFRESH -> {
                if (len != 23) {
                    // RFC 7313 §5: data = the complete ROUTE-REFRESH message.
                    throw new BgpDecodeException(ErrorSubcode.RouteRefresh.INVALID_MESSAGE_LENGTH, Bytes.slice(b, off, len),
                            "ROUTE-REFRESH: length " + len + ", expected 23");
                }
                yield new RouteRefreshMessage(new AfiSafi(u16(b, body), u8(b, body + 3)), u8(b, body + 2));
            }
        };
    }

    /** The encoded length of a message, header included. */
    public static int length(BgpMessage m, SessionContext ctx) {
        return HEADER_LENGTH + switch (m) {
            case OpenMessage o -> OpenCodec.bodyLength(o);
            case UpdateMessage u -> UpdateCodec.bodyLength(u, ctx);
            case NotificationMessage n -> 2 + n.data().length;
            case KeepaliveMessage k -> 0;
            case RouteRefreshMessage r -> 4;
        };
    }

    /**
     * Writes the message, header included, at {@code out}'s position and advances it.
     *
     * @return the message length
     * @throws IllegalArgumentException if the message exceeds what the session allows
     */
    public static int encode(BgpMessage m, SessionContext ctx, ByteBuffer out) {
        int len = length(m, ctx);
        int max = m instanceof OpenMessage || m instanceof KeepaliveMessage ? MAX_LENGTH : ctx.maxMessageLength();
        if (len > max) {
            throw new IllegalArgumentException(m.type() + " of " + len + " octets exceeds " + max);
        }
        for (int i = 0; i < MARKER_LENGTH; i++) {
            out.put((byte) 0xff);
        }
        out.putShort((short) len).put((byte) m.type().code());
        switch (m) {
            case OpenMessage o -> OpenCodec.encode(o, out);
            case UpdateMessage u -> UpdateCodec.encode(u, ctx, out);
            case NotificationMessage n -> out.put((byte) n.code()).put((byte) n.subcode()).put(n.data());
            case KeepaliveMessage k -> { }
            case RouteRefreshMessage r ->
                    out.putShort((short) r.family().afi()).put((byte) r.subtype()).put((byte) r.family().safi());
        }
        return len;
    }

    /** The message's bytes, header included. */
    public static byte[] encode(BgpMessage m, SessionContext ctx) {
        ByteBuffer out = ByteBuffer.allocate(length(m, ctx));
        encode(m, ctx, out);
        return out.array();
    }

    /** The IPv4 NLRI of an MP_REACH_NLRI of family ipv4/unicast or multicast. */
    public static List<Nlri> ipv4Nlri(PathAttribute.MpReachNlri mp, SessionContext ctx) throws BgpDecodeException {
        return UpdateCodec.ipv4Nlri(mp.nlri(), mp.family(), ctx);
    }

    /** The IPv4 withdrawn routes of an MP_UNREACH_NLRI of family ipv4/unicast or multicast. */
    public static List<Nlri> ipv4Nlri(PathAttribute.MpUnreachNlri mp, SessionContext ctx) throws BgpDecodeException {
        return UpdateCodec.ipv4Nlri(mp.nlri(), mp.family(), ctx);
    }

    /**
     * The OPEN checks that need the local configuration (RFC 4271 §6.2, RFC 6286 §2.2), as BIRD's
     * {@code bgp_rx_open} does them: Bad BGP Identifier, then Bad Peer AS.
     */
    public static void checkOpen(OpenMessage open, long expectedPeerAs, Ipv4Address localId, boolean internal)
            throws BgpDecodeException {
        OpenCodec.checkPeer(open, expectedPeerAs, localId, internal);
    }
}
