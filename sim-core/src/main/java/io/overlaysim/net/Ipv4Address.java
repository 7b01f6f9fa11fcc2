package io.overlaysim.net;

/**
 * An IPv4 address backed by one {@code int} in network byte order (the first octet in the
 * most significant byte). Parses and prints dotted quads as iproute2 does.
 *
 * <pre>{@code
 * Ipv4Address a = Ipv4Address.parse("192.168.0.176");
 * a.bits();      // 0xC0A800B0
 * a.toString();  // "192.168.0.176"
 * }</pre>
 */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {
    public static final Ipv4Address ANY = new Ipv4Address(0);
    public static final Ipv4Address BROADCAST = new Ipv4Address(-1);
    private static final String EXPECTED = "an IPv4 address (a.b.c.d)";

    /** Parses a dotted quad; each part is a decimal number 0..255. */
    public static Ipv4Address parse(CharSequence text) {
        return new Ipv4Address(parseBits(text));
    }

    /**
     * Parses a dotted quad into its int value.
     *
     * @throws AddressFormatException naming the text when it is not a dotted quad
     */
    public static int parseBits(CharSequence text) {
        int len = text.length();
        int value = 0;
        int part = 0;
        int digits = 0;
        int dots = 0;
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                part = part * 10 + (c - '0');
                digits++;
                if (digits > 3 || part > 255) {
                    throw new AddressFormatException(text.toString(), EXPECTED);
                }
            } else if (c == '.' && digits > 0 && dots < 3) {
                value = (value << 8) | part;
                part = 0;
                digits = 0;
                dots++;
            } else {
                throw new AddressFormatException(text.toString(), EXPECTED);
            }
        }
        if (dots != 3 || digits == 0) {
            throw new AddressFormatException(text.toString(), EXPECTED);
        }
        return (value << 8) | part;
    }

    /** Whether {@code text} is a dotted-quad IPv4 address. */
    public static boolean isValid(CharSequence text) {
        try {
            parseBits(text);
            return true;
        } catch (AddressFormatException e) {
            return false;
        }
    }

    public static Ipv4Address of(int a, int b, int c, int d) {
        for (int octet : new int[] {a, b, c, d}) {
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("octet out of range 0..255: " + octet);
            }
        }
        return new Ipv4Address((a << 24) | (b << 16) | (c << 8) | d);
    }

    /** The octet at {@code index} 0..3, 0 being the first printed. */
    public int octet(int index) {
        return (bits >>> (24 - 8 * index)) & 0xff;
    }

    public boolean isLoopback() {
        return (bits >>> 24) == 127;
    }

    public boolean isMulticast() {
        return (bits >>> 28) == 0xe;
    }

    public boolean isLimitedBroadcast() {
        return bits == -1;
    }

    public boolean isAny() {
        return bits == 0;
    }

    /** Formats {@code bits} as a dotted quad. */
    public static String format(int bits) {
        return ((bits >>> 24) & 0xff) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }

    @Override
    public int compareTo(Ipv4Address o) {
        return Integer.compareUnsigned(bits, o.bits);
    }

    @Override
    public String toString() {
        return format(bits);
    }
}
