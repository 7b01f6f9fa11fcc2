package io.overlaysim.routing;

/**
 * A route's type ({@code rtm_type}), with the kernel's number and, for the types that reject,
 * the error {@code fib_props[]} gives them. Multicast, anycast and nat are parsed and kept but
 * never forwarded.
 */
public enum RouteType {
    UNSPEC(0, "none", null),
    UNICAST(1, "unicast", null),
    LOCAL(2, "local", null),
    BROADCAST(3, "broadcast", null),
    ANYCAST(4, "anycast", null),
    MULTICAST(5, "multicast", null),
    /** Dropped silently; {@code route get} says EINVAL. */
    BLACKHOLE(6, "blackhole", RouteError.INVALID_ARGUMENT),
    /** ICMP host unreachable; EHOSTUNREACH. */
    UNREACHABLE(7, "unreachable", RouteError.NO_ROUTE_TO_HOST),
    /** ICMP communication administratively prohibited; EACCES. */
    PROHIBIT(8, "prohibit", RouteError.PERMISSION_DENIED),
    /** Lookup continues with the next rule (EAGAIN inside {@code fib_rules_lookup}). */
    THROW(9, "throw", RouteError.AGAIN),
    NAT(10, "nat", RouteError.INVALID_ARGUMENT),
    XRESOLVE(11, "xresolve", RouteError.INVALID_ARGUMENT);

    private final int number;
    private final String text;
    private final RouteError error;

    RouteType(int number, String text, RouteError error) {
        this.number = number;
        this.text = text;
        this.error = error;
    }

    public int number() {
        return number;
    }

    /** The error a lookup that meets this type returns, or null when it is not a reject type. */
    public RouteError error() {
        return error;
    }

    /** Whether {@code ip route} without {@code table} puts this type in table local. */
    public boolean goesToLocalTable() {
        return this == LOCAL || this == BROADCAST || this == ANYCAST || this == NAT;
    }

    /** The type named as iproute2 names it ({@code rtnl_rtntype_a2n}), or null. */
    public static RouteType fromName(String s) {
        for (RouteType t : values()) {
            if (t.text.equals(s) && t != UNSPEC) {
                return t;
            }
        }
        return null;
    }

    public static RouteType fromNumber(int n) {
        for (RouteType t : values()) {
            if (t.number == n) {
                return t;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
