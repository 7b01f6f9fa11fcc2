package io.overlaysim.bgp;

import static io.overlaysim.bgp.Bytes.i32;
import static io.overlaysim.bgp.Bytes.u16;
import static io.overlaysim.bgp.Bytes.u32;
import static io.overlaysim.bgp.Bytes.u8;

import io.overlaysim.net.Ipv4Address;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes one path attribute's value (RFC 4271 §4.3, §5; RFC 4760; RFC 4456; RFC 1997).
 *
 * <p>Errors carry the NOTIFICATION of RFC 4271 §6.3 with the data it names (the whole erroneous
 * attribute, flags to value, for flags, length, ORIGIN, NEXT_HOP and optional attribute errors),
 * and the action BIRD 2 takes under RFC 7606, which differs: BIRD checks only the Optional and
 * Transitive flag bits ({@code bgp_decode_attr}), withdraws the UPDATE's routes for most value
 * errors, and only discards a bad ATOMIC_AGGREGATE or AGGREGATOR. We report both; the speaker
 * follows BIRD's action.
 */
final class AttributeCodec {
    private AttributeCodec() {}

    /** The flags (Optional, Transitive) RFC 4271 §5 fixes for a known type code, or -1 for unknown. */
    static int expectedFlags(int code) {
        return switch (code) {
            case PathAttribute.ORIGIN, PathAttribute.AS_PATH, PathAttribute.NEXT_HOP, PathAttribute.LOCAL_PREF,
                    PathAttribute.ATOMIC_AGGREGATE -> PathAttribute.wellKnown;
            case PathAttribute.AGGREGATOR, PathAttribute.COMMUNITIES -> PathAttribute.optionalTransitive;
            case PathAttribute.MULTI_EXIT_DISC, PathAttribute.ORIGINATOR_ID, PathAttribute.CLUSTER_LIST,
                    PathAttribute.MP_REACH_NLRI, PathAttribute.MP_UNREACH_NLRI -> PathAttribute.optionalNonTransitive;
            default -> -1;
        };
    }

    static String name(int code) {
        return switch (code) {
            case PathAttribute.ORIGIN -> "ORIGIN";
            case PathAttribute.AS_PATH -> "AS_PATH";
            case PathAttribute.NEXT_HOP -> "NEXT_HOP";
            case PathAttribute.MULTI_EXIT_DISC -> "MULTI_EXIT_DISC";
            case PathAttribute.LOCAL_PREF -> "LOCAL_PREF";
            case PathAttribute.ATOMIC_AGGREGATE -> "ATOMIC_AGGREGATE";
            case PathAttribute.AGGREGATOR -> "AGGREGATOR";
            case PathAttribute.COMMUNITIES -> "COMMUNITIES";
            case PathAttribute.ORIGINATOR_ID -> "ORIGINATOR_ID";
            case PathAttribute.CLUSTER_LIST -> "CLUSTER_LIST";
            case PathAttribute.MP_REACH_NLRI -> "MP_REACH_NLRI";
            case PathAttribute.MP_UNREACH_NLRI -> "MP_UNREACH_NLRI";
            default -> "attribute " + code;
        };
    }

    /**
     * Decodes the attribute whose bytes (flags to value) are {@code b[start, v + len)} and whose
     * value starts at {@code v}.
     */
    static PathAttribute decode(byte[] b, int start, int flags, int code, int v, int len, SessionContext ctx)
            throws BgpDecodeException {
        int expected = expectedFlags(code);
        if (expected < 0) {
            if ((flags & PathAttribute.OPTIONAL) == 0) {
                throw error(ErrorSubcode.Update.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, b, start, v + len,
                        ErrorAction.TREAT_AS_WITHDRAW, name(code) + ": unknown, yet not flagged optional");
            }
            return new PathAttribute.Unknown(flags, code, Bytes.slice(b, v, len));
        }
        if (((flags ^ expected) & (PathAttribute.OPTIONAL | PathAttribute.TRANSITIVE)) != 0) {
            boolean mp = code == PathAttribute.MP_REACH_NLRI || code == PathAttribute.MP_UNREACH_NLRI;
            throw error(ErrorSubcode.Update.ATTRIBUTE_FLAGS_ERROR, b, start, v + len,
                    mp ? ErrorAction.SESSION_RESET : ErrorAction.TREAT_AS_WITHDRAW,
                    String.format("%s: flags 0x%02x, expected optional/transitive bits 0x%02x", name(code), flags, expected));
        }
        return switch (code) {
            case PathAttribute.ORIGIN -> {
                checkLength(b, start, code, v, len, len == 1, "1", ErrorAction.TREAT_AS_WITHDRAW);
                if (u8(b, v) > 2) {
                    throw error(ErrorSubcode.Update.INVALID_ORIGIN_ATTRIBUTE, b, start, v + len,
                            ErrorAction.TREAT_AS_WITHDRAW, "ORIGIN: value " + u8(b, v) + ", expected 0..2");
                }
                yield new PathAttribute.Origin(flags, u8(b, v));
            }
            case PathAttribute.AS_PATH -> new PathAttribute.AsPath(flags, decodeAsPath(b, v, len, ctx.fourOctetAs()));
            case PathAttribute.NEXT_HOP -> {
                checkLength(b, start, code, v, len, len == 4, "4", ErrorAction.TREAT_AS_WITHDRAW);
                int nh = i32(b, v);
                // RFC 4271 §6.3 syntactic check; 0.0.0.0, class D/E and broadcast are never a next hop
                // (BIRD rejects the zero address, FRR's bgp_attr_nexthop all three).
                if (nh == 0 || (nh >>> 28) >= 0xe) {
                    throw error(ErrorSubcode.Update.INVALID_NEXT_HOP_ATTRIBUTE, b, start, v + len,
                            ErrorAction.TREAT_AS_WITHDRAW, "NEXT_HOP: " + Ipv4Address.format(nh) + " is not a unicast address");
                }
                yield new PathAttribute.NextHop(flags, new Ipv4Address(nh));
            }
            case PathAttribute.MULTI_EXIT_DISC -> {
                checkLength(b, start, code, v, len, len == 4, "4", ErrorAction.TREAT_AS_WITHDRAW);
                yield new PathAttribute.MultiExitDisc(flags, u32(b, v));
            }
            case PathAttribute.LOCAL_PREF -> {
                checkLength(b, start, code, v, len, len == 4, "4", ErrorAction.TREAT_AS_WITHDRAW);
                yield new PathAttribute.LocalPref(flags, u32(b, v));
            }
            case PathAttribute.ATOMIC_AGGREGATE -> {
                checkLength(b, start, code, v, len, len == 0, "0", ErrorAction.ATTRIBUTE_DISCARD);
                yield new PathAttribute.AtomicAggregate(flags);
            }
            case PathAttribute.AGGREGATOR -> {
                int want = ctx.fourOctetAs() ? 8 : 6;
                checkLength(b, start, code, v, len, len == want, String.valueOf(want), ErrorAction.ATTRIBUTE_DISCARD);
                long asn = ctx.fourOctetAs() ? u32(b, v) : u16(b, v);
                yield new PathAttribute.Aggregator(flags, asn, new Ipv4Address(i32(b, v + want - 4)));
            }
            case PathAttribute.COMMUNITIES -> {
                checkLength(b, start, code, v, len, len > 0 && len % 4 == 0, "a positive multiple of 4",
                        ErrorAction.TREAT_AS_WITHDRAW);
                List<Community> cs = new ArrayList<>(len / 4);
                for (int i = v; i < v + len; i += 4) {
                    cs.add(new Community(i32(b, i)));
                }
                yield new PathAttribute.Communities(flags, cs);
            }
            case PathAttribute.ORIGINATOR_ID -> {
                checkLength(b, start, code, v, len, len == 4, "4", ErrorAction.TREAT_AS_WITHDRAW);
                yield new PathAttribute.OriginatorId(flags, new Ipv4Address(i32(b, v)));
            }
            case PathAttribute.CLUSTER_LIST -> {
                checkLength(b, start, code, v, len, len > 0 && len % 4 == 0, "a positive multiple of 4",
                        ErrorAction.TREAT_AS_WITHDRAW);
                List<Ipv4Address> ids = new ArrayList<>(len / 4);
                for (int i = v; i < v + len; i += 4) {
                    ids.add(new Ipv4Address(i32(b, i)));
                }
                yield new PathAttribute.ClusterList(flags, ids);
            }
            case PathAttribute.MP_REACH_NLRI -> decodeMpReach(b, start, flags, v, len, ctx);
            case PathAttribute.MP_UNREACH_NLRI -> {
                if (len < 3) {
                    throw error(ErrorSubcode.Update.OPTIONAL_ATTRIBUTE_ERROR, b, start, v + len,
                            ErrorAction.SESSION_RESET, "MP_UNREACH_NLRI: length " + len + ", expected at least 3");
                }
                AfiSafi f = new AfiSafi(u16(b, v), u8(b, v + 2));
                validateMpNlri(b, v + 3, v + len, f, ctx, "MP_UNREACH_NLRI withdrawn routes");
                yield new PathAttribute.MpUnreachNlri(flags, f, Bytes.slice(b, v + 3, len - 3));
            }
            default -> throw new IllegalStateException("known attribute without a decoder: " + code);
        };
    }

    private static PathAttribute decodeMpReach(byte[] b, int start, int flags, int v, int len, SessionContext ctx)
            throws BgpDecodeException {
        // RFC 4760 §3: AFI (2), SAFI (1), next-hop length (1), next hop, reserved (1), NLRI.
        if (len < 5 || len < 5 + u8(b, v + 3)) {
            throw error(ErrorSubcode.Update.OPTIONAL_ATTRIBUTE_ERROR, b, start, v + len, ErrorAction.SESSION_RESET,
                    "MP_REACH_NLRI: length " + len + " cannot hold its next hop");
        }
        AfiSafi f = new AfiSafi(u16(b, v), u8(b, v + 2));
        int nhl = u8(b, v + 3);
        int n = v + 5 + nhl;
        validateMpNlri(b, n, v + len, f, ctx, "MP_REACH_NLRI");
        return new PathAttribute.MpReachNlri(flags, f, Bytes.slice(b, v + 4, nhl), u8(b, v + 4 + nhl),
                Bytes.slice(b, n, v + len - n));
    }

    private static void validateMpNlri(byte[] b, int off, int end, AfiSafi f, SessionContext ctx, String field)
            throws BgpDecodeException {
        int max = f.maxPrefixBits();
        if (max > 0) {
            NlriCodec.validate(b, off, end, max, ctx.addPath(f), field);
        }
    }

    /** AS_PATH segments; BIRD's {@code as_path_valid}: known type, 1..255 AS numbers, no overrun. */
    private static List<AsPathSegment> decodeAsPath(byte[] b, int v, int len, boolean as4) throws BgpDecodeException {
        int size = as4 ? 4 : 2;
        List<AsPathSegment> segs = new ArrayList<>(2);
        int p = v;
        int end = v + len;
        while (p < end) {
            if (end - p < 2) {
                throw malformedAsPath(p, "a segment header of 2 octets");
            }
            int type = u8(b, p);
            int n = u8(b, p + 1);
            if (type < AsPathSegment.AS_SET || type > AsPathSegment.AS_CONFED_SET) {
                throw malformedAsPath(p, "segment type 1..4, not " + type);
            }
            if (n == 0) {
                throw malformedAsPath(p, "a segment of at least one AS");
            }
            if (end - p - 2 < n * size) {
                throw malformedAsPath(p, n + " AS numbers of " + size + " octets");
            }
            int[] asns = new int[n];
            for (int i = 0; i < n; i++) {
                asns[i] = as4 ? i32(b, p + 2 + 4 * i) : u16(b, p + 2 + 2 * i);
            }
            segs.add(new AsPathSegment(type, asns));
            p += 2 + n * size;
        }
        return segs;
    }

    private static BgpDecodeException malformedAsPath(int at, String expected) {
        return new BgpDecodeException(NotificationMessage.of(ErrorSubcode.Update.MALFORMED_AS_PATH),
                ErrorAction.TREAT_AS_WITHDRAW, "AS_PATH at offset " + at + ": expected " + expected);
    }

    private static void checkLength(byte[] b, int start, int code, int v, int len, boolean ok, String expected,
                                    ErrorAction action) throws BgpDecodeException {
        if (!ok) {
            throw error(ErrorSubcode.Update.ATTRIBUTE_LENGTH_ERROR, b, start, v + len, action,
                    name(code) + ": length " + len + ", expected " + expected);
        }
    }

    /** An error whose data is the erroneous attribute, flags to value (RFC 4271 §6.3). */
    static BgpDecodeException error(ErrorSubcode.Update sub, byte[] b, int start, int end, ErrorAction action,
                                    String message) {
        return new BgpDecodeException(NotificationMessage.of(sub, Bytes.slice(b, start, end - start)), action,
                "UPDATE attribute at offset " + start + ": " + message);
    }

    static int valueLength(PathAttribute a, SessionContext ctx) {
        return switch (a) {
            case PathAttribute.Origin o -> 1;
            case PathAttribute.AsPath p -> {
                int n = 0;
                for (int si = 0, sn = p.segments().size(); si < sn; si++) {
                    AsPathSegment s = p.segments().get(si);
                    n += 2 + s.size() * (ctx.fourOctetAs() ? 4 : 2);
                }
                yield n;
            }
            case PathAttribute.NextHop n -> 4;
            case PathAttribute.MultiExitDisc m -> 4;
            case PathAttribute.LocalPref l -> 4;
            case PathAttribute.AtomicAggregate x -> 0;
            case PathAttribute.Aggregator x -> ctx.fourOctetAs() ? 8 : 6;
            case PathAttribute.Communities c -> 4 * c.communities().size();
            case PathAttribute.OriginatorId o -> 4;
            case PathAttribute.ClusterList c -> 4 * c.clusterIds().size();
            case PathAttribute.MpReachNlri m -> 5 + m.nextHop().length + m.nlriLength();
            case PathAttribute.MpUnreachNlri m -> 3 + m.nlriLength();
            case PathAttribute.Unknown u -> u.value().length;
        };
    }

    /** The encoded size, header included: 3 octets, or 4 with the Extended Length bit. */
    static int length(PathAttribute a, SessionContext ctx) {
        int len = valueLength(a, ctx);
        return len + (len > 255 || (a.flags() & PathAttribute.EXTENDED_LENGTH) != 0 ? 4 : 3);
    }

    static void encode(PathAttribute a, SessionContext ctx, ByteBuffer out) {
        int len = valueLength(a, ctx);
        if (len > 0xffff) {
            throw new IllegalArgumentException(name(a.typeCode()) + " longer than 65535 octets");
        }
        int flags = a.flags() | (len > 255 ? PathAttribute.EXTENDED_LENGTH : 0);
        out.put((byte) flags).put((byte) a.typeCode());
        if ((flags & PathAttribute.EXTENDED_LENGTH) != 0) {
            out.putShort((short) len);
        } else {
            out.put((byte) len);
        }
        switch (a) {
            case PathAttribute.Origin o -> out.put((byte) o.value());
            case PathAttribute.AsPath p -> {
                for (int si = 0, sn = p.segments().size(); si < sn; si++) {
                    AsPathSegment s = p.segments().get(si);
                    out.put((byte) s.type()).put((byte) s.size());
                    for (int i = 0; i < s.size(); i++) {
                        putAs(out, s.asn(i), ctx.fourOctetAs());
                    }
                }
            }
            case PathAttribute.NextHop n -> out.putInt(n.address().bits());
            case PathAttribute.MultiExitDisc m -> out.putInt((int) m.value());
            case PathAttribute.LocalPref l -> out.putInt((int) l.value());
            case PathAttribute.AtomicAggregate x -> { }
            case PathAttribute.Aggregator x -> {
                putAs(out, x.asn(), ctx.fourOctetAs());
                out.putInt(x.address().bits());
            }
            case PathAttribute.Communities c -> c.communities().forEach(x -> out.putInt(x.value()));
            case PathAttribute.OriginatorId o -> out.putInt(o.id().bits());
            case PathAttribute.ClusterList c -> c.clusterIds().forEach(x -> out.putInt(x.bits()));
            case PathAttribute.MpReachNlri m -> {
                byte[] nh = m.nextHop();
                out.putShort((short) m.family().afi()).put((byte) m.family().safi()).put((byte) nh.length).put(nh)
                        .put((byte) m.reserved()).put(m.nlri());
            }
            case PathAttribute.MpUnreachNlri m ->
                    out.putShort((short) m.family().afi()).put((byte) m.family().safi()).put(m.nlri());
            case PathAttribute.Unknown u -> out.put(u.value());
        }
    }

    /** An AS number in 4 octets, or in 2 with AS_TRANS for one that needs 4 (RFC 6793 §4.2.2). */
    private static void putAs(ByteBuffer out, long asn, boolean as4) {
        if (as4) {
            out.putInt((int) asn);
        } else {
            out.putShort((short) (asn > 0xffff ? OpenMessage.AS_TRANS : asn));
        }
    }
}
