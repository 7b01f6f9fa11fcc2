package io.overlaysim.net;

/**
 * A 48-bit MAC address in the low bits of a {@code long}; prints as iproute2 does,
 * lowercase and colon-separated ({@code ee:ee:ee:ee:ee:ee}).
 */
public record MacAddress(long bits) implements Comparable<MacAddress> {
    public static final MacAddress ZERO = new MacAddress(0L);
    public static final MacAddress BROADCAST = new MacAddress(0xffff_ffff_ffffL);
    private static final String EXPECTED = "a MAC address (xx:xx:xx:xx:xx:xx)";

    public MacAddress {
        if ((bits & ~0xffff_ffff_ffffL) != 0) {
            throw new IllegalArgumentException("MAC address wider than 48 bits: " + Long.toHexString(bits));
        }
    }

    public static MacAddress parse(CharSequence text) {
        String s = text.toString();
        if (s.length() != 17) {
            throw new AddressFormatException(s, EXPECTED);
        }
        long v = 0;
        for (int i = 0; i < 17; i++) {
            char c = s.charAt(i);
            if (i % 3 == 2) {
                if (c != ':' && c != '-') {
                    throw new AddressFormatException(s, EXPECTED);
                }
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0) {
                throw new AddressFormatException(s, EXPECTED);
            }
            v = (v << 4) | d;
        }
        return new MacAddress(v);
    }

    /** Reads six bytes at {@code offset}. */
    public static MacAddress read(byte[] b, int offset) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (b[offset + i] & 0xff);
        }
        return new MacAddress(v);
    }

    /** Writes six bytes at {@code offset}. */
    public void write(byte[] b, int offset) {
        for (int i = 5; i >= 0; i--) {
            b[offset + i] = (byte) (bits >>> (8 * (5 - i)));
        }
    }

    public boolean isBroadcast() {
        return bits == 0xffff_ffff_ffffL;
    }

    /** The group bit: the least significant bit of the first octet. */
    public boolean isMulticast() {
        return ((bits >>> 40) & 1) != 0;
    }

    public boolean isZero() {
        return bits == 0;
    }

    @Override
    public int compareTo(MacAddress o) {
        return Long.compare(bits, o.bits);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            int octet = (int) (bits >>> (8 * i)) & 0xff;
            sb.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0xf, 16));
            if (i > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
