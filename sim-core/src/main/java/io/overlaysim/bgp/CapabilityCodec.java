package io.overlaysim.bgp;

import static io.overlaysim.bgp.Bytes.u16;
import static io.overlaysim.bgp.Bytes.u32;
import static io.overlaysim.bgp.Bytes.u8;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the capability list inside one Capabilities optional parameter (RFC 5492 §4).
 * The length checks are BIRD's ({@code bgp_read_capabilities}, proto/bgp/packets.c): a known
 * capability whose length does not fit its layout is an OPEN Message Error, subcode 0, no data.
 */
final class CapabilityCodec {
    private CapabilityCodec() {}

    static List<Capability> decode(byte[] b, int off, int len) throws BgpDecodeException {
        List<Capability> out = new ArrayList<>();
        int end = off + len;
        int p = off;
        while (p < end) {
            if (end - p < 2 || end - p < 2 + u8(b, p + 1)) {
                throw malformed("capability at offset " + p + " runs past its optional parameter");
            }
            int code = u8(b, p);
            int cl = u8(b, p + 1);
            out.add(decodeOne(b, p + 2, code, cl));
            p += 2 + cl;
        }
        return out;
    }

    private static Capability decodeOne(byte[] b, int v, int code, int cl) throws BgpDecodeException {
        switch (code) {
            case Capability.MULTIPROTOCOL -> {
                need(code, cl, cl == 4, "4");
                if (u8(b, v + 2) == 0) {
                    return new Capability.MultiProtocol(new AfiSafi(u16(b, v), u8(b, v + 3)));
                }
            }
            case Capability.ROUTE_REFRESH -> {
                need(code, cl, cl == 0, "0");
                return new Capability.RouteRefresh();
            }
            case Capability.EXTENDED_NEXT_HOP -> {
                need(code, cl, cl % 6 == 0, "a multiple of 6");
                List<Capability.ExtendedNextHop.Entry> es = new ArrayList<>();
                for (int i = v; i < v + cl; i += 6) {
                    es.add(new Capability.ExtendedNextHop.Entry(u16(b, i), u16(b, i + 2), u16(b, i + 4)));
                }
                return new Capability.ExtendedNextHop(es);
            }
            case Capability.EXTENDED_MESSAGE -> {
                need(code, cl, cl == 0, "0");
                return new Capability.ExtendedMessage();
            }
            case Capability.GRACEFUL_RESTART -> {
                need(code, cl, cl % 4 == 2, "2 plus a multiple of 4");
                List<Capability.GracefulRestart.Entry> es = new ArrayList<>();
                for (int i = v + 2; i < v + cl; i += 4) {
                    es.add(new Capability.GracefulRestart.Entry(new AfiSafi(u16(b, i), u8(b, i + 2)), u8(b, i + 3)));
                }
                return new Capability.GracefulRestart(u8(b, v) >>> 4, u16(b, v) & 0xfff, es);
            }
            case Capability.FOUR_OCTET_AS -> {
                need(code, cl, cl == 4, "4");
                return new Capability.FourOctetAs(u32(b, v));
            }
            case Capability.ADD_PATH -> {
                need(code, cl, cl % 4 == 0, "a multiple of 4");
                List<Capability.AddPath.Entry> es = new ArrayList<>();
                for (int i = v; i < v + cl; i += 4) {
                    es.add(new Capability.AddPath.Entry(new AfiSafi(u16(b, i), u8(b, i + 2)), u8(b, i + 3)));
                }
                return new Capability.AddPath(es);
            }
            case Capability.ENHANCED_ROUTE_REFRESH -> {
                need(code, cl, cl == 0, "0");
                return new Capability.EnhancedRouteRefresh();
            }
            case Capability.LONG_LIVED_GRACEFUL_RESTART -> {
                need(code, cl, cl % 7 == 0, "a multiple of 7");
                List<Capability.LongLivedGracefulRestart.Entry> es = new ArrayList<>();
                for (int i = v; i < v + cl; i += 7) {
                    int stale = (u8(b, i + 4) << 16) | u16(b, i + 5);
                    es.add(new Capability.LongLivedGracefulRestart.Entry(
                            new AfiSafi(u16(b, i), u8(b, i + 2)), u8(b, i + 3), stale));
                }
                return new Capability.LongLivedGracefulRestart(es);
            }
            case Capability.FQDN -> {
                // BIRD: (cl < 2) || (cl < 2 + hostname length) is malformed.
                need(code, cl, cl >= 2 && cl >= 2 + u8(b, v), "at least 2 plus the host name length");
                int hl = u8(b, v);
                int dl = u8(b, v + 1 + hl);
                if (cl == 2 + hl + dl) {
                    return new Capability.Fqdn(
                            new String(b, v + 1, hl, StandardCharsets.ISO_8859_1),
                            new String(b, v + 2 + hl, dl, StandardCharsets.ISO_8859_1));
                }
            }
            default -> {
                // RFC 5492 §4: an unrecognized capability is ignored (here: kept, as bytes).
            }
        }
        return new Capability.Unknown(code, Bytes.slice(b, v, cl));
    }

    private static void need(int code, int cl, boolean ok, String expected) throws BgpDecodeException {
        if (!ok) {
            throw malformed("capability " + code + " has length " + cl + ", expected " + expected);
        }
    }

    private static BgpDecodeException malformed(String what) {
        return new BgpDecodeException(ErrorSubcode.Open.UNSPECIFIC, "OPEN: " + what);
    }

    /** The encoded size of the list, capability headers included. */
    static int length(List<Capability> caps) {
        int n = 0;
        for (Capability c : caps) {
            n += 2 + valueLength(c);
        }
        return n;
    }

    private static int valueLength(Capability c) {
        return switch (c) {
            case Capability.MultiProtocol m -> 4;
            case Capability.RouteRefresh r -> 0;
            case Capability.ExtendedNextHop e -> 6 * e.entries().size();
            case Capability.ExtendedMessage e -> 0;
            case Capability.GracefulRestart g -> 2 + 4 * g.entries().size();
            case Capability.FourOctetAs f -> 4;
            case Capability.AddPath a -> 4 * a.entries().size();
            case Capability.EnhancedRouteRefresh e -> 0;
            case Capability.LongLivedGracefulRestart l -> 7 * l.entries().size();
            case Capability.Fqdn f -> 2 + f.hostname().length() + f.domainName().length();
            case Capability.Unknown u -> u.value().length;
        };
    }

    static void encode(List<Capability> caps, ByteBuffer out) {
        for (Capability c : caps) {
            int len = valueLength(c);
            if (len > 255) {
                throw new IllegalArgumentException("capability " + c.code() + " longer than 255 octets: " + len);
            }
            out.put((byte) c.code()).put((byte) len);
            switch (c) {
                case Capability.MultiProtocol m ->
                        out.putShort((short) m.family().afi()).put((byte) 0).put((byte) m.family().safi());
                case Capability.RouteRefresh r -> { }
                case Capability.ExtendedNextHop e -> {
                    for (var x : e.entries()) {
                        out.putShort((short) x.afi()).putShort((short) x.safi()).putShort((short) x.nextHopAfi());
                    }
                }
                case Capability.ExtendedMessage e -> { }
                case Capability.GracefulRestart g -> {
                    out.putShort((short) ((g.flags() << 12) | g.restartTime()));
                    for (var x : g.entries()) {
                        out.putShort((short) x.family().afi()).put((byte) x.family().safi()).put((byte) x.flags());
                    }
                }
                case Capability.FourOctetAs f -> out.putInt((int) f.asn());
                case Capability.AddPath a -> {
                    for (var x : a.entries()) {
                        out.putShort((short) x.family().afi()).put((byte) x.family().safi()).put((byte) x.sendReceive());
                    }
                }
                case Capability.EnhancedRouteRefresh e -> { }
                case Capability.LongLivedGracefulRestart l -> {
                    for (var x : l.entries()) {
                        out.putShort((short) x.family().afi()).put((byte) x.family().safi()).put((byte) x.flags())
                                .put((byte) (x.staleTime() >>> 16)).putShort((short) x.staleTime());
                    }
                }
                case Capability.Fqdn f -> {
                    byte[] h = f.hostname().getBytes(StandardCharsets.ISO_8859_1);
                    byte[] d = f.domainName().getBytes(StandardCharsets.ISO_8859_1);
                    out.put((byte) h.length).put(h).put((byte) d.length).put(d);
                }
                case Capability.Unknown u -> out.put(u.value());
            }
        }
    }
}
