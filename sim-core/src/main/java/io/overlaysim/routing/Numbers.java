package io.overlaysim.routing;

/** Number parsing as iproute2's {@code get_unsigned} does it (decimal, 0x hex, 0 octal). */
public final class Numbers {
    private Numbers() {
    }

    /** The value of {@code s}, or null when it is not a number in 0..max. */
    public static Integer parseUnsigned(String s, long max) {
        Long v = parseLong(s);
        return v == null || v > max ? null : (int) (long) v;
    }

    /** An unsigned 32-bit value as a long, or null. */
    public static Long parseLong(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        int radix = 10;
        String d = s;
        if (s.startsWith("0x") || s.startsWith("0X")) {
            radix = 16;
            d = s.substring(2);
        } else if (s.length() > 1 && s.charAt(0) == '0') {
            radix = 8;
            d = s.substring(1);
        }
        if (d.isEmpty() || d.length() > 11) {
            return null;
        }
        long v = 0;
        for (int i = 0; i < d.length(); i++) {
            int digit = Character.digit(d.charAt(i), radix);
            if (digit < 0) {
                return null;
            }
            v = v * radix + digit;
        }
        return v > 0xffffffffL ? null : v;
    }
}
