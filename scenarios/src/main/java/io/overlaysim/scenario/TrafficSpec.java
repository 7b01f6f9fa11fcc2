package io.overlaysim.scenario;

import io.overlaysim.net.Ipv4Address;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/** Something a scenario sends: a ping, a traceroute or a UDP flow, starting at a time. */
public sealed interface TrafficSpec {
    String name();

    Target from();

    Target to();

    Duration at();

    SourceLocation where();

    /**
     * ICMP echo, as ping does it.
     *
     * @param size ICMP payload bytes (ping -s)
     */
    record Ping(String name, Target from, Target to, Duration at, int count, Duration interval, int size, boolean df,
            int ttl, Optional<Ipv4Address> source, Duration timeout, SourceLocation where) implements TrafficSpec {
    }

    /** A UDP traceroute. */
    record Traceroute(String name, Target from, Target to, Duration at, int maxHops, int queries, int port, int size,
            SourceLocation where) implements TrafficSpec {
    }

    /**
     * A UDP flow of fixed-size datagrams, one every {@code interval} (given, or derived from a rate),
     * for a duration or a count.
     */
    record UdpFlow(String name, Target from, Target to, Duration at, Duration interval, int size,
            Optional<Duration> duration, OptionalLong count, int port, int sourcePort, boolean df, SourceLocation where)
            implements TrafficSpec {
    }
}
