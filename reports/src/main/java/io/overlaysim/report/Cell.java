package io.overlaysim.report;

import java.util.List;
import java.util.Objects;

/**
 * One cell of a table: a value, plus the flags and notes that belong to that value alone.
 *
 * <pre>{@code
 * Cell.of(1440).flag(Flag.disagreesWithTheory("theory says 1450")).note("measured with DF set")
 * }</pre>
 */
public record Cell(Value value, List<Flag> flags, List<String> notes) {

    public Cell {
        Objects.requireNonNull(value, "value");
        flags = List.copyOf(flags);
        notes = List.copyOf(notes);
    }

    /** A cell without flags or notes, from a value or a plain Java object (see {@link Value#of}). */
    public static Cell of(Object value) {
        if (value instanceof Cell c) {
            return c;
        }
        return new Cell(Value.of(value), List.of(), List.of());
    }

    /** This cell with one more flag. */
    public Cell flag(Flag flag) {
        return new Cell(value, append(flags, flag), notes);
    }

    /** This cell with one more note. */
    public Cell note(String note) {
        return new Cell(value, flags, append(notes, note));
    }

    static <T> List<T> append(List<T> list, T item) {
        Objects.requireNonNull(item);
        var copy = new java.util.ArrayList<T>(list.size() + 1);
        copy.addAll(list);
        copy.add(item);
        return List.copyOf(copy);
    }
}
