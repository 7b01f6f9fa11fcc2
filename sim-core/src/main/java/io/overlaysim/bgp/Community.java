package io.overlaysim.bgp;

/** A BGP community (RFC 1997): 32 bits, by convention an AS in the high 16 and a value in the low 16. */
public record Community(int value) {
    public static final Community NO_EXPORT = new Community(0xFFFFFF01);
    public static final Community NO_ADVERTISE = new Community(0xFFFFFF02);
    public static final Community NO_EXPORT_SUBCONFED = new Community(0xFFFFFF03);

    public static Community of(int asn, int local) {
        return new Community((asn << 16) | (local & 0xffff));
    }

    public int asn() {
        return value >>> 16;
    }

    public int local() {
        return value & 0xffff;
    }

    /** {@code (64512,100)}, as BIRD prints it. */
    @Override
    public String toString() {
        return "(" + asn() + "," + local() + ")";
    }
}
