package io.overlaysim.report.format;

import io.overlaysim.report.Column;
import io.overlaysim.report.Flag;
import io.overlaysim.report.Report;
import io.overlaysim.report.Row;
import io.overlaysim.report.Section;
import io.overlaysim.report.Table;
import io.overlaysim.report.chart.Chart;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes a report as GitHub-flavoured Markdown, for a pull request comment or a README: one
 * table per section (numbers right-aligned, values in human form), flags shown as a symbol in
 * the cell with a numbered footnote under the table, and optionally each chart as an image
 * link to its PNG ({@code ID.png}, relative).
 */
public final class MarkdownWriter {

    private MarkdownWriter() {}

    /** Writes the report; with {@code chartImages}, links each chart's PNG under its table. */
    public static void write(Report report, Appendable out, boolean chartImages) throws IOException {
        out.append("# ").append(inline(report.title())).append("\n\n");
        if (!report.metadata().isEmpty()) {
            for (Map.Entry<String, String> e : report.metadata().entrySet()) {
                out.append("- **").append(inline(e.getKey())).append(":** ").append(inline(e.getValue()))
                        .append('\n');
            }
            out.append('\n');
        }
        for (Section s : report.sections()) {
            section(s, out, chartImages);
        }
    }

    /** The report as a Markdown string. */
    public static String toString(Report report, boolean chartImages) {
        var sb = new StringBuilder();
        try {
            write(report, sb, chartImages);
        } catch (IOException e) {
            throw new AssertionError("StringBuilder does not throw", e);
        }
        return sb.toString();
    }

    private static void section(Section s, Appendable out, boolean chartImages) throws IOException {
        out.append("## ").append(inline(s.title())).append("\n\n");
        if (!s.description().isEmpty()) {
            out.append(inline(s.description())).append("\n\n");
        }
        Table t = s.table();
        var notes = new Annotations(t);
        out.append('|');
        for (Column c : t.columns()) {
            out.append(' ').append(inline(c.label())).append(" |");
        }
        out.append("\n|");
        for (Column c : t.columns()) {
            out.append(c.type().numeric() ? " ---: |" : " :--- |");
        }
        out.append('\n');
        for (int r = 0; r < t.rows().size(); r++) {
            Row row = t.rows().get(r);
            out.append('|');
            for (int c = 0; c < t.columns().size(); c++) {
                var cell = row.cells().get(c);
                var text = new StringBuilder();
                Flag.Severity worst = Annotations.worst(c == 0 ? concat(row.flags(), cell.flags()) : cell.flags());
                if (worst != null) {
                    text.append(Annotations.symbol(worst)).append(' ');
                }
                String value = inline(ValueFormat.human(t.columns().get(c).type(), cell.value()));
                text.append(worst == Flag.Severity.WARNING || worst == Flag.Severity.ERROR
                        ? "**" + value + "**" : value);
                List<Integer> marks = c == 0 ? concat(notes.row(r), notes.cell(r, c)) : notes.cell(r, c);
                if (!marks.isEmpty()) {
                    text.append("<sup>");
                    for (int i = 0; i < marks.size(); i++) {
                        text.append(i == 0 ? "" : ",").append(marks.get(i));
                    }
                    text.append("</sup>");
                }
                out.append(' ').append(text).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
        for (Annotations.Footnote f : notes.all()) {
            out.append(Integer.toString(f.number())).append(". ");
            if (f.flag() != null) {
                out.append(Annotations.symbol(f.flag().severity())).append(" `").append(f.flag().code())
                        .append("` ");
            }
            out.append("(row ").append(Integer.toString(f.row() + 1));
            if (f.column() != null) {
                out.append(", ").append(inline(label(t, f.column())));
            }
            out.append("): ").append(inline(f.text())).append('\n');
        }
        if (!notes.all().isEmpty()) {
            out.append('\n');
        }
        for (String n : s.notes()) {
            out.append("> ").append(inline(n)).append('\n');
        }
        if (!s.notes().isEmpty()) {
            out.append('\n');
        }
        if (chartImages) {
            for (Chart c : s.charts()) {
                out.append("![").append(inline(c.title())).append("](").append(c.id()).append(".png)\n\n");
            }
        }
    }

    private static String label(Table t, String key) {
        return t.columns().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow().label();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        if (a.isEmpty()) {
            return b;
        }
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /**
     * Text made safe for one line of a table cell: CommonMark punctuation that could start markup
     * is backslash-escaped, a pipe cannot end the cell, line breaks become {@code <br>}.
     */
    static String inline(String s) {
        var sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '#', '!' -> sb.append('\\').append(ch);
                case '&' -> sb.append("&amp;");
                case '\r' -> { }
                case '\n' -> sb.append("<br>");
                default -> sb.append(ch < 0x20 ? ' ' : ch);
            }
        }
        return sb.toString();
    }
}
