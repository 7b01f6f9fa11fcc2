package io.overlaysim.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * A table of typed columns and rows; every row has one cell per column whose value fits the
 * column's type.
 *
 * <pre>{@code
 * Table t = Table.builder()
 *         .column(Column.text("encap", "Encapsulation"))
 *         .column(Column.bytes("inner_mtu", "Inner MTU"))
 *         .row("vxlan", 1450)
 *         .build();
 * }</pre>
 */
public record Table(List<Column> columns, List<Row> rows) {

    public Table {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        var keys = new HashSet<String>();
        for (Column c : columns) {
            if (!keys.add(c.key())) {
                throw new IllegalArgumentException("column key '" + c.key() + "' appears twice");
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            if (row.cells().size() != columns.size()) {
                throw new IllegalArgumentException("row " + (r + 1) + ": expected " + columns.size()
                        + " cells (" + String.join(", ", keys(columns)) + "), got " + row.cells().size());
            }
            for (int c = 0; c < columns.size(); c++) {
                Column column = columns.get(c);
                Value v = row.cells().get(c).value();
                if (!column.type().accepts(v)) {
                    throw new IllegalArgumentException("row " + (r + 1) + ", column '" + column.key()
                            + "': " + article(column.type().jsonName()) + " column cannot hold "
                            + v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + v);
                }
            }
        }
    }

    private static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    private static List<String> keys(List<Column> columns) {
        return columns.stream().map(Column::key).toList();
    }

    /** A builder that adds columns, then rows. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Table}. */
    public static final class Builder {
        private final List<Column> columns = new ArrayList<>();
        private final List<Row> rows = new ArrayList<>();

        public Builder column(Column column) {
            columns.add(column);
            return this;
        }

        /** Adds a row of plain values or cells, one per column (see {@link Row#of}). */
        public Builder row(Object... values) {
            rows.add(Row.of(values));
            return this;
        }

        public Builder row(Row row) {
            rows.add(row);
            return this;
        }

        public Table build() {
            return new Table(columns, rows);
        }
    }
}
