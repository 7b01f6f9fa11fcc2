package io.overlaysim.routing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code RTA_METRICS} of a route: {@code mtu [lock] N}, {@code advmss N} and any other
 * (window, rtt, hoplimit, initcwnd, ...) kept by name, in the order given, with their lock bit.
 *
 * @param values metric name to value text, in printing order
 * @param locked names printed with {@code lock}
 */
public record RouteMetrics(Map<String, String> values, java.util.Set<String> locked) {
    public static final RouteMetrics NONE = new RouteMetrics(Map.of(), java.util.Set.of());

    public RouteMetrics {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        locked = java.util.Set.copyOf(locked);
    }

    /** The route MTU, 0 when none. */
    public int mtu() {
        String v = values.get("mtu");
        return v == null ? 0 : Integer.parseInt(v);
    }

    public boolean mtuLocked() {
        return locked.contains("mtu");
    }

    /** The advertised MSS, 0 when none. */
    public int advmss() {
        String v = values.get("advmss");
        return v == null ? 0 : Integer.parseInt(v);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
