package io.overlaysim.report;

import java.util.Arrays;
import java.util.List;

/** One row of a table: its cells in column order, plus flags and notes about the whole row. */
public record Row(List<Cell> cells, List<Flag> flags, List<String> notes) {

    public Row {
        cells = List.copyOf(cells);
        flags = List.copyOf(flags);
        notes = List.copyOf(notes);
    }

    /**
     * A row from cells or plain values (String, whole and real numbers, null for missing,
     * {@link Value}, {@link Cell}).
     */
    public static Row of(Object... values) {
        return new Row(Arrays.stream(values).map(Cell::of).toList(), List.of(), List.of());
    }

    /** This row with one more flag. */
    public Row flag(Flag flag) {
        return new Row(cells, Cell.append(flags, flag), notes);
    }

    /** This row with one more note. */
    public Row note(String note) {
        return new Row(cells, flags, Cell.append(notes, note));
    }

    /** Whether the row or any of its cells carries a flag. */
    public boolean flagged() {
        return !flags.isEmpty() || cells.stream().anyMatch(c -> !c.flags().isEmpty());
    }
}
