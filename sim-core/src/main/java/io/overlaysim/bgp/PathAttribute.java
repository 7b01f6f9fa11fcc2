package io.overlaysim.bgp;

import io.overlaysim.net.Ipv4Address;
import java.util.Arrays;
import java.util.List;

/**
 * A path attribute of an UPDATE (RFC 4271 §4.3, §5): flags octet, type code and value. Every
 * record keeps the flags octet as received (Partial bit, Extended Length bit, even the four
 * unused bits), so that re-encoding gives the same bytes; {@link #wellKnown} and friends give the
 * flags a fresh attribute should carry.
 */
public sealed interface PathAttribute {
    int OPTIONAL = 0x80;
    int TRANSITIVE = 0x40;
    int PARTIAL = 0x20;
    int EXTENDED_LENGTH = 0x10;

    int ORIGIN = 1;
    int AS_PATH = 2;
    int NEXT_HOP = 3;
    int MULTI_EXIT_DISC = 4;
    int LOCAL_PREF = 5;
    int ATOMIC_AGGREGATE = 6;
    int AGGREGATOR = 7;
    int COMMUNITIES = 8;
    int ORIGINATOR_ID = 9;
    int CLUSTER_LIST = 10;
    int MP_REACH_NLRI = 14;
    int MP_UNREACH_NLRI = 15;

    /** The flags octet, as received or as built. */
    int flags();

    int typeCode();

    /** Well-known attributes: transitive, not optional (RFC 4271 §5). */
    int wellKnown = TRANSITIVE;
    int optionalTransitive = OPTIONAL | TRANSITIVE;
    int optionalNonTransitive = OPTIONAL;

    /** ORIGIN (RFC 4271 §5.1.1): 0 IGP, 1 EGP, 2 INCOMPLETE. */
    record Origin(int flags, int value) implements PathAttribute {
        public static final int IGP = 0;
        public static final int EGP = 1;
        public static final int INCOMPLETE = 2;

        public static Origin of(int value) {
            return new Origin(wellKnown, value);
        }

        public int typeCode() {
            return ORIGIN;
        }
    }

    /**
     * AS_PATH (RFC 4271 §5.1.2): segments of AS numbers, 2 or 4 octets each on the wire as the
     * session's 4-octet AS capability says (RFC 6793 §4).
     */
    record AsPath(int flags, List<AsPathSegment> segments) implements PathAttribute {
        public static final AsPath EMPTY = new AsPath(wellKnown, List.of());

        public AsPath {
            segments = List.copyOf(segments);
        }

        /** One AS_SEQUENCE of these AS numbers. */
        public static AsPath sequence(long... asns) {
            return new AsPath(wellKnown, asns.length == 0 ? List.of() : List.of(AsPathSegment.sequence(asns)));
        }

        public int typeCode() {
            return AS_PATH;
        }

        /**
         * The length that best-path selection compares (RFC 4271 §9.1.2.2 a): an AS_SET counts
         * as 1, confederation segments count 0 (RFC 5065 §5.3), as BIRD's {@code as_path_getlen}.
         */
        public int pathLength() {
            int n = 0;
            for (AsPathSegment s : segments) {
                n += switch (s.type()) {
                    case AsPathSegment.AS_SEQUENCE -> s.size();
                    case AsPathSegment.AS_SET -> 1;
                    default -> 0;
                };
            }
            return n;
        }

        /** The AS of the neighbour that sent the route: the first of a leading AS_SEQUENCE, or -1. */
        public long firstAs() {
            if (segments.isEmpty() || segments.get(0).type() != AsPathSegment.AS_SEQUENCE || segments.get(0).size() == 0) {
                return -1;
            }
            return segments.get(0).asn(0);
        }

        /** Whether any segment holds this AS (the loop check of RFC 4271 §9.1.2). */
        public boolean contains(long asn) {
            for (AsPathSegment s : segments) {
                for (int i = 0; i < s.size(); i++) {
                    if (s.asn(i) == asn) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** NEXT_HOP (RFC 4271 §5.1.3). */
    record NextHop(int flags, Ipv4Address address) implements PathAttribute {
        public static NextHop of(Ipv4Address address) {
            return new NextHop(wellKnown, address);
        }

        public int typeCode() {
            return NEXT_HOP;
        }
    }

    /** MULTI_EXIT_DISC (RFC 4271 §5.1.4), an unsigned 32-bit value. */
    record MultiExitDisc(int flags, long value) implements PathAttribute {
        public static MultiExitDisc of(long value) {
            return new MultiExitDisc(optionalNonTransitive, value);
        }

        public int typeCode() {
            return MULTI_EXIT_DISC;
        }
    }

    /** LOCAL_PREF (RFC 4271 §5.1.5), an unsigned 32-bit value; iBGP only. */
    record LocalPref(int flags, long value) implements PathAttribute {
        public static LocalPref of(long value) {
            return new LocalPref(wellKnown, value);
        }

        public int typeCode() {
            return LOCAL_PREF;
        }
    }

    /** ATOMIC_AGGREGATE (RFC 4271 §5.1.6): empty. */
    record AtomicAggregate(int flags) implements PathAttribute {
        public int typeCode() {
            return ATOMIC_AGGREGATE;
        }
    }

    /** AGGREGATOR (RFC 4271 §5.1.7): AS (2 or 4 octets as the session says) and router address. */
    record Aggregator(int flags, long asn, Ipv4Address address) implements PathAttribute {
        public int typeCode() {
            return AGGREGATOR;
        }
    }

    /** COMMUNITIES (RFC 1997): 32-bit values, AS in the high half. */
    record Communities(int flags, List<Community> communities) implements PathAttribute {
        public Communities {
            communities = List.copyOf(communities);
        }

        public int typeCode() {
            return COMMUNITIES;
        }
    }

    /** ORIGINATOR_ID (RFC 4456 §8): the router id of the route's originator in the AS. */
    record OriginatorId(int flags, Ipv4Address id) implements PathAttribute {
        public static OriginatorId of(Ipv4Address id) {
            return new OriginatorId(optionalNonTransitive, id);
        }

        public int typeCode() {
            return ORIGINATOR_ID;
        }
    }

    /** CLUSTER_LIST (RFC 4456 §8): the cluster ids the route was reflected through, last first. */
    record ClusterList(int flags, List<Ipv4Address> clusterIds) implements PathAttribute {
        public ClusterList {
            clusterIds = List.copyOf(clusterIds);
        }

        public int typeCode() {
            return CLUSTER_LIST;
        }
    }

    /**
     * MP_REACH_NLRI (RFC 4760 §3): family, next hop, a reserved octet and NLRI. The NLRI stay
     * bytes (any family); {@link BgpCodec#ipv4Nlri} reads IPv4 ones.
     */
    record MpReachNlri(int flags, AfiSafi family, byte[] nextHop, int reserved, byte[] nlri) implements PathAttribute {
        public MpReachNlri {
            nextHop = nextHop.clone();
            nlri = nlri.clone();
        }

        public int typeCode() {
            return MP_REACH_NLRI;
        }

        @Override
        public byte[] nextHop() {
            return nextHop.clone();
        }

        @Override
        public byte[] nlri() {
            return nlri.clone();
        }

        int nlriLength() {
            return nlri.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MpReachNlri m && m.flags == flags && m.family.equals(family) && m.reserved == reserved
                    && Arrays.equals(m.nextHop, nextHop) && Arrays.equals(m.nlri, nlri);
        }

        @Override
        public int hashCode() {
            return family.hashCode() * 31 + Arrays.hashCode(nlri);
        }

        @Override
        public String toString() {
            return "MpReachNlri[" + family + ", next hop " + Bytes.hex(nextHop) + ", nlri " + Bytes.hex(nlri) + "]";
        }
    }

    /** MP_UNREACH_NLRI (RFC 4760 §4): family and withdrawn NLRI; empty, it is an End-of-RIB (RFC 4724 §2). */
    record MpUnreachNlri(int flags, AfiSafi family, byte[] nlri) implements PathAttribute {
        public MpUnreachNlri {
            nlri = nlri.clone();
        }

        public int typeCode() {
            return MP_UNREACH_NLRI;
        }

        @Override
        public byte[] nlri() {
            return nlri.clone();
        }

        int nlriLength() {
            return nlri.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MpUnreachNlri m && m.flags == flags && m.family.equals(family) && Arrays.equals(m.nlri, nlri);
        }

        @Override
        public int hashCode() {
            return family.hashCode() * 31 + Arrays.hashCode(nlri);
        }

        @Override
        public String toString() {
            return "MpUnreachNlri[" + family + ", nlri " + Bytes.hex(nlri) + "]";
        }
    }

    /** An optional attribute this codec does not know, kept as bytes (RFC 4271 §5). */
    record Unknown(int flags, int typeCode, byte[] value) implements PathAttribute {
        public Unknown {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        /**
         * The attribute as passed on to other peers, or null when it must be dropped: an
         * unrecognized optional transitive attribute is passed on with the Partial bit set, an
         * unrecognized optional non-transitive one is not passed on (RFC 4271 §5).
         */
        public Unknown passedOn() {
            if ((flags & TRANSITIVE) == 0) {
                return null;
            }
            return new Unknown(flags | PARTIAL, typeCode, value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && u.flags == flags && u.typeCode == typeCode && Arrays.equals(u.value, value);
        }

        @Override
        public int hashCode() {
            return typeCode * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Unknown[flags=0x" + Integer.toHexString(flags) + ", type=" + typeCode + ", value=" + Bytes.hex(value) + "]";
        }
    }
}
