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
import io.overlaysim.traffic.Traceroute;
import io.overlaysim.traffic.TracerouteOptions;
import io.overlaysim.traffic.TracerouteResult;
import io.overlaysim.traffic.UdpFlow;
import io.overlaysim.traffic.UdpFlowOptions;
import io.overlaysim.traffic.UdpFlowResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * Starts a scenario's traffic at its times and keeps the applications for their results: ping
 * ({@code traffic.Ping}), traceroute ({@code traffic.Traceroute}, UDP probes) and UDP flows
 * ({@code traffic.UdpFlow}, received by a socket on the node that holds the destination, or by
 * nobody when no node does).
 */
final class Applications {
    /** How long a UDP flow sends when it gives neither a duration nor a count. */
    static final Duration DEFAULT_FLOW = Duration.ofSeconds(1);
    /** Traceroute's wait for each probe's answer ({@code -w 5}). */
    private static final long PROBE_WAIT = 5_000_000_000L;

    /** Where a traffic starts and what it is sent to. */
    record Ends(Node from, int source, int destination) {
    }

    /** What a traffic achieved, whatever its kind. */
    record Outcome(long sent, long received, String summary, List<String> lines) {
        double lossPercent() {
            return sent == 0 ? 0 : 100.0 * (sent - received) / sent;
        }
    }

    private final BuiltNetwork built;
    private final TrafficWatch watch;
    private final SequencedMap<String, Ping> pings = new LinkedHashMap<>();
    private final SequencedMap<String, UdpFlow> flows = new LinkedHashMap<>();
    private final SequencedMap<String, Traceroute> traceroutes = new LinkedHashMap<>();

    Applications(BuiltNetwork built, TrafficWatch watch) {
        this.built = built;
        this.watch = watch;
    }

    /** Schedules every traffic to start at its time; the ends and UDP ports are checked now. */
    void schedule(List<TrafficSpec> traffic, Simulation sim) {
        Map<String, String> listening = new HashMap<>();
        for (TrafficSpec t : traffic) {
            Ends ends = ends(t.from(), t.to(), t.where());
            watch.log(t.name());
            Runnable start = switch (t) {
                case TrafficSpec.Ping p -> ping(p, ends);
                case TrafficSpec.Traceroute tr -> traceroute(tr, ends);
                case TrafficSpec.UdpFlow u -> udp(u, ends, listening);
            };
            sim.schedule(t.at().toNanos(), start);
        }
    }

    private Runnable ping(TrafficSpec.Ping p, Ends ends) {
        PingOptions o = new PingOptions(p.count(), p.interval().toNanos(), p.size(),
                p.df() ? Pmtudisc.DO : Pmtudisc.DONT, p.ttl(),
                p.source().map(Ipv4Address::bits).orElse(ends.source()), p.timeout().toNanos());
        return () -> {
            Ping ping = Ping.start(ends.from(), ends.destination(), o);
            watch.ping(p.name(), ends.from(), ping.identifier());
            pings.put(p.name(), ping);
        };
    }

    private Runnable traceroute(TrafficSpec.Traceroute tr, Ends ends) {
        TracerouteOptions o = new TracerouteOptions(1, tr.maxHops(), tr.queries(), tr.port(), PROBE_WAIT, tr.size());
        return () -> {
            // the first probes leave as it starts: the watch learns their socket from them
            watch.starting(tr.name(), ends.from());
            traceroutes.put(tr.name(), Traceroute.start(ends.from(), ends.destination(), o));
            watch.started();
        };
    }

    private Runnable udp(TrafficSpec.UdpFlow u, Ends ends, Map<String, String> listening) {
        if (u.size() < 12) {
            throw error(u.where(), "UDP flow \"" + u.name() + "\" has size " + u.size()
                    + ": expected at least 12 (each datagram carries its sequence number and send time)");
        }
        long interval = u.interval().toNanos();
        long duration = u.count().isPresent() ? u.count().getAsLong() * interval
                : u.duration().orElse(DEFAULT_FLOW).toNanos();
        UdpFlowOptions o = new UdpFlowOptions(u.port(), u.size(), interval, duration, 1_000_000_000L);
        Node receiver = built.ownerOf(ends.destination());
        if (receiver != null) {
            String key = receiver.name() + ":" + u.port();
            String other = listening.putIfAbsent(key, u.name());
            if (other != null) {
                throw error(u.where(), "UDP flow \"" + u.name() + "\" listens on port " + u.port() + " of "
                        + receiver.name() + ", as flow \"" + other + "\" does: give one of them another port");
            }
        }
        return () -> {
            UdpFlow f = UdpFlow.start(ends.from(), u.sourcePort(), receiver, ends.destination(), o);
            f.socket().pmtudisc(u.df() ? Pmtudisc.DO : Pmtudisc.DONT).source(ends.source());
            watch.socket(u.name(), ends.from(), f.socket().port());
            flows.put(u.name(), f);
        };
    }

    /** The result of ping {@code name}, empty when it never started (the run ended before its time). */
    Optional<PingResult> ping(String name) {
        Ping p = pings.get(name);
        return p == null ? Optional.empty() : Optional.of(p.result());
    }

    /** What traffic {@code name} achieved, empty when it never started. */
    Optional<Outcome> outcome(String name) {
        if (pings.containsKey(name)) {
            PingResult p = pings.get(name).result();
            return Optional.of(new Outcome(p.transmitted(), p.received(), p.transmitted() + " transmitted, "
                    + p.received() + " received" + (p.errors() > 0 ? ", +" + p.errors() + " errors" : "")
                    + String.format(", %.1f%% packet loss", p.lossPercent()), p.lines()));
        }
        if (flows.containsKey(name)) {
            UdpFlowResult r = flows.get(name).result();
            return Optional.of(new Outcome(r.sent(), r.received(), r.sent() + " sent, " + r.received() + " received"
                    + String.format(", %.1f%% loss", r.lossPercent()), List.of()));
        }
        if (traceroutes.containsKey(name)) {
            TracerouteResult r = traceroutes.get(name).result();
            long probes = r.hops().stream().mapToLong(h -> h.probes().size()).sum();
            long answered = r.hops().stream().flatMap(h -> h.probes().stream()).filter(p -> p.rttNanos() >= 0).count();
            return Optional.of(new Outcome(probes, answered, (r.reached() ? "reached " : "did not reach ")
                    + Ipv4Address.format(r.destination()) + " in " + r.hops().size() + " hops, " + answered + " of "
                    + probes + " probes answered", r.lines()));
        }
        return Optional.empty();
    }

    /** Whether traffic {@code name} got where it was sent: every reply, every datagram, the destination reached. */
    boolean reached(String name) {
        return traceroutes.containsKey(name) ? traceroutes.get(name).result().reached()
                : outcome(name).map(o -> o.sent() > 0 && o.received() >= o.sent()).orElse(false);
    }

    SequencedMap<String, Ping> pings() {
        return pings;
    }

    SequencedMap<String, UdpFlow> flows() {
        return flows;
    }

    SequencedMap<String, Traceroute> traceroutes() {
        return traceroutes;
    }

    private Ends ends(Target from, Target to, SourceLocation at) {
        Node node;
        int source = 0;
        switch (from) {
            case Target.Named n -> node = built.node(n.name());
            case Target.Address a -> {
                node = built.ownerOf(a.address().bits());
                if (node == null) {
                    throw error(at, "no node holds the address " + a.address() + " to send from");
                }
                source = a.address().bits();
            }
        }
        int dst = switch (to) {
            case Target.Named n -> built.addressOf(n.name());
            case Target.Address a -> a.address().bits();
        };
        if (dst == 0) {
            throw error(at, "node \"" + to + "\" has no address to send to");
        }
        return new Ends(node, source, dst);
    }

    private static ScenarioException error(SourceLocation at, String message) {
        return new ScenarioException(List.of(new ScenarioError(at, message)));
    }
}
