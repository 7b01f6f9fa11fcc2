package io.overlaysim.bgp;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.util.List;

/**
 * A speaker's best route to a prefix, as the kernel-programming layer needs it: the BGP next
 * hop, the attributes, and the peer it came from (null for a route the speaker originates).
 */
public record BestRoute(Ipv4Prefix prefix, Ipv4Address nextHop, List<PathAttribute> attributes, Ipv4Address fromPeer) {
    public BestRoute {
        attributes = List.copyOf(attributes);
    }

    /** Whether the speaker originates it (a node's own IPAM block). */
    public boolean local() {
        return fromPeer == null;
    }

    /** What a route listener is told: the best route before and after, either null when there was or is none. */
    @FunctionalInterface
    public interface Listener {
        void changed(Ipv4Prefix prefix, BestRoute before, BestRoute after);
    }
}
