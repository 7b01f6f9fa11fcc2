package io.overlaysim.report;

import java.util.Objects;

/** A cell's value: text, a whole number, a finite real number, or missing. */
public sealed interface Value {

    /** Text. */
    record Text(String text) implements Value {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A whole number (counts, bytes, nanoseconds). */
    record Whole(long value) implements Value {}

    /** A finite real number. */
    record Real(double value) implements Value {
        public Real {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a report value must be finite, got " + value);
            }
        }
    }

    /** No value (written as an empty CSV field, JSON null, and an en dash for people). */
    record Missing() implements Value {}

    /** The one missing value. */
    Value MISSING = new Missing();

    /**
     * The value for a plain Java object: String, Integer/Long/Short/Byte, Double/Float, null
     * (missing), or a Value itself.
     */
    static Value of(Object o) {
        return switch (o) {
            case null -> MISSING;
            case Value v -> v;
            case String s -> new Text(s);
            case Long l -> new Whole(l);
            case java.lang.Integer i -> new Whole(i);
            case Short s -> new Whole(s);
            case Byte b -> new Whole(b);
            case Double d -> new Real(d);
            case Float f -> new Real(f);
            default -> throw new IllegalArgumentException(
                    "a report value must be a String, a whole or a real number, got "
                            + o.getClass().getSimpleName());
        };
    }
}
