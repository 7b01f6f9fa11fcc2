package io.overlaysim.routing;

import java.util.EnumSet;
import java.util.Set;

/**
 * One next hop of a route: {@code via GATEWAY dev DEV weight W onlink}. A route without a
 * gateway and without a device (blackhole) has no next hops at all.
 *
 * @param gateway the gateway, or null when the destination is on link
 * @param device the output device name, or null when not given
 * @param weight the ECMP weight 1..256 (1 when not printed)
 * @param flags {@code onlink}, {@code linkdown}, {@code dead}, ... as printed for this hop
 */
public record NextHop(IpAddress gateway, String device, int weight, Set<RouteFlag> flags) {
    public NextHop {
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("weight out of range 1..256: " + weight);
        }
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    /** {@code via GW dev DEV}. */
    public static NextHop via(IpAddress gateway, String device) {
        return new NextHop(gateway, device, 1, Set.of());
    }

    /** {@code dev DEV}. */
    public static NextHop dev(String device) {
        return new NextHop(null, device, 1, Set.of());
    }

    public boolean has(RouteFlag f) {
        return flags.contains(f);
    }

    public NextHop withFlags(Set<RouteFlag> f) {
        return new NextHop(gateway, device, weight, f);
    }
}
