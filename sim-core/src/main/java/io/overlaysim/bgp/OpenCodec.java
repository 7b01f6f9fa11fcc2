package io.overlaysim.bgp;

import static io.overlaysim.bgp.Bytes.i32;
import static io.overlaysim.bgp.Bytes.u16;
import static io.overlaysim.bgp.Bytes.u8;

import io.overlaysim.net.Ipv4Address;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the body of an OPEN (RFC 4271 §4.2, RFC 9072 extended parameters). The
 * checks, their order and the data they send mirror BIRD's {@code bgp_rx_open} and
 * {@code bgp_read_options} where RFC 4271 §6.2 leaves the data open.
 */
final class OpenCodec {
    private OpenCodec() {}

    private static final int CAPABILITIES = 2;
    private static final int EXTENDED = 255;

    static OpenMessage decode(byte[] b, int off, int end) throws BgpDecodeException {
        int version = u8(b, off);
        if (version != OpenMessage.VERSION) {
            // RFC 4271 §6.2: data = the largest supported version, 2 octets.
            throw new BgpDecodeException(ErrorSubcode.Open.UNSUPPORTED_VERSION_NUMBER, Bytes.u16Bytes(OpenMessage.VERSION),
                    "OPEN: version " + version + ", expected 4");
        }
        int myAs = u16(b, off + 1);
        int hold = u16(b, off + 3);
        int id = i32(b, off + 5);
        int optLen = u8(b, off + 9);
        int p = off + 10;
        List<List<Capability>> params = new ArrayList<>();
        boolean ext = optLen == EXTENDED && end - p >= 1 && u8(b, p) == EXTENDED;
        int plen;
        if (ext) {
            if (end - p < 3) {
                throw unspecific("extended Optional Parameters Length cut short");
            }
            plen = u16(b, p + 1);
            p += 3;
        } else {
            plen = optLen;
        }
        if (plen != end - p) {
            throw unspecific("Optional Parameters Length " + plen + ", but " + (end - p) + " octets follow");
        }
        int hdr = ext ? 3 : 2;
        while (p < end) {
            if (end - p < hdr) {
                throw unspecific("optional parameter at offset " + p + " cut short");
            }
            int type = u8(b, p);
            int len = ext ? u16(b, p + 1) : u8(b, p + 1);
            if (end - p - hdr < len) {
                throw unspecific("optional parameter at offset " + p + " runs past the message");
            }
            if (type != CAPABILITIES) {
                // BIRD sends the whole parameter as data.
                throw new BgpDecodeException(ErrorSubcode.Open.UNSUPPORTED_OPTIONAL_PARAMETER,
                        Bytes.slice(b, p, hdr + len), "OPEN: optional parameter type " + type + ", expected 2 (Capabilities)");
            }
            params.add(CapabilityCodec.decode(b, p + hdr, len));
            p += hdr + len;
        }
        if (hold == 1 || hold == 2) {
            throw new BgpDecodeException(ErrorSubcode.Open.UNACCEPTABLE_HOLD_TIME, Bytes.u16Bytes(hold),
                    "OPEN: hold time " + hold + ", expected 0 or at least 3 (RFC 4271 §4.2)");
        }
        if (id == 0) {
            // RFC 6286 §2.2: any non-zero 32-bit value; BIRD sends the identifier back as data.
            throw new BgpDecodeException(ErrorSubcode.Open.BAD_BGP_IDENTIFIER, new byte[4],
                    "OPEN: BGP Identifier 0.0.0.0, expected a non-zero value");
        }
        return new OpenMessage(version, myAs, hold, new Ipv4Address(id), params, ext);
    }

    private static BgpDecodeException unspecific(String what) {
        return new BgpDecodeException(ErrorSubcode.Open.UNSPECIFIC, "OPEN: " + what);
    }

    static int bodyLength(OpenMessage o) {
        int n = 10 + (o.extendedParameters() ? 3 : 0);
        for (List<Capability> p : o.parameters()) {
            n += (o.extendedParameters() ? 3 : 2) + CapabilityCodec.length(p);
        }
        return n;
    }

    static void encode(OpenMessage o, ByteBuffer out) {
        out.put((byte) o.version()).putShort((short) o.myAs()).putShort((short) o.holdTime())
                .putInt(o.bgpIdentifier().bits());
        int plen = bodyLength(o) - 10 - (o.extendedParameters() ? 3 : 0);
        if (o.extendedParameters()) {
            out.put((byte) EXTENDED).put((byte) EXTENDED).putShort((short) plen);
        } else {
            if (plen > 255) {
                throw new IllegalArgumentException("optional parameters longer than 255 octets need RFC 9072's encoding");
            }
            out.put((byte) plen);
        }
        for (List<Capability> p : o.parameters()) {
            int len = CapabilityCodec.length(p);
            out.put((byte) CAPABILITIES);
            if (o.extendedParameters()) {
                out.putShort((short) len);
            } else {
                if (len > 255) {
                    throw new IllegalArgumentException("a capabilities parameter longer than 255 octets");
                }
                out.put((byte) len);
            }
            CapabilityCodec.encode(p, out);
        }
    }

    /**
     * The session-level OPEN checks of RFC 4271 §6.2 that need the local configuration, in BIRD's
     * order and with BIRD's data: a zero or (iBGP) own BGP identifier is Bad BGP Identifier with
     * the identifier as data; a peer AS other than configured is Bad Peer AS with the AS as data
     * (4 octets from the 4-octet AS capability, else the 2-octet My AS field).
     */
    static void checkPeer(OpenMessage open, long expectedAs, Ipv4Address localId, boolean internal)
            throws BgpDecodeException {
        if (open.bgpIdentifier().bits() == 0 || (internal && open.bgpIdentifier().equals(localId))) {
            throw new BgpDecodeException(ErrorSubcode.Open.BAD_BGP_IDENTIFIER,
                    ByteBuffer.allocate(4).putInt(open.bgpIdentifier().bits()).array(),
                    "OPEN: BGP Identifier " + open.bgpIdentifier() + " is zero or ours");
        }
        var as4 = open.capability(Capability.FourOctetAs.class);
        if (as4.isPresent()) {
            if (as4.get().asn() != expectedAs) {
                throw new BgpDecodeException(ErrorSubcode.Open.BAD_PEER_AS,
                        ByteBuffer.allocate(4).putInt((int) as4.get().asn()).array(),
                        "OPEN: peer AS " + as4.get().asn() + ", expected " + expectedAs);
            }
        } else if (open.myAs() != expectedAs) {
            throw new BgpDecodeException(ErrorSubcode.Open.BAD_PEER_AS, Bytes.u16Bytes(open.myAs()),
                    "OPEN: peer AS " + open.myAs() + ", expected " + expectedAs);
        }
    }
}
