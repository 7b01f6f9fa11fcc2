package io.overlaysim.report.format;

import io.overlaysim.report.Cell;
import io.overlaysim.report.Flag;
import io.overlaysim.report.Row;
import io.overlaysim.report.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The flags and notes of one table, numbered in reading order (row by row, the row's own first,
 * then its cells left to right), for the footnotes of the human formats.
 */
final class Annotations {

    /** One footnote: a flag (with its severity) or a note, and where it belongs. */
    record Footnote(int number, int row, String column, Flag flag, String note) {
        String text() {
            return flag != null ? flag.message() : note;
        }
    }

    private final List<Footnote> all = new ArrayList<>();
    private final List<List<Integer>> rowMarks = new ArrayList<>();
    private final List<List<List<Integer>>> cellMarks = new ArrayList<>();

    Annotations(Table table) {
        for (int r = 0; r < table.rows().size(); r++) {
            Row row = table.rows().get(r);
            var marks = new ArrayList<Integer>();
            for (Flag f : row.flags()) {
                marks.add(add(r, null, f, null));
            }
            for (String n : row.notes()) {
                marks.add(add(r, null, null, n));
            }
            rowMarks.add(marks);
            var cells = new ArrayList<List<Integer>>();
            for (int c = 0; c < row.cells().size(); c++) {
                Cell cell = row.cells().get(c);
                String key = table.columns().get(c).key();
                var cm = new ArrayList<Integer>();
                for (Flag f : cell.flags()) {
                    cm.add(add(r, key, f, null));
                }
                for (String n : cell.notes()) {
                    cm.add(add(r, key, null, n));
                }
                cells.add(cm);
            }
            cellMarks.add(cells);
        }
    }

    private int add(int row, String column, Flag flag, String note) {
        int n = all.size() + 1;
        all.add(new Footnote(n, row, column, flag, note));
        return n;
    }

    List<Footnote> all() {
        return all;
    }

    /** The footnote numbers of a row as a whole. */
    List<Integer> row(int row) {
        return rowMarks.get(row);
    }

    /** The footnote numbers of one cell. */
    List<Integer> cell(int row, int column) {
        return cellMarks.get(row).get(column);
    }

    /** The most severe flag of a list, or null. */
    static Flag.Severity worst(List<Flag> flags) {
        Flag.Severity worst = null;
        for (Flag f : flags) {
            if (worst == null || f.severity().compareTo(worst) > 0) {
                worst = f.severity();
            }
        }
        return worst;
    }

    /** The symbol shown next to a flagged value. */
    static String symbol(Flag.Severity severity) {
        return switch (severity) {
            // text symbols present in common fonts (DejaVu, Segoe UI Symbol), not emoji: a
            // headless browser or a terminal without an emoji font would show an empty box
            case INFO -> "\u2139";
            case WARNING -> "\u26a0";
            case ERROR -> "\u2716";
        };
    }
}
