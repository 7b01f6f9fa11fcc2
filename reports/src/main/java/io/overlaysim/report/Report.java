package io.overlaysim.report;

import io.overlaysim.report.chart.Chart;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * A report: a title, metadata in insertion order, and sections of tables and charts; the input of
 * every writer in {@code io.overlaysim.report.format}.
 *
 * <p>A report holds no clock: a timestamp appears in the output only if the caller puts one in
 * the metadata, so the same report always gives the same bytes.
 *
 * <pre>{@code
 * Report report = Report.titled("MTU sweep")
 *         .meta("underlay MTUs", "1500, 9000")
 *         .section(Section.of("theory", "Theory", table));
 * }</pre>
 *
 * @param title the report's heading
 * @param metadata key/value facts about the run, in the order given
 * @param sections in display order; their ids are unique
 */
public record Report(String title, SequencedMap<String, String> metadata, List<Section> sections) {

    public Report {
        Objects.requireNonNull(title, "title");
        metadata = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(metadata));
        sections = List.copyOf(sections);
        var ids = new HashSet<String>();
        var chartIds = new HashSet<String>();
        for (Section s : sections) {
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException("section id '" + s.id() + "' appears twice");
            }
            for (Chart c : s.charts()) {
                if (!chartIds.add(c.id())) {
                    throw new IllegalArgumentException("chart id '" + c.id() + "' appears twice");
                }
            }
        }
    }

    /** An empty report. */
    public static Report titled(String title) {
        return new Report(title, new LinkedHashMap<>(), List.of());
    }

    /** This report with one more metadata entry (replacing the value of an existing key in place). */
    public Report meta(String key, String value) {
        var m = new LinkedHashMap<>(metadata);
        m.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
        return new Report(title, m, sections);
    }

    /** This report with one more section. */
    public Report section(Section section) {
        return new Report(title, metadata, Cell.append(sections, section));
    }

    /** All charts of all sections, in display order. */
    public List<Chart> charts() {
        return sections.stream().flatMap(s -> s.charts().stream()).toList();
    }

    static void requireId(String what, String id) {
        if (id == null || !id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException(
                    what + ": expected lower-case letters and digits joined by '-', got " + id);
        }
    }

    /** Checks an identifier that becomes part of a file name (used by charts too). */
    public static String checkedId(String what, String id) {
        requireId(what, id);
        return id;
    }
}
