package io.overlaysim.scenario.run;

import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.node.Node;
import io.overlaysim.node.Pmtudisc;
import io.overlaysim.scenario.ScenarioError;
import io.overlaysim.scenario.ScenarioException;
import io.overlaysim.scenario.SourceLocation;
import io.overlaysim.scenario.Target;
import io.overlaysim.scenario.TrafficSpec;
import io.overlaysim.traffic.Ping;
import io.overlaysim.traffic.PingOptions;
import io.overlaysim.traffic.PingResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * Starts a scenario's traffic at its times and keeps the applications for their results. Ping
 * runs today; traceroute and UDP flows are the seam for the node2 branch's
 * {@code traffic.Traceroute} and {@code traffic.UdpFlow}: {@link #check} refuses them until then.
 */
final class Applications {
    private static final String NODE2 = "the node2 branch: traceroute and UDP flows";

    /** Where a traffic starts and what it is sent to. */
    record Ends(Node from, int source, int destination) {
    }

    private final BuiltNetwork built;
    private final TrafficWatch watch;
    private final SequencedMap<String, Ping> pings = new LinkedHashMap<>();

    Applications(BuiltNetwork built, TrafficWatch watch) {
        this.built = built;
        this.watch = watch;
    }

    /** Refuses what cannot run yet, before anything is simulated. */
    static void check(List<TrafficSpec> traffic) {
        for (TrafficSpec t : traffic) {
            switch (t) {
                case TrafficSpec.Ping p -> { }
                case TrafficSpec.Traceroute tr -> throw NotSupportedYet.at(tr.where(), "traceroute \"" + tr.name() + "\"", NODE2);
                case TrafficSpec.UdpFlow u -> throw NotSupportedYet.at(u.where(), "UDP flow \"" + u.name() + "\"", NODE2);
            }
        }
    }

    /** Schedules every traffic to start at its time. */
    void schedule(List<TrafficSpec> traffic, Simulation sim) {
        for (TrafficSpec t : traffic) {
            Ends ends = ends(t.from(), t.to(), t.where());
            watch.log(t.name());
            if (t instanceof TrafficSpec.Ping p) {
                PingOptions o = new PingOptions(p.count(), p.interval().toNanos(), p.size(),
                        p.df() ? Pmtudisc.DO : Pmtudisc.DONT, p.ttl(),
                        p.source().map(Ipv4Address::bits).orElse(ends.source()), p.timeout().toNanos());
                sim.schedule(p.at().toNanos(), () -> {
                    Ping ping = Ping.start(ends.from(), ends.destination(), o);
                    watch.ping(p.name(), ends.from(), ping.identifier());
                    pings.put(p.name(), ping);
                });
            }
        }
    }

    /** The result of ping {@code name}, empty when it never started (the run ended before its time). */
    Optional<PingResult> ping(String name) {
        Ping p = pings.get(name);
        return p == null ? Optional.empty() : Optional.of(p.result());
    }

    /** The pings started, in start order. */
    SequencedMap<String, Ping> pings() {
        return pings;
    }

    private Ends ends(Target from, Target to, SourceLocation at) {
        Node node;
        int source = 0;
        switch (from) {
            case Target.Named n -> node = built.node(n.name());
            case Target.Address a -> {
                node = built.ownerOf(a.address().bits());
                if (node == null) {
                    throw new ScenarioException(List.of(new ScenarioError(at, "no node holds the address " + a.address()
                            + " to send from")));
                }
                source = a.address().bits();
            }
        }
        int dst = switch (to) {
            case Target.Named n -> built.addressOf(n.name());
            case Target.Address a -> a.address().bits();
        };
        if (dst == 0) {
            throw new ScenarioException(List.of(new ScenarioError(at, "node \"" + to + "\" has no address to send to")));
        }
        return new Ends(node, source, dst);
    }
}
