package io.overlaysim.routing;

/** The outcome of adding a route: added, or refused with the kernel's (or iproute2's) message. */
public sealed interface RouteChange {
    /** The route is in the FIB. */
    record Added(Route route) implements RouteChange {
    }

    /** The kernel refused it; {@code message} is what {@code ip route add} would print. */
    record Refused(Route route, String message) implements RouteChange {
    }

    default boolean ok() {
        return this instanceof Added;
    }
}
