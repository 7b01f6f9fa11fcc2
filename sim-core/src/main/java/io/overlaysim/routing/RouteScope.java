package io.overlaysim.routing;

/**
 * A route or address scope ({@code rtm_scope}): 0 global (universe), 200 site, 253 link,
 * 254 host, 255 nowhere, or any other number. Larger is narrower.
 */
public record RouteScope(int value) implements Comparable<RouteScope> {
    public static final RouteScope UNIVERSE = new RouteScope(0);
    public static final RouteScope SITE = new RouteScope(200);
    public static final RouteScope LINK = new RouteScope(253);
    public static final RouteScope HOST = new RouteScope(254);
    public static final RouteScope NOWHERE = new RouteScope(255);

    public RouteScope {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("scope out of range 0..255: " + value);
        }
    }

    /** Parses a name ({@code global}, {@code link}, ...) or a number; null when neither. */
    public static RouteScope parse(String s) {
        switch (s) {
            case "global", "universe":
                return UNIVERSE;
            case "site":
                return SITE;
            case "link":
                return LINK;
            case "host":
                return HOST;
            case "nowhere":
                return NOWHERE;
            default:
                Integer n = Numbers.parseUnsigned(s, 255);
                return n == null ? null : new RouteScope(n);
        }
    }

    @Override
    public int compareTo(RouteScope o) {
        return Integer.compare(value, o.value);
    }

    /** The name iproute2 prints ({@code rtnl_rtscope_n2a}). */
    @Override
    public String toString() {
        return switch (value) {
            case 0 -> "global";
            case 200 -> "site";
            case 253 -> "link";
            case 254 -> "host";
            case 255 -> "nowhere";
            default -> Integer.toString(value);
        };
    }
}
