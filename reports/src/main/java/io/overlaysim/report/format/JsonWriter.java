package io.overlaysim.report.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.overlaysim.report.Cell;
import io.overlaysim.report.Column;
import io.overlaysim.report.Flag;
import io.overlaysim.report.Report;
import io.overlaysim.report.Row;
import io.overlaysim.report.Section;
import io.overlaysim.report.chart.BarChart;
import io.overlaysim.report.chart.Chart;
import io.overlaysim.report.chart.LineChart;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Writes a report as pretty JSON with a stable key order (the order of this description) and
 * {@code \n} line ends on every platform.
 *
 * <pre>
 * { "title", "metadata": {key: value, ...},
 *   "sections": [ { "id", "title", "description",
 *       "columns": [ {"key", "label", "type", "digits"?, "unit"?} ],
 *       "rows": [ { "cells": {column key: number | string | null},
 *                   "flags"?: [ {"column"?, "severity", "code", "message"} ],
 *                   "notes"?: [ {"column"?, "text"} ] } ],
 *       "notes": [...], "charts": [ {"id", "kind", "title", "x", "y", "png", "svg"} ] } ] }
 * </pre>
 *
 * Numbers are the machine form of {@link ValueFormat}, written as JSON numbers with exactly the
 * column's digits.
 */
public final class JsonWriter {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private JsonWriter() {}

    /** Writes the report to {@code out} (which it does not close). */
    public static void write(Report report, Writer out) throws IOException {
        var indenter = new DefaultIndenter("  ", "\n");
        var printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(printer);
            g.writeStartObject();
            g.writeStringField("title", report.title());
            g.writeObjectFieldStart("metadata");
            for (Map.Entry<String, String> e : report.metadata().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("sections");
            for (Section s : report.sections()) {
                section(s, g);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
        }
        out.write('\n');
    }

    /** The report as a JSON string. */
    public static String toString(Report report) {
        var w = new StringWriter();
        try {
            write(report, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void section(Section s, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.id());
        g.writeStringField("title", s.title());
        g.writeStringField("description", s.description());
        List<Column> columns = s.table().columns();
        g.writeArrayFieldStart("columns");
        for (Column c : columns) {
            g.writeStartObject();
            g.writeStringField("key", c.key());
            g.writeStringField("label", c.label());
            g.writeStringField("type", c.type().jsonName());
            switch (c.type()) {
                case io.overlaysim.report.ColumnType.Decimal d -> g.writeNumberField("digits", d.digits());
                case io.overlaysim.report.ColumnType.Percent p -> g.writeNumberField("digits", p.digits());
                default -> { }
            }
            if (c.type().machineUnit() != null) {
                g.writeStringField("unit", c.type().machineUnit());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("rows");
        for (Row row : s.table().rows()) {
            row(columns, row, g);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("notes");
        for (String n : s.notes()) {
            g.writeString(n);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("charts");
        for (Chart c : s.charts()) {
            g.writeStartObject();
            g.writeStringField("id", c.id());
            g.writeStringField("kind", switch (c) {
                case LineChart l -> "line";
                case BarChart b -> "bar";
            });
            g.writeStringField("title", c.title());
            g.writeStringField("x", c.xLabel());
            g.writeStringField("y", c.yLabel());
            g.writeStringField("png", c.id() + ".png");
            g.writeStringField("svg", c.id() + ".svg");
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void row(List<Column> columns, Row row, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("cells");
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            var value = row.cells().get(i).value();
            g.writeFieldName(c.key());
            String machine = ValueFormat.machine(c.type(), value);
            if (machine == null) {
                g.writeNull();
            } else if (value instanceof io.overlaysim.report.Value.Text) {
                g.writeString(machine);
            } else {
                g.writeNumber(machine);
            }
        }
        g.writeEndObject();
        if (row.flagged()) {
            g.writeArrayFieldStart("flags");
            for (Flag f : row.flags()) {
                flag(null, f, g);
            }
            for (int i = 0; i < columns.size(); i++) {
                for (Flag f : row.cells().get(i).flags()) {
                    flag(columns.get(i).key(), f, g);
                }
            }
            g.writeEndArray();
        }
        boolean notes = !row.notes().isEmpty() || row.cells().stream().anyMatch(c -> !c.notes().isEmpty());
        if (notes) {
            g.writeArrayFieldStart("notes");
            for (String n : row.notes()) {
                note(null, n, g);
            }
            for (int i = 0; i < columns.size(); i++) {
                Cell cell = row.cells().get(i);
                for (String n : cell.notes()) {
                    note(columns.get(i).key(), n, g);
                }
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void flag(String column, Flag f, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (column != null) {
            g.writeStringField("column", column);
        }
        g.writeStringField("severity", f.severity().id());
        g.writeStringField("code", f.code());
        g.writeStringField("message", f.message());
        g.writeEndObject();
    }

    private static void note(String column, String text, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (column != null) {
            g.writeStringField("column", column);
        }
        g.writeStringField("text", text);
        g.writeEndObject();
    }
}
