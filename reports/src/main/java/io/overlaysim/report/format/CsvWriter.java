package io.overlaysim.report.format;

import io.overlaysim.report.Cell;
import io.overlaysim.report.Column;
import io.overlaysim.report.Flag;
import io.overlaysim.report.Row;
import io.overlaysim.report.Table;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a table as CSV per RFC 4180: CRLF line ends, a header line of column keys, fields quoted
 * when they hold a comma, a quote, CR or LF, quotes doubled.
 *
 * <p>Values are in machine form (see {@link io.overlaysim.report.ColumnType}); a missing value is
 * an empty field. A last column {@code flags} lists the row's flags and its cells' flags as
 * {@code code} or {@code column:code}, separated by {@code ;}, so that a script can find every
 * disagreement without parsing messages.
 */
public final class CsvWriter {

    /** The header of the last column. */
    public static final String FLAGS_COLUMN = "flags";

    private CsvWriter() {}

    /** Writes the table to {@code out}. */
    public static void write(Table table, Appendable out) throws IOException {
        var header = new ArrayList<String>();
        for (Column c : table.columns()) {
            header.add(c.key());
        }
        header.add(FLAGS_COLUMN);
        line(header, out);
        for (Row row : table.rows()) {
            var fields = new ArrayList<String>(header.size());
            for (int i = 0; i < table.columns().size(); i++) {
                String v = ValueFormat.machine(table.columns().get(i).type(), row.cells().get(i).value());
                fields.add(v == null ? "" : v);
            }
            fields.add(flags(table, row));
            line(fields, out);
        }
    }

    /** The table as a CSV string. */
    public static String toString(Table table) {
        var sb = new StringBuilder();
        try {
            write(table, sb);
        } catch (IOException e) {
            throw new AssertionError("StringBuilder does not throw", e);
        }
        return sb.toString();
    }

    private static String flags(Table table, Row row) {
        List<String> codes = new ArrayList<>();
        for (Flag f : row.flags()) {
            codes.add(f.code());
        }
        for (int i = 0; i < row.cells().size(); i++) {
            Cell cell = row.cells().get(i);
            for (Flag f : cell.flags()) {
                codes.add(table.columns().get(i).key() + ":" + f.code());
            }
        }
        return String.join(";", codes);
    }

    private static void line(List<String> fields, Appendable out) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(fields.get(i)));
        }
        out.append("\r\n");
    }

    /** A field, quoted when RFC 4180 section 2 (rules 5 to 7) requires it. */
    static String quote(String field) {
        boolean needs = field.indexOf(',') >= 0 || field.indexOf('"') >= 0
                || field.indexOf('\r') >= 0 || field.indexOf('\n') >= 0;
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
