package io.overlaysim.scenario;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Parsers for the unit-bearing values of scenario files: durations ({@code 10s}, {@code 250ms},
 * {@code 1.5s}, {@code 2m}), rates ({@code 10Gbit}, {@code 1Gbps}, {@code 100Mbit}) and
 * percentages ({@code 0.1}, {@code "1%"}). Each throws {@link IllegalArgumentException} with
 * "expected ..., found ..." on text it does not accept.
 */
public final class Units {
    private Units() {
    }

    /** Parses a duration: a decimal number and ns, us, µs, ms, s, m or h; "0" alone is zero. */
    public static Duration duration(String text) {
        String t = text.strip();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        int unitAt = unitStart(t);
        long nanosPerUnit = switch (t.substring(unitAt)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw bad("a duration such as 10s, 250ms, 1.5s or 2m", text);
        };
        BigDecimal n = number(t.substring(0, unitAt), "a duration such as 10s, 250ms, 1.5s or 2m", text);
        BigDecimal nanos = n.multiply(BigDecimal.valueOf(nanosPerUnit));
        if (nanos.stripTrailingZeros().scale() > 0) {
            throw bad("a duration that is a whole number of nanoseconds", text);
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    /**
     * Parses a rate in bits per second: a decimal number, an optional k, M, G or T prefix
     * (powers of 1000) and {@code bit} or {@code bps} (bits, as networking specs write it,
     * unlike tc where bps means bytes).
     */
    public static Bandwidth bandwidth(String text) {
        String t = text.strip();
        String expected = "a bandwidth such as 10Gbit, 1Gbps or 100Mbit";
        String rest;
        if (t.endsWith("bit")) {
            rest = t.substring(0, t.length() - 3);
        } else if (t.endsWith("bps")) {
            rest = t.substring(0, t.length() - 3);
        } else {
            throw bad(expected, text);
        }
        long multiplier = 1;
        if (!rest.isEmpty()) {
            multiplier = switch (rest.charAt(rest.length() - 1)) {
                case 'k', 'K' -> 1_000L;
                case 'M' -> 1_000_000L;
                case 'G' -> 1_000_000_000L;
                case 'T' -> 1_000_000_000_000L;
                default -> 1L;
            };
            if (multiplier != 1) {
                rest = rest.substring(0, rest.length() - 1);
            }
        }
        BigDecimal bits = number(rest, expected, text).multiply(BigDecimal.valueOf(multiplier));
        if (bits.signum() <= 0) {
            throw bad("a bandwidth above zero", text);
        }
        return new Bandwidth(bits.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
    }

    /** Parses a percentage 0..100, written bare or with a trailing {@code %}. */
    public static double percent(String text) {
        String t = text.strip();
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1);
        }
        BigDecimal p = number(t, "a percentage 0..100", text);
        if (p.signum() < 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw bad("a percentage 0..100", text);
        }
        return p.doubleValue();
    }

    private static int unitStart(String t) {
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    private static BigDecimal number(String digits, String expected, String text) {
        if (digits.isEmpty() || !digits.matches("[0-9]+(\\.[0-9]+)?")) {
            throw bad(expected, text);
        }
        return new BigDecimal(digits);
    }

    private static IllegalArgumentException bad(String expected, String text) {
        return new IllegalArgumentException("expected " + expected + ", found \"" + text + "\"");
    }
}
