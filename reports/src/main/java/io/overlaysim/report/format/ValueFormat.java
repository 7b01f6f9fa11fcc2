package io.overlaysim.report.format;

import io.overlaysim.report.ColumnType;
import io.overlaysim.report.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Turns cell values into text, for machines (CSV, JSON) and for people (Markdown, HTML).
 *
 * <p>Never uses the default locale: decimal points are dots, there is no digit grouping, and a
 * rounded negative zero is written {@code 0.00}. Reals are rounded half up from their shortest
 * decimal representation ({@link BigDecimal#valueOf(double)}), so {@code 0.125} with two digits
 * is {@code 0.13} on every machine.
 */
public final class ValueFormat {

    private static final long KIB = 1024;
    private static final long MIB = KIB * 1024;
    private static final long GIB = MIB * 1024;

    private ValueFormat() {}

    /**
     * The machine form of a value as a decimal number or text, or null when missing; see
     * {@link ColumnType} for each type's form.
     */
    public static String machine(ColumnType type, Value value) {
        return switch (value) {
            case Value.Missing m -> null;
            case Value.Text t -> t.text();
            case Value.Whole w -> switch (type) {
                case ColumnType.Decimal d -> fixed(BigDecimal.valueOf(w.value()), d.digits());
                case ColumnType.Percent p -> fixed(BigDecimal.valueOf(w.value()).movePointRight(2), p.digits());
                default -> Long.toString(w.value());
            };
            case Value.Real r -> switch (type) {
                case ColumnType.Decimal d -> fixed(BigDecimal.valueOf(r.value()), d.digits());
                case ColumnType.Percent p -> fixed(BigDecimal.valueOf(r.value()).movePointRight(2), p.digits());
                default -> throw new IllegalArgumentException("a real value in a " + type.jsonName() + " column");
            };
        };
    }

    /** The form people read: with units and scaled, an en dash when missing. */
    public static String human(ColumnType type, Value value) {
        if (value instanceof Value.Missing) {
            return "\u2013";
        }
        String machine = machine(type, value);
        return switch (type) {
            case ColumnType.Percent p -> machine + " %";
            case ColumnType.Bytes b -> bytes(((Value.Whole) value).value());
            case ColumnType.Duration d -> duration(((Value.Whole) value).value());
            default -> machine;
        };
    }

    /** {@code 1480 B} below 1 MiB, else binary multiples with two digits ({@code 3.50 MiB}). */
    public static String bytes(long n) {
        long abs = Math.abs(n);
        if (abs < MIB) {
            return n + " B";
        }
        if (abs < GIB) {
            return fixed(BigDecimal.valueOf(n).divide(BigDecimal.valueOf(MIB)), 2) + " MiB";
        }
        return fixed(BigDecimal.valueOf(n).divide(BigDecimal.valueOf(GIB)), 2) + " GiB";
    }

    /** Nanoseconds in the largest unit that keeps the value at least 1: {@code 1.250 ms}. */
    public static String duration(long nanos) {
        long abs = Math.abs(nanos);
        if (abs < 1_000) {
            return nanos + " ns";
        }
        if (abs < 1_000_000) {
            return fixed(BigDecimal.valueOf(nanos, 3), 3) + " \u00b5s";
        }
        if (abs < 1_000_000_000) {
            return fixed(BigDecimal.valueOf(nanos, 6), 3) + " ms";
        }
        return fixed(BigDecimal.valueOf(nanos, 9), 3) + " s";
    }

    /** A number with exactly {@code digits} fraction digits, rounded half up, no exponent. */
    public static String fixed(BigDecimal value, int digits) {
        BigDecimal rounded = value.setScale(digits, RoundingMode.HALF_UP);
        if (rounded.signum() == 0) {
            rounded = rounded.abs(); // -0.001 rounds to 0.00, never to -0.00
        }
        return rounded.toPlainString();
    }
}
