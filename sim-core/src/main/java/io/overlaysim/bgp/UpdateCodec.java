package io.overlaysim.bgp;

import static io.overlaysim.bgp.Bytes.u16;
import static io.overlaysim.bgp.Bytes.u8;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the body of an UPDATE (RFC 4271 §4.3): withdrawn routes, path attributes,
 * NLRI. Checks of RFC 4271 §6.3; where RFC 7606 (which BIRD 2 follows) handles an error without
 * a session reset, the exception says so and carries the rest of the UPDATE.
 */
final class UpdateCodec {
    private UpdateCodec() {}

    private static final int MAX_TRACKED_CODE = 256;

    /** Decodes {@code b[off, end)}: the UPDATE without its header. */
    static UpdateMessage decode(byte[] b, int off, int end, SessionContext ctx) throws BgpDecodeException {
        return decode(b, off, end, ctx, null);
    }

    /**
     * {@link #decode(byte[], int, int, SessionContext)}, taking attributes whose bytes the
     * interner has seen before from it instead of decoding them again, and giving it the bytes of
     * new ones that decoded cleanly (without MP_REACH_NLRI / MP_UNREACH_NLRI, whose checks
     * depend on more than the bytes and the AS number size).
     */
    static UpdateMessage decode(byte[] b, int off, int end, SessionContext ctx, RouteInterner interner)
            throws BgpDecodeException {
        boolean addPath4 = ctx.addPath(AfiSafi.IPV4_UNICAST);
        int body = end - off;
        int wlen = u16(b, off);
        if (4 + wlen > body) {
            throw new BgpDecodeException(ErrorSubcode.Update.MALFORMED_ATTRIBUTE_LIST,
                    "UPDATE: Withdrawn Routes Length " + wlen + " runs past the message (" + body + " octets of body)");
        }
        int alenAt = off + 2 + wlen;
        int alen = u16(b, alenAt);
        if (4 + wlen + alen > body) {
            throw new BgpDecodeException(ErrorSubcode.Update.MALFORMED_ATTRIBUTE_LIST,
                    "UPDATE: Total Path Attribute Length " + alen + " runs past the message");
        }
        List<Nlri> withdrawn = new ArrayList<>();
        NlriCodec.decodeIpv4(b, off + 2, alenAt, addPath4, "Withdrawn Routes", withdrawn);
        int aStart = alenAt + 2;
        int aEnd = aStart + alen;
        List<Nlri> nlri = new ArrayList<>();
        NlriCodec.decodeIpv4(b, aEnd, end, addPath4, "NLRI", nlri);

        PathAttributes known = interner == null ? null : interner.wire(b, aStart, alen, ctx.fourOctetAs());
        if (known != null) {
            UpdateMessage update = new UpdateMessage(withdrawn, known.list(), nlri);
            if (!nlri.isEmpty() && !(known.has(PathAttribute.ORIGIN) && known.has(PathAttribute.AS_PATH)
                    && known.has(PathAttribute.NEXT_HOP))) {
                return decode(b, off, end, ctx, null); // the full checks give the error
            }
            return update;
        }
        List<PathAttribute> attrs = new ArrayList<>();
        BgpDecodeException soft = null;
        ErrorAction worst = null;
        boolean[] seen = new boolean[MAX_TRACKED_CODE];
        int p = aStart;
        while (p < aEnd) {
            int start = p;
            int hdr = aEnd - p >= 2 && (u8(b, p) & PathAttribute.EXTENDED_LENGTH) != 0 ? 4 : 3;
            if (aEnd - p < hdr || aEnd - p - hdr < (hdr == 4 ? u16(b, p + 2) : u8(b, p + 2))) {
                // RFC 7606 §4 framing error: BIRD treats as withdraw (session reset when no NLRI).
                BgpDecodeException e = new BgpDecodeException(
                        NotificationMessage.of(ErrorSubcode.Update.MALFORMED_ATTRIBUTE_LIST),
                        ErrorAction.TREAT_AS_WITHDRAW,
                        "UPDATE attribute at offset " + start + ": its header or length runs past the attribute list");
                if (soft == null) {
                    soft = e;
                }
                worst = ErrorAction.TREAT_AS_WITHDRAW;
                break;
            }
            int flags = u8(b, p);
            int code = u8(b, p + 1);
            int len = hdr == 4 ? u16(b, p + 2) : u8(b, p + 2);
            int v = p + hdr;
            p = v + len;
            if (seen[code]) {
                // RFC 7606 §3 (g), BIRD: a repeated MP_* resets the session, other repeats are discarded.
                boolean mp = code == PathAttribute.MP_REACH_NLRI || code == PathAttribute.MP_UNREACH_NLRI;
                BgpDecodeException e = new BgpDecodeException(
                        NotificationMessage.of(ErrorSubcode.Update.MALFORMED_ATTRIBUTE_LIST),
                        mp ? ErrorAction.SESSION_RESET : ErrorAction.ATTRIBUTE_DISCARD,
                        "UPDATE attribute at offset " + start + ": " + AttributeCodec.name(code) + " appears twice");
                if (mp) {
                    throw e;
                }
                if (soft == null) {
                    soft = e;
                    worst = ErrorAction.ATTRIBUTE_DISCARD;
                }
                continue;
            }
            seen[code] = true;
            try {
                attrs.add(AttributeCodec.decode(b, start, flags, code, v, len, ctx));
            } catch (BgpDecodeException e) {
                if (e.action() == ErrorAction.SESSION_RESET) {
                    throw e;
                }
                if (soft == null) {
                    soft = e;
                }
                if (worst != ErrorAction.TREAT_AS_WITHDRAW) {
                    worst = e.action();
                }
            }
        }
        UpdateMessage update = new UpdateMessage(withdrawn, attrs, nlri);
        boolean reach = !nlri.isEmpty()
                || update.attribute(PathAttribute.MpReachNlri.class).map(m -> m.nlriLength() > 0).orElse(false);
        if (soft == null && reach) {
            // RFC 4271 §6.3 / RFC 7606 §3 (d): missing mandatory attributes; treat-as-withdraw in BIRD.
            int[] mandatory = nlri.isEmpty()
                    ? new int[] {PathAttribute.ORIGIN, PathAttribute.AS_PATH}
                    : new int[] {PathAttribute.ORIGIN, PathAttribute.AS_PATH, PathAttribute.NEXT_HOP};
            for (int code : mandatory) {
                if (!seen[code]) {
                    soft = new BgpDecodeException(
                            NotificationMessage.of(ErrorSubcode.Update.MISSING_WELL_KNOWN_ATTRIBUTE, new byte[] {(byte) code}),
                            ErrorAction.TREAT_AS_WITHDRAW, "UPDATE: NLRI without the mandatory " + AttributeCodec.name(code));
                    worst = ErrorAction.TREAT_AS_WITHDRAW;
                    break;
                }
            }
        }
        if (soft != null) {
            // RFC 7606 §5.2 (BIRD: bgp_decode_attrs "withdraw:"): no NLRI to withdraw means a session reset.
            if (worst == ErrorAction.TREAT_AS_WITHDRAW && !reach) {
                worst = ErrorAction.SESSION_RESET;
            }
            throw soft.with(worst, worst == ErrorAction.SESSION_RESET ? null : update);
        }
        if (interner != null && !seen[PathAttribute.MP_REACH_NLRI] && !seen[PathAttribute.MP_UNREACH_NLRI]) {
            PathAttributes set = interner.attributes(attrs);
            interner.remember(b, aStart, alen, ctx.fourOctetAs(), set);
            return new UpdateMessage(withdrawn, set.list(), nlri);
        }
        return update;
    }

    static int bodyLength(UpdateMessage u, SessionContext ctx) {
        boolean addPath4 = ctx.addPath(AfiSafi.IPV4_UNICAST);
        int n = 4 + NlriCodec.length(u.withdrawn(), addPath4) + NlriCodec.length(u.nlri(), addPath4);
        for (int ai = 0, an = u.attributes().size(); ai < an; ai++) {
            PathAttribute a = u.attributes().get(ai);
            n += AttributeCodec.length(a, ctx);
        }
        return n;
    }

    static void encode(UpdateMessage u, SessionContext ctx, ByteBuffer out) {
        boolean addPath4 = ctx.addPath(AfiSafi.IPV4_UNICAST);
        out.putShort((short) NlriCodec.length(u.withdrawn(), addPath4));
        NlriCodec.encode(u.withdrawn(), addPath4, out);
        int alen = 0;
        for (int ai = 0, an = u.attributes().size(); ai < an; ai++) {
            PathAttribute a = u.attributes().get(ai);
            alen += AttributeCodec.length(a, ctx);
        }
        out.putShort((short) alen);
        for (int ai = 0, an = u.attributes().size(); ai < an; ai++) {
            PathAttribute a = u.attributes().get(ai);
            AttributeCodec.encode(a, ctx, out);
        }
        NlriCodec.encode(u.nlri(), addPath4, out);
    }

    /** The IPv4 NLRI inside an MP_REACH_NLRI or MP_UNREACH_NLRI's bytes (already validated by decode). */
    static List<Nlri> ipv4Nlri(byte[] nlri, AfiSafi family, SessionContext ctx) throws BgpDecodeException {
        List<Nlri> out = new ArrayList<>();
        NlriCodec.decodeIpv4(nlri, 0, nlri.length, ctx.addPath(family), "MP NLRI", out);
        return out;
    }
}
