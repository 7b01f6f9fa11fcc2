package io.overlaysim.routing;

/**
 * A next hop resolved when its route entered the FIB ({@code struct fib_nh}): the output device
 * by index, the gateway as an int, the scope of the route that made the gateway reachable, and
 * the ECMP upper bound {@code fib_rebalance} computes.
 */
final class FibNextHop {
    static final int F_DEAD = 1;
    static final int F_ONLINK = 4;
    static final int F_LINKDOWN = 16;

    final NextHop hop;
    final int gateway;
    final boolean hasGateway;
    final int device;
    final int weight;
    int flags;
    int scope;
    int upperBound;

    FibNextHop(NextHop hop, int gateway, boolean hasGateway, int device, int weight, int flags, int scope) {
        this.hop = hop;
        this.gateway = gateway;
        this.hasGateway = hasGateway;
        this.device = device;
        this.weight = weight;
        this.flags = flags;
        this.scope = scope;
    }
}
