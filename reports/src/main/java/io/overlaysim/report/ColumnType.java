package io.overlaysim.report;

/**
 * The type of a report column: what its values are and how each output format writes them.
 *
 * <p>Machine formats (CSV, JSON) write exact, locale-independent values; human formats
 * (Markdown, HTML) add units and scale. The value a cell must hold and the two forms:
 *
 * <table>
 *   <caption>column types</caption>
 *   <tr><th>type</th><th>cell value</th><th>CSV / JSON</th><th>Markdown / HTML</th></tr>
 *   <tr><td>text</td><td>{@link Value.Text}</td><td>as is</td><td>as is</td></tr>
 *   <tr><td>integer</td><td>{@link Value.Whole}</td><td>{@code 1480}</td><td>{@code 1480}</td></tr>
 *   <tr><td>decimal(2)</td><td>{@link Value.Real}</td><td>{@code 0.94}</td><td>{@code 0.94}</td></tr>
 *   <tr><td>bytes</td><td>{@link Value.Whole} (bytes)</td><td>{@code 1480}</td>
 *       <td>{@code 1480 B}, {@code 3.50 MiB} from 1 MiB on</td></tr>
 *   <tr><td>percent(2)</td><td>{@link Value.Real} (a ratio, 0.9392)</td><td>{@code 93.92}</td>
 *       <td>{@code 93.92 %}</td></tr>
 *   <tr><td>duration</td><td>{@link Value.Whole} (nanoseconds, the engine's clock)</td>
 *       <td>{@code 1250000}</td><td>{@code 1.250 ms}</td></tr>
 * </table>
 */
public sealed interface ColumnType {

    /** Free text. */
    record Text() implements ColumnType {}

    /** A whole number without unit (a count, an MTU given as a plain number). */
    record Integer() implements ColumnType {}

    /** A decimal number written with a fixed number of fraction digits (rounded half up). */
    record Decimal(int digits) implements ColumnType {
        public Decimal {
            requireDigits(digits);
        }
    }

    /** A size in bytes. */
    record Bytes() implements ColumnType {}

    /** A ratio shown as a percentage with a fixed number of fraction digits. */
    record Percent(int digits) implements ColumnType {
        public Percent {
            requireDigits(digits);
        }
    }

    /** A duration in nanoseconds. */
    record Duration() implements ColumnType {}

    /** The name of this type in JSON column descriptors. */
    default String jsonName() {
        return switch (this) {
            case Text t -> "text";
            case Integer i -> "integer";
            case Decimal d -> "decimal";
            case Bytes b -> "bytes";
            case Percent p -> "percent";
            case Duration d -> "duration";
        };
    }

    /** The unit of the machine form (CSV, JSON), or null when the value has none. */
    default String machineUnit() {
        return switch (this) {
            case Bytes b -> "bytes";
            case Percent p -> "percent";
            case Duration d -> "ns";
            case Text t -> null;
            case Integer i -> null;
            case Decimal d -> null;
        };
    }

    /** Whether values of this type are numbers (right-aligned in tables). */
    default boolean numeric() {
        return !(this instanceof Text);
    }

    /** Whether a value may be stored in a column of this type. */
    default boolean accepts(Value value) {
        return switch (value) {
            case Value.Missing m -> true;
            case Value.Text t -> this instanceof Text;
            case Value.Whole w -> this instanceof Integer || this instanceof Bytes
                    || this instanceof Duration || this instanceof Decimal || this instanceof Percent;
            case Value.Real r -> this instanceof Decimal || this instanceof Percent;
        };
    }

    static ColumnType text() {
        return new Text();
    }

    static ColumnType integer() {
        return new Integer();
    }

    static ColumnType decimal(int digits) {
        return new Decimal(digits);
    }

    static ColumnType bytes() {
        return new Bytes();
    }

    static ColumnType percent(int digits) {
        return new Percent(digits);
    }

    static ColumnType duration() {
        return new Duration();
    }

    private static void requireDigits(int digits) {
        if (digits < 0 || digits > 12) {
            throw new IllegalArgumentException("digits: expected 0..12, got " + digits);
        }
    }
}
