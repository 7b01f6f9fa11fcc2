package io.overlaysim.iproute;

import io.overlaysim.routing.Route;
import io.overlaysim.routing.TableNames;
import java.util.List;

/**
 * Reads {@code ip monitor route} output as a change log: each line a route added, or with the
 * {@code Deleted} prefix a route removed, in the order the kernel announced them.
 */
public final class RouteMonitorParser {
    private RouteMonitorParser() {
    }

    /** One change. */
    public sealed interface RouteEvent {
        int line();

        Route route();

        /** A route appeared (RTM_NEWROUTE). */
        record Added(int line, Route route) implements RouteEvent {
        }

        /** A route went away (RTM_DELROUTE, printed {@code Deleted ...}). */
        record Deleted(int line, Route route) implements RouteEvent {
        }
    }

    public static List<RouteEvent> parse(String file, String text, TableNames tables, boolean lenient) {
        RouteDump d = new RouteTextParser(tables, lenient).parse(file, text);
        return d.entries().stream()
                .map(e -> e.deleted() ? (RouteEvent) new RouteEvent.Deleted(e.line(), e.route())
                        : new RouteEvent.Added(e.line(), e.route()))
                .toList();
    }
}
