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
import java.util.function.Function;

/**
 * Writes a report as one self-contained HTML page: inline CSS, charts as inline SVG, no script
 * and no external resource, so that it opens offline from a mail attachment or a CI artifact.
 *
 * <p>Flagged cells are coloured by severity, carry a symbol, a tooltip and a footnote number;
 * footnotes are listed under each table. Each chart's figure links to its PNG ({@code ID.png},
 * written beside the page by {@link ReportFiles}).
 */
public final class HtmlWriter {

    private static final String CSS = """
            :root { color-scheme: light; }
            body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
                   margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #1f2328; line-height: 1.45; }
            h1 { font-size: 1.8rem; border-bottom: 2px solid #d0d7de; padding-bottom: .3rem; }
            h2 { font-size: 1.35rem; margin-top: 2.2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
            dl.meta { display: grid; grid-template-columns: max-content auto; gap: .15rem 1rem; margin: 1rem 0; }
            dl.meta dt { font-weight: 600; color: #57606a; }
            dl.meta dd { margin: 0; }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; margin: .8rem 0; font-size: .92rem; }
            th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; }
            th { background: #f6f8fa; text-align: left; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            tbody tr:nth-child(even) td { background: #fafbfc; }
            tr.flag-warning td { background: #fff8e1; }
            tr.flag-error td { background: #ffebe9; }
            td.flag-info { background: #ddf4ff !important; }
            td.flag-warning { background: #fff1c2 !important; outline: 2px solid #d4a72c; outline-offset: -2px; font-weight: 600; }
            td.flag-error { background: #ffcecb !important; outline: 2px solid #cf222e; outline-offset: -2px; font-weight: 600; }
            sup { color: #57606a; font-weight: normal; }
            ol.footnotes { font-size: .9rem; color: #393f46; }
            ol.footnotes code { background: #f6f8fa; padding: 0 .3rem; border-radius: 4px; }
            .sev-warning { color: #9a6700; } .sev-error { color: #cf222e; } .sev-info { color: #0969da; }
            blockquote { margin: .6rem 0; padding: .2rem .8rem; border-left: 4px solid #d0d7de; color: #57606a; }
            figure { margin: 1.2rem 0; }
            figure svg { width: 100%; max-width: 800px; height: auto; display: block; border: 1px solid #eaeef2; }
            figcaption { font-size: .85rem; color: #57606a; }
            """;

    private HtmlWriter() {}

    /**
     * Writes the page.
     *
     * @param svg the SVG document of a chart (as {@link io.overlaysim.report.chart.ChartRenderer#svg}
     *            returns it), inlined into the page
     */
    public static void write(Report report, Appendable out, Function<Chart, String> svg) throws IOException {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(report.title())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        out.append("<h1>").append(esc(report.title())).append("</h1>\n");
        if (!report.metadata().isEmpty()) {
            out.append("<dl class=\"meta\">\n");
            for (Map.Entry<String, String> e : report.metadata().entrySet()) {
                out.append("<dt>").append(esc(e.getKey())).append("</dt><dd>").append(esc(e.getValue()))
                        .append("</dd>\n");
            }
            out.append("</dl>\n");
        }
        for (Section s : report.sections()) {
            section(s, out, svg);
        }
        out.append("</body>\n</html>\n");
    }

    private static void section(Section s, Appendable out, Function<Chart, String> svg) throws IOException {
        out.append("<section id=\"").append(s.id()).append("\">\n<h2>").append(esc(s.title())).append("</h2>\n");
        if (!s.description().isEmpty()) {
            out.append("<p>").append(esc(s.description())).append("</p>\n");
        }
        Table t = s.table();
        var notes = new Annotations(t);
        out.append("<div class=\"scroll\"><table>\n<thead><tr>");
        for (Column c : t.columns()) {
            out.append(c.type().numeric() ? "<th class=\"num\">" : "<th>").append(esc(c.label())).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < t.rows().size(); r++) {
            Row row = t.rows().get(r);
            Flag.Severity rowWorst = Annotations.worst(row.flags());
            out.append(rowWorst == null ? "<tr>" : "<tr class=\"flag-" + rowWorst.id() + "\" title=\""
                    + esc(messages(row.flags())) + "\">");
            for (int c = 0; c < t.columns().size(); c++) {
                var cell = row.cells().get(c);
                Column column = t.columns().get(c);
                Flag.Severity worst = Annotations.worst(cell.flags());
                var cls = new StringBuilder(column.type().numeric() ? "num" : "");
                if (worst != null) {
                    cls.append(cls.isEmpty() ? "" : " ").append("flag-").append(worst.id());
                }
                out.append("<td");
                if (!cls.isEmpty()) {
                    out.append(" class=\"").append(cls).append('"');
                }
                if (worst != null) {
                    out.append(" title=\"").append(esc(messages(cell.flags()))).append('"');
                }
                out.append('>');
                Flag.Severity symbol = c == 0 && rowWorst != null
                        ? (worst == null || rowWorst.compareTo(worst) > 0 ? rowWorst : worst) : worst;
                if (symbol != null) {
                    out.append(Annotations.symbol(symbol)).append(' ');
                }
                out.append(esc(ValueFormat.human(column.type(), cell.value())).replace("\n", "<br>"));
                List<Integer> marks = c == 0
                        ? java.util.stream.Stream.concat(notes.row(r).stream(), notes.cell(r, c).stream()).toList()
                        : notes.cell(r, c);
                if (!marks.isEmpty()) {
                    out.append("<sup>");
                    for (int i = 0; i < marks.size(); i++) {
                        int n = marks.get(i);
                        out.append(i == 0 ? "" : ",").append("<a href=\"#").append(s.id()).append("-n")
                                .append(Integer.toString(n)).append("\">").append(Integer.toString(n)).append("</a>");
                    }
                    out.append("</sup>");
                }
                out.append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
        if (!notes.all().isEmpty()) {
            out.append("<ol class=\"footnotes\">\n");
            for (Annotations.Footnote f : notes.all()) {
                out.append("<li id=\"").append(s.id()).append("-n").append(Integer.toString(f.number()))
                        .append("\" value=\"").append(Integer.toString(f.number())).append("\">");
                if (f.flag() != null) {
                    out.append("<span class=\"sev-").append(f.flag().severity().id()).append("\">")
                            .append(Annotations.symbol(f.flag().severity())).append(" <code>")
                            .append(esc(f.flag().code())).append("</code></span> ");
                }
                out.append("(row ").append(Integer.toString(f.row() + 1));
                if (f.column() != null) {
                    String label = t.columns().stream().filter(c -> c.key().equals(f.column()))
                            .findFirst().orElseThrow().label();
                    out.append(", ").append(esc(label));
                }
                out.append("): ").append(esc(f.text())).append("</li>\n");
            }
            out.append("</ol>\n");
        }
        for (String n : s.notes()) {
            out.append("<blockquote>").append(esc(n)).append("</blockquote>\n");
        }
        for (Chart c : s.charts()) {
            out.append("<figure id=\"").append(c.id()).append("\">\n")
                    .append(inlineSvg(svg.apply(c), c.id(), c.title())).append('\n')
                    .append("<figcaption>").append(esc(c.title())).append(" (<a href=\"").append(c.id())
                    .append(".png\">PNG</a>, <a href=\"").append(c.id()).append(".svg\">SVG</a>)</figcaption>\n")
                    .append("</figure>\n");
        }
        out.append("</section>\n");
    }

    private static String messages(List<Flag> flags) {
        return String.join("; ", flags.stream().map(Flag::message).toList());
    }

    /**
     * An SVG document made fit to sit inside HTML: no XML declaration nor DOCTYPE, ids prefixed
     * with the chart's id (two charts' clip paths must not collide), scalable, labelled.
     */
    static String inlineSvg(String svg, String prefix, String title) {
        int start = svg.indexOf("<svg");
        if (start < 0) {
            throw new IllegalArgumentException("chart '" + prefix + "': not an SVG document");
        }
        String body = svg.substring(start).strip();
        body = body.replace(" id=\"", " id=\"" + prefix + "-").replace("url(#", "url(#" + prefix + "-")
                .replace("xlink:href=\"#", "xlink:href=\"#" + prefix + "-");
        body = body.replaceFirst("<svg ", java.util.regex.Matcher.quoteReplacement(
                "<svg role=\"img\" aria-label=\"" + esc(title) + "\" "));
        return body;
    }

    /** Text escaped for HTML content and double-quoted attributes. */
    static String esc(String s) {
        var sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch < 0x20 && ch != '\n' && ch != '\t' ? '\ufffd' : ch);
            }
        }
        return sb.toString();
    }
}
