package io.overlaysim.scenario;

import io.overlaysim.net.Ipv4Address;
import java.time.Duration;

/** Something that breaks (or heals) at a given time. */
public sealed interface FaultSpec {
    Duration at();

    SourceLocation where();

    /** A link, a segment, or one device's attachment going down ({@code up == false}) or up. */
    record LinkState(Duration at, String link, boolean up, SourceLocation where) implements FaultSpec {
    }

    /** A node going down or up. */
    record NodeState(Duration at, String node, boolean up, SourceLocation where) implements FaultSpec {
    }

    /** {@code ip route add} ({@code add == true}) or {@code ip route del} on a node. */
    record RouteChange(Duration at, String node, IpLine route, boolean add, SourceLocation where) implements FaultSpec {
    }

    /** A BGP session disabled or enabled again. */
    record BgpPeerState(Duration at, String node, Ipv4Address peer, boolean up, SourceLocation where)
            implements FaultSpec {
    }

    /** {@code ip link set DEV mtu N}. */
    record MtuChange(Duration at, DeviceRef device, int mtu, SourceLocation where) implements FaultSpec {
    }
}
