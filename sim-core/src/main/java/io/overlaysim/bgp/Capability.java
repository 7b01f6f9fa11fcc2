package io.overlaysim.bgp;

import java.util.Arrays;
import java.util.List;

/**
 * A capability of an OPEN's Capabilities optional parameter (RFC 5492 §4): code, then a value
 * whose layout the code fixes. {@link Unknown} keeps any other code as raw bytes, and also a
 * known code whose body this codec cannot hold exactly (a non-zero reserved octet, trailing
 * bytes BIRD tolerates), so that re-encoding gives the very same bytes.
 */
public sealed interface Capability {
    int code();

    int MULTIPROTOCOL = 1;
    int ROUTE_REFRESH = 2;
    int EXTENDED_NEXT_HOP = 5;
    int EXTENDED_MESSAGE = 6;
    int GRACEFUL_RESTART = 64;
    int FOUR_OCTET_AS = 65;
    int ADD_PATH = 69;
    int ENHANCED_ROUTE_REFRESH = 70;
    int LONG_LIVED_GRACEFUL_RESTART = 71;
    int FQDN = 73;

    /** Multiprotocol extensions (RFC 4760 §8): AFI, a reserved zero octet, SAFI. */
    record MultiProtocol(AfiSafi family) implements Capability {
        public int code() {
            return MULTIPROTOCOL;
        }
    }

    /** Route refresh (RFC 2918 §2): empty. */
    record RouteRefresh() implements Capability {
        public int code() {
            return ROUTE_REFRESH;
        }
    }

    /** Extended next hop encoding (RFC 8950 §3): NLRI family and next-hop AFI, 6 octets each. */
    record ExtendedNextHop(List<Entry> entries) implements Capability {
        public ExtendedNextHop {
            entries = List.copyOf(entries);
        }

        public int code() {
            return EXTENDED_NEXT_HOP;
        }

        /** NLRI AFI (2 octets), NLRI SAFI (2 octets), next-hop AFI (2 octets). */
        public record Entry(int afi, int safi, int nextHopAfi) {}
    }

    /** Extended messages up to 65535 bytes (RFC 8654 §3): empty. */
    record ExtendedMessage() implements Capability {
        public int code() {
            return EXTENDED_MESSAGE;
        }
    }

    /**
     * Graceful restart (RFC 4724 §3): 4 flag bits (R, N), a 12-bit restart time in seconds,
     * then per family a flags octet (F: forwarding state preserved). No family: "helper" mode,
     * as BIRD announces it in the corpus.
     */
    record GracefulRestart(int flags, int restartTime, List<Entry> entries) implements Capability {
        public GracefulRestart {
            if (flags < 0 || flags > 15 || restartTime < 0 || restartTime > 4095) {
                throw new IllegalArgumentException("flags 0..15 and restart time 0..4095 expected");
            }
            entries = List.copyOf(entries);
        }

        public int code() {
            return GRACEFUL_RESTART;
        }

        public boolean restartState() {
            return (flags & 0x8) != 0;
        }

        /** AFI (2), SAFI (1), flags (1). */
        public record Entry(AfiSafi family, int flags) {}
    }

    /** Support for 4-octet AS numbers (RFC 6793 §3): the speaker's real AS. */
    record FourOctetAs(long asn) implements Capability {
        public FourOctetAs {
            if (asn < 0 || asn > 0xffff_ffffL) {
                throw new IllegalArgumentException("AS number out of 0..4294967295: " + asn);
            }
        }

        public int code() {
            return FOUR_OCTET_AS;
        }
    }

    /** ADD-PATH (RFC 7911 §4): per family whether the speaker can receive (1), send (2) or both (3). */
    record AddPath(List<Entry> entries) implements Capability {
        public AddPath {
            entries = List.copyOf(entries);
        }

        public int code() {
            return ADD_PATH;
        }

        /** AFI (2), SAFI (1), Send/Receive (1). */
        public record Entry(AfiSafi family, int sendReceive) {
            public boolean canReceive() {
                return (sendReceive & 1) != 0;
            }

            public boolean canSend() {
                return (sendReceive & 2) != 0;
            }
        }
    }

    /** Enhanced route refresh (RFC 7313 §3.1): empty. */
    record EnhancedRouteRefresh() implements Capability {
        public int code() {
            return ENHANCED_ROUTE_REFRESH;
        }
    }

    /** Long-lived graceful restart (draft-ietf-idr-long-lived-gr, code 71): per family flags and a 24-bit stale time. */
    record LongLivedGracefulRestart(List<Entry> entries) implements Capability {
        public LongLivedGracefulRestart {
            entries = List.copyOf(entries);
        }

        public int code() {
            return LONG_LIVED_GRACEFUL_RESTART;
        }

        /** AFI (2), SAFI (1), flags (1), long-lived stale time in seconds (3). */
        public record Entry(AfiSafi family, int flags, int staleTime) {}
    }

    /**
     * FQDN (draft-walton-bgp-hostname-capability, code 73): host name and domain name, each a
     * length octet and bytes. Held as ISO-8859-1 strings so that any byte survives a round trip.
     */
    record Fqdn(String hostname, String domainName) implements Capability {
        public Fqdn {
            if (hostname.length() > 255 || domainName.length() > 255) {
                throw new IllegalArgumentException("host and domain names are at most 255 octets");
            }
            if (!(hostname + domainName).chars().allMatch(ch -> ch <= 0xff)) {
                throw new IllegalArgumentException("host and domain names are octets (ISO-8859-1)");
            }
        }

        public int code() {
            return FQDN;
        }
    }

    /** Any other capability, or a known one in a layout the records above cannot reproduce. */
    record Unknown(int code, byte[] value) implements Capability {
        public Unknown {
            if (code < 0 || code > 255 || value.length > 255) {
                throw new IllegalArgumentException("code 0..255 and at most 255 octets expected");
            }
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && u.code == code && Arrays.equals(u.value, value);
        }

        @Override
        public int hashCode() {
            return code * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Unknown[code=" + code + ", value=" + Bytes.hex(value) + "]";
        }
    }
}
