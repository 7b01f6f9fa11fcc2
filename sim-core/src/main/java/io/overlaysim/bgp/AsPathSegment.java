package io.overlaysim.bgp;

import java.util.Arrays;

/**
 * One AS_PATH segment (RFC 4271 §4.3): a type and up to 255 AS numbers (unsigned 32-bit, held
 * in an int each). Types 3 and 4 are the confederation segments of RFC 5065 §3.
 */
public record AsPathSegment(int type, int[] asns) {
    public static final int AS_SET = 1;
    public static final int AS_SEQUENCE = 2;
    public static final int AS_CONFED_SEQUENCE = 3;
    public static final int AS_CONFED_SET = 4;

    public AsPathSegment {
        if (type < AS_SET || type > AS_CONFED_SET || asns.length > 255) {
            throw new IllegalArgumentException("segment type 1..4 and at most 255 AS numbers expected");
        }
        asns = asns.clone();
    }

    public static AsPathSegment sequence(long... asns) {
        return of(AS_SEQUENCE, asns);
    }

    public static AsPathSegment set(long... asns) {
        return of(AS_SET, asns);
    }

    private static AsPathSegment of(int type, long... asns) {
        int[] a = new int[asns.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = (int) asns[i];
        }
        return new AsPathSegment(type, a);
    }

    public int size() {
        return asns.length;
    }

    /** The i-th AS number, unsigned. */
    public long asn(int i) {
        return asns[i] & 0xffff_ffffL;
    }

    @Override
    public int[] asns() {
        return asns.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AsPathSegment s && s.type == type && Arrays.equals(s.asns, asns);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(asns);
    }

    /** {@code 64512 64513} for a sequence, {@code {64512 64513}} for a set, as BIRD prints them. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type == AS_SET || type == AS_CONFED_SET ? "{" : type == AS_SEQUENCE ? "" : "(");
        for (int i = 0; i < asns.length; i++) {
            sb.append(i == 0 ? "" : " ").append(asn(i));
        }
        return sb.append(type == AS_SET || type == AS_CONFED_SET ? "}" : type == AS_SEQUENCE ? "" : ")").toString();
    }
}
