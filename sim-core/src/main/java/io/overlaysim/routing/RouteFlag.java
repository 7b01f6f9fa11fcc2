package io.overlaysim.routing;

/**
 * Route and next-hop flags as {@code ip route} prints them ({@code print_rt_flags}), in its
 * printing order: RTNH_F_* next-hop flags, then RTM_F_* route flags.
 */
public enum RouteFlag {
    DEAD("dead"),
    ONLINK("onlink"),
    PERVASIVE("pervasive"),
    OFFLOAD("offload"),
    TRAP("trap"),
    NOTIFY("notify"),
    LINKDOWN("linkdown"),
    UNRESOLVED("unresolved"),
    RT_OFFLOAD("rt_offload"),
    RT_TRAP("rt_trap"),
    RT_OFFLOAD_FAILED("rt_offload_failed");

    private final String text;

    RouteFlag(String text) {
        this.text = text;
    }

    public static RouteFlag fromName(String s) {
        for (RouteFlag f : values()) {
            if (f.text.equals(s)) {
                return f;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
