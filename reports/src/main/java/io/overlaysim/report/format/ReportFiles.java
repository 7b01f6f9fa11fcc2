package io.overlaysim.report.format;

import io.overlaysim.report.Report;
import io.overlaysim.report.Section;
import io.overlaysim.report.chart.Chart;
import io.overlaysim.report.chart.ChartRenderer;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a report in the chosen formats into a directory: {@code BASE-SECTION.csv} per section,
 * {@code BASE.json}, {@code BASE.md}, {@code BASE.html}, and with Markdown or HTML each chart as
 * {@code CHART.png} and {@code CHART.svg}. All text is UTF-8 without a byte order mark.
 */
public final class ReportFiles {

    /** An output format, as named on the command line ({@code --format csv,md,html,json}). */
    public enum Format {
        CSV, JSON, MD, HTML;

        /** Parses {@code csv}, {@code json}, {@code md} (or {@code markdown}), {@code html}. */
        public static Format parse(String name) {
            return switch (name.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "json" -> JSON;
                case "md", "markdown" -> MD;
                case "html" -> HTML;
                default -> throw new IllegalArgumentException(
                        "format: expected one of csv, json, md, html, got '" + name + "'");
            };
        }
    }

    private ReportFiles() {}

    /** Writes every format. */
    public static List<Path> writeAll(Report report, Path dir, String base, ChartRenderer charts)
            throws IOException {
        return write(report, dir, base, EnumSet.allOf(Format.class), charts);
    }

    /** Writes the given formats and returns the files written, in a stable order. */
    public static List<Path> write(Report report, Path dir, String base, Set<Format> formats,
                                   ChartRenderer charts) throws IOException {
        Report.checkedId("base name", base);
        Files.createDirectories(dir);
        var written = new ArrayList<Path>();
        if (formats.contains(Format.CSV)) {
            for (Section s : report.sections()) {
                Path p = dir.resolve(base + "-" + s.id() + ".csv");
                Files.writeString(p, CsvWriter.toString(s.table()), StandardCharsets.UTF_8);
                written.add(p);
            }
        }
        if (formats.contains(Format.JSON)) {
            Path p = dir.resolve(base + ".json");
            Files.writeString(p, JsonWriter.toString(report), StandardCharsets.UTF_8);
            written.add(p);
        }
        if (formats.contains(Format.MD)) {
            Path p = dir.resolve(base + ".md");
            Files.writeString(p, MarkdownWriter.toString(report, true), StandardCharsets.UTF_8);
            written.add(p);
        }
        boolean drawCharts = formats.contains(Format.MD) || formats.contains(Format.HTML);
        var svgs = new HashMap<String, String>();
        if (drawCharts) {
            for (Chart c : report.charts()) {
                Path png = dir.resolve(c.id() + ".png");
                Path svg = dir.resolve(c.id() + ".svg");
                Files.write(png, charts.png(c));
                String text = charts.svg(c);
                svgs.put(c.id(), text);
                Files.writeString(svg, text, StandardCharsets.UTF_8);
                written.add(png);
                written.add(svg);
            }
        }
        if (formats.contains(Format.HTML)) {
            Path p = dir.resolve(base + ".html");
            try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
                HtmlWriter.write(report, w, c -> svgs.get(c.id()));
            }
            written.add(p);
        }
        return List.copyOf(written);
    }
}
