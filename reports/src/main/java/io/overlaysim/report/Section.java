package io.overlaysim.report;

import io.overlaysim.report.chart.Chart;
import java.util.List;
import java.util.Objects;

/**
 * A part of a report: a heading, an optional description, one table, its charts and notes.
 *
 * @param id file-name-safe identifier (lower case, digits, {@code -}); names the section's CSV
 * @param title the heading
 * @param description a paragraph under the heading, or empty
 * @param table the data
 * @param charts charts drawn from the data, in display order
 * @param notes remarks shown under the table
 */
public record Section(String id, String title, String description, Table table, List<Chart> charts,
                      List<String> notes) {

    public Section {
        Report.requireId("section id", id);
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(table, "table");
        charts = List.copyOf(charts);
        notes = List.copyOf(notes);
    }

    /** A section with a table only. */
    public static Section of(String id, String title, Table table) {
        return new Section(id, title, "", table, List.of(), List.of());
    }

    public Section withDescription(String text) {
        return new Section(id, title, text, table, charts, notes);
    }

    public Section withChart(Chart chart) {
        return new Section(id, title, description, table, Cell.append(charts, chart), notes);
    }

    public Section withNote(String note) {
        return new Section(id, title, description, table, charts, Cell.append(notes, note));
    }
}
