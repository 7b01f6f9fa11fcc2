package io.overlaysim.mtu;

import io.overlaysim.report.Cell;
import io.overlaysim.report.Column;
import io.overlaysim.report.Row;
import io.overlaysim.report.Section;
import io.overlaysim.report.Table;
import io.overlaysim.report.format.ValueFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * A report section as a plain text table for the terminal: values in their human form, numbers
 * right-aligned, a {@code !} after a flagged value and the flags' messages listed below.
 */
final class TextTable {

    private TextTable() {}

    static String render(Section s, List<String> keys) {
        Table t = s.table();
        List<Integer> cols = new ArrayList<>();
        for (String k : keys) {
            for (int i = 0; i < t.columns().size(); i++) {
                if (t.columns().get(i).key().equals(k)) {
                    cols.add(i);
                }
            }
        }
        List<String[]> lines = new ArrayList<>();
        String[] head = new String[cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            head[j] = t.columns().get(cols.get(j)).label();
        }
        lines.add(head);
        List<String> flags = new ArrayList<>();
        for (Row row : t.rows()) {
            String[] l = new String[cols.size()];
            for (int j = 0; j < cols.size(); j++) {
                Column col = t.columns().get(cols.get(j));
                Cell c = row.cells().get(cols.get(j));
                l[j] = ValueFormat.human(col.type(), c.value()) + (c.flags().isEmpty() ? "" : " !");
                c.flags().forEach(f -> flags.add(f.code() + ": " + f.message()));
            }
            lines.add(l);
        }
        int[] w = new int[cols.size()];
        for (String[] l : lines) {
            for (int j = 0; j < l.length; j++) {
                w[j] = Math.max(w[j], l[j].length());
            }
        }
        StringBuilder sb = new StringBuilder(s.title()).append('\n');
        for (String[] l : lines) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < l.length; j++) {
                boolean right = t.columns().get(cols.get(j)).type().numeric() && l != lines.get(0);
                line.append(j == 0 ? "" : "  ").append(right ? pad(l[j], w[j], true) : pad(l[j], w[j], false));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        flags.stream().distinct().forEach(f -> sb.append("  ! ").append(f).append('\n'));
        s.notes().forEach(n -> sb.append("  ").append(n).append('\n'));
        return sb.toString();
    }

    private static String pad(String s, int w, boolean right) {
        String fill = " ".repeat(Math.max(0, w - s.length()));
        return right ? fill + s : s + fill;
    }
}
