package io.overlaysim.scenario;

import io.overlaysim.packet.DropReason;
import io.overlaysim.net.Ipv4Address;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Something that must hold after (or during) a run; one JUnit test case each. */
public sealed interface ExpectationSpec {
    /** The name for reports: given, or derived from the expectation. */
    String name();

    SourceLocation where();

    /** The traffic's packets reach their destination: all of them, or at least {@code atLeast}. */
    record Delivered(String name, String traffic, OptionalInt atLeast, SourceLocation where) implements ExpectationSpec {
    }

    /** The traffic's packets are dropped for {@code reason}, at {@code node} when given. */
    record Dropped(String name, String traffic, DropReason reason, Optional<String> node, SourceLocation where)
            implements ExpectationSpec {
    }

    /** The walk crosses a node or device ({@code hop}), and/or is encapsulated ({@code encap}: ipip, vxlan). */
    record PathContains(String name, String traffic, Optional<String> hop, Optional<String> encap,
            SourceLocation where) implements ExpectationSpec {
    }

    /** No packet (of the traffic, when given) is seen on the device. */
    record NoPacketSeen(String name, DeviceRef device, Optional<String> traffic, SourceLocation where)
            implements ExpectationSpec {
    }

    /** A node's main table holds (or, with {@code present == false}, lacks) a route, at a time or at the end. */
    record RoutePresent(String name, String node, IpLine route, Optional<Duration> at, boolean present,
            SourceLocation where) implements ExpectationSpec {
    }

    /** A BGP session is Established by a time (or by the end). */
    record BgpEstablished(String name, String node, Ipv4Address peer, Optional<Duration> by, SourceLocation where)
            implements ExpectationSpec {
    }

    /** The traffic's sender receives an ICMP error of a type (and code, sender, MTU when given). */
    record IcmpErrorReceived(String name, String traffic, int type, OptionalInt code, Optional<Target> from,
            OptionalInt mtu, SourceLocation where) implements ExpectationSpec {
    }

    /** The traffic's loss is at most a percentage. */
    record LossAtMost(String name, String traffic, double percent, SourceLocation where) implements ExpectationSpec {
    }

    /** Every packet is delivered, dropped with a reason, or (when allowed) in flight at the end. */
    record LedgerBalanced(String name, boolean allowInFlight, SourceLocation where) implements ExpectationSpec {
    }
}
