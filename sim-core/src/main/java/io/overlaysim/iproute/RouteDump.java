package io.overlaysim.iproute;

import io.overlaysim.routing.Route;
import java.util.List;

/**
 * What a route dump held: its routes in file order, each with the line it started on, and, in
 * lenient mode, the warnings for the lines that were skipped.
 *
 * @param entries the routes (and, for {@code ip monitor} output, deletions)
 * @param warnings one {@code file:line:col: ...} message per skipped line
 */
public record RouteDump(List<Entry> entries, List<String> warnings) {
    public RouteDump {
        entries = List.copyOf(entries);
        warnings = List.copyOf(warnings);
    }

    /** One route line. {@code deleted} is true for {@code ip monitor}'s {@code Deleted} lines. */
    public record Entry(int line, Route route, boolean deleted) {
    }

    /** The routes alone. */
    public List<Route> routes() {
        return entries.stream().map(Entry::route).toList();
    }

    /** How many lines were skipped (lenient mode). */
    public int skipped() {
        return warnings.size();
    }
}
