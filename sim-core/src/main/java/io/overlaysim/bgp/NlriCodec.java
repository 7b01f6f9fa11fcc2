package io.overlaysim.bgp;

import static io.overlaysim.bgp.Bytes.i32;
import static io.overlaysim.bgp.Bytes.u8;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Reads and writes NLRI lists (RFC 4271 §4.3: length in bits, then as few octets as hold it),
 * each entry preceded by a 4-octet path identifier when ADD-PATH is on (RFC 7911 §3). A syntax
 * error is an Invalid Network Field, which resets the session also under RFC 7606 §5.3 (BIRD:
 * {@code bgp_parse_error(s, 10)} in {@code bgp_decode_nlri_ip4}).
 */
final class NlriCodec {
    private NlriCodec() {}

    static void decodeIpv4(byte[] b, int off, int end, boolean addPath, String field, List<Nlri> out)
            throws BgpDecodeException {
        int p = off;
        while (p < end) {
            int pathId = 0;
            if (addPath) {
                if (end - p < 5) {
                    throw invalid(field, p, "a 4-octet path identifier and a length octet");
                }
                pathId = i32(b, p);
                p += 4;
            }
            int len = u8(b, p++);
            if (len > 32) {
                throw invalid(field, p - 1, "a prefix length 0..32, not " + len);
            }
            int octets = (len + 7) / 8;
            if (end - p < octets) {
                throw invalid(field, p, octets + " address octets for a /" + len);
            }
            int bits = 0;
            for (int i = 0; i < 4; i++) {
                bits = (bits << 8) | (i < octets ? u8(b, p + i) : 0);
            }
            p += octets;
            out.add(new Nlri(pathId, bits, len));
        }
    }

    /** Whether {@code b[off, end)} is a well-formed IPv4 NLRI list (else {@link #decodeIpv4} says what is wrong). */
    static boolean valid(byte[] b, int off, int end, boolean addPath) {
        int p = off;
        while (p < end) {
            if (addPath) {
                if (end - p < 5) {
                    return false;
                }
                p += 4;
            }
            int len = u8(b, p++);
            if (len > 32 || end - p < (len + 7) / 8) {
                return false;
            }
            p += (len + 7) / 8;
        }
        return true;
    }

    /** The address bits of the entry whose length octet is at {@code p} (host bits as received; octets past the length 0). */
    static int bitsAt(byte[] b, int p) {
        int octets = (u8(b, p) + 7) / 8;
        int bits = 0;
        for (int i = 0; i < 4; i++) {
            bits = (bits << 8) | (i < octets ? u8(b, p + 1 + i) : 0);
        }
        return bits;
    }

    /** Checks the syntax of NLRI of any IP family with {@code maxBits}-bit addresses. */
    static void validate(byte[] b, int off, int end, int maxBits, boolean addPath, String field)
            throws BgpDecodeException {
        int p = off;
        while (p < end) {
            if (addPath) {
                if (end - p < 5) {
                    throw invalid(field, p, "a 4-octet path identifier and a length octet");
                }
                p += 4;
            }
            int len = u8(b, p++);
            if (len > maxBits) {
                throw invalid(field, p - 1, "a prefix length 0.." + maxBits + ", not " + len);
            }
            int octets = (len + 7) / 8;
            if (end - p < octets) {
                throw invalid(field, p, octets + " address octets for a /" + len);
            }
            p += octets;
        }
    }

    private static BgpDecodeException invalid(String field, int at, String expected) {
        return new BgpDecodeException(ErrorSubcode.Update.INVALID_NETWORK_FIELD,
                "UPDATE " + field + " at offset " + at + ": expected " + expected);
    }

    static int length(List<Nlri> list, boolean addPath) {
        int n = 0;
        for (int xi = 0, xn = list.size(); xi < xn; xi++) {
            Nlri x = list.get(xi);
            n += (addPath ? 5 : 1) + x.octets();
        }
        return n;
    }

    static void encode(List<Nlri> list, boolean addPath, ByteBuffer out) {
        for (int xi = 0, xn = list.size(); xi < xn; xi++) {
            Nlri x = list.get(xi);
            if (addPath) {
                out.putInt(x.pathId());
            }
            out.put((byte) x.length());
            int bits = x.bits();
            for (int i = 0; i < x.octets(); i++) {
                out.put((byte) (bits >>> (24 - 8 * i)));
            }
        }
    }
}
