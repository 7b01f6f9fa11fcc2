package io.overlaysim.scenario.run;

import io.overlaysim.bgp.BgpNeighbor;
import io.overlaysim.bgp.BgpSpeaker;
import io.overlaysim.bgp.BgpState;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.node.Node;
import io.overlaysim.packet.PacketLedger;
import io.overlaysim.routing.Route;
import io.overlaysim.scenario.ExpectationSpec;
import io.overlaysim.scenario.IpLines;
import io.overlaysim.scenario.ScenarioError;
import io.overlaysim.scenario.ScenarioException;
import io.overlaysim.scenario.Target;
import io.overlaysim.traffic.PingResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides each expectation of a run from what the run saw: the applications' results, the
 * {@link TrafficWatch}'s logs, the nodes' tables and counters, the ledger. Routes expected at a
 * time are looked at then (a snapshot taken by an event); everything else at the end.
 */
final class Expectations {
    private final BuiltNetwork built;
    private final Applications apps;
    private final TrafficWatch watch;
    private final BgpSpeakers bgp;
    /** Table snapshots for {@code routePresent ... at}, by expectation. */
    private final Map<ExpectationSpec, List<String>> snapshots = new HashMap<>();
    /** The time a {@code bgpEstablished ... by} looks at, by expectation. */
    private final Map<ExpectationSpec, Long> endOrBy = new HashMap<>();

    Expectations(BuiltNetwork built, Applications apps, TrafficWatch watch, BgpSpeakers bgp) {
        this.built = built;
        this.apps = apps;
        this.watch = watch;
        this.bgp = bgp;
    }

    /** Refuses what cannot be checked yet and schedules the snapshots of timed expectations. */
    void prepare(List<ExpectationSpec> expectations, Simulation sim) {
        for (ExpectationSpec e : expectations) {
            switch (e) {
                case ExpectationSpec.BgpEstablished b -> {
                    BgpSpeaker s = bgp.speaker(b.node());
                    if (s == null || s.neighbor(b.peer()) == null) {
                        throw new ScenarioException(List.of(new ScenarioError(b.where(), "the BGP speaker of node \""
                                + b.node() + "\" has no peer " + b.peer() + "; its peers: " + (s == null ? "none"
                                        : s.neighbors().stream().map(x -> x.config().address().toString()).toList()))));
                    }
                    b.by().ifPresent(by -> endOrBy.put(b, by.toNanos()));
                }
                case ExpectationSpec.RoutePresent r -> {
                    Route route = IpLines.route(r.route());
                    Node node = built.node(r.node());
                    r.at().ifPresent(at -> sim.schedule(at.toNanos(),
                            () -> snapshots.put(r, RouteTables.lines(node, route.table()))));
                }
                default -> { }
            }
        }
    }

    Verdict evaluate(ExpectationSpec spec) {
        return switch (spec) {
            case ExpectationSpec.Delivered d -> delivered(d);
            case ExpectationSpec.Dropped d -> dropped(d);
            case ExpectationSpec.PathContains p -> pathContains(p);
            case ExpectationSpec.NoPacketSeen n -> noPacketSeen(n);
            case ExpectationSpec.RoutePresent r -> routePresent(r);
            case ExpectationSpec.IcmpErrorReceived i -> icmpError(i);
            case ExpectationSpec.LossAtMost l -> loss(l);
            case ExpectationSpec.LedgerBalanced l -> ledger(l);
            case ExpectationSpec.BgpEstablished b -> bgpEstablished(b);
        };
    }

    private Verdict delivered(ExpectationSpec.Delivered d) {
        Optional<PingResult> r = apps.ping(d.traffic());
        TrafficLog log = watch.log(d.traffic());
        if (r.isEmpty()) {
            return new Verdict(d, "delivered", false, d.traffic() + " never started", List.of());
        }
        PingResult p = r.get();
        int want = d.atLeast().orElse(p.transmitted());
        boolean ok = p.received() >= want && p.transmitted() > 0;
        String msg = "expected " + (d.atLeast().isPresent() ? "at least " + want : "all " + want) + " replies, got "
                + p.received() + " (" + summary(p) + ")";
        return new Verdict(d, "delivered", ok, msg, ok ? p.lines() : failureEvidence(p, log));
    }

    private Verdict dropped(ExpectationSpec.Dropped d) {
        TrafficLog log = watch.log(d.traffic());
        String where = d.node().map(n -> " at " + n).orElse("");
        List<TrafficLog.Drop> matching = log.drops.stream()
                .filter(x -> x.reason() == d.reason())
                .filter(x -> d.node().isEmpty() || d.node().get().equals(x.node()))
                .toList();
        List<String> seen = log.drops.stream().map(x -> "#" + x.packet() + " dropped at " + x.node()
                + (x.device() == null ? "" : "/" + x.device()) + ": " + x.reason().label()).toList();
        if (!matching.isEmpty()) {
            return new Verdict(d, "dropped", true, matching.size() + " packet(s) of " + d.traffic() + " dropped ("
                    + d.reason().label() + ")" + where, log.walk(matching.getFirst().packet()));
        }
        List<String> evidence = new ArrayList<>(seen.isEmpty() ? List.of("no packet of " + d.traffic() + " was dropped")
                : seen);
        evidence.addAll(log.firstWalks(2));
        return new Verdict(d, "dropped", false, "expected packets of " + d.traffic() + " dropped ("
                + d.reason().label() + ")" + where + ", saw " + (seen.isEmpty() ? "none dropped" : seen.size()
                        + " other drop(s)"), evidence);
    }

    private Verdict pathContains(ExpectationSpec.PathContains p) {
        TrafficLog log = watch.log(p.traffic());
        List<String> missing = new ArrayList<>();
        p.hop().ifPresent(h -> {
            if (!(h.contains("/") ? log.devices.contains(h) : log.nodes.contains(h))) {
                missing.add("hop " + h);
            }
        });
        p.encap().ifPresent(e -> {
            if (log.encapsulations.stream().noneMatch(x -> x.contains(e))) {
                missing.add("encapsulation " + e);
            }
        });
        List<String> evidence = new ArrayList<>();
        evidence.add("devices seen: " + String.join(", ", log.devices));
        log.encapsulations.forEach(x -> evidence.add("encapsulated: " + x));
        if (missing.isEmpty()) {
            return new Verdict(p, "pathContains", true, "the path of " + p.traffic() + " has "
                    + p.hop().map(h -> "hop " + h).orElse("") + p.encap().map(e -> " encapsulation " + e).orElse(""), evidence);
        }
        evidence.addAll(log.firstWalks(1));
        return new Verdict(p, "pathContains", false, "the path of " + p.traffic() + " lacks " + String.join(" and ", missing),
                evidence);
    }

    private Verdict noPacketSeen(ExpectationSpec.NoPacketSeen n) {
        String dev = n.device().toString();
        if (n.traffic().isPresent()) {
            TrafficLog log = watch.log(n.traffic().get());
            boolean seen = log.devices.contains(dev);
            return new Verdict(n, "noPacketSeen", !seen, (seen ? "a packet of " : "no packet of ") + n.traffic().get()
                    + " was seen on " + dev, seen ? log.firstWalks(1) : List.of());
        }
        var c = built.node(n.device().node()).device(n.device().device()).counters();
        long packets = c.rxPackets() + c.txPackets();
        return new Verdict(n, "noPacketSeen", packets == 0, packets + " packet(s) seen on " + dev + " (rx "
                + c.rxPackets() + ", tx " + c.txPackets() + ")", List.of());
    }

    private Verdict routePresent(ExpectationSpec.RoutePresent r) {
        Route route = IpLines.route(r.route());
        String want = RouteTables.line(route);
        List<String> table = snapshots.containsKey(r) ? snapshots.get(r)
                : RouteTables.lines(built.node(r.node()), route.table());
        boolean there = table.contains(want);
        String when = r.at().map(at -> " at " + at.toMillis() / 1000.0 + "s").orElse(" at the end");
        String msg = "\"" + want + "\" " + (there ? "is" : "is not") + " in " + r.node() + "'s table "
                + RouteTables.tableName(route.table()) + when;
        return new Verdict(r, "routePresent", there == r.present(), msg, table);
    }

    /**
     * The session is Established at {@code by} (at the end when absent), replayed from its log;
     * the evidence says when it came up, each time, and what NOTIFICATIONs it last saw.
     */
    private Verdict bgpEstablished(ExpectationSpec.BgpEstablished b) {
        BgpNeighbor n = bgp.speaker(b.node()).neighbor(b.peer());
        long now = built.node(b.node()).simulation().now();
        long when = Math.min(endOrBy.getOrDefault(b, now), now);
        SessionTimeline t = SessionTimeline.of(n);
        SessionTimeline.Change c = t.at(when);
        boolean ok = c.state() == BgpState.ESTABLISHED;
        String at = b.by().isPresent() ? " at " + SessionTimeline.seconds(when) : " at the end";
        String msg = b.node() + "'s session with " + b.peer() + " is " + c.state().text() + at + " (since "
                + SessionTimeline.seconds(c.nanos()) + ")";
        List<String> evidence = new ArrayList<>();
        List<Long> up = t.establishedTimes();
        evidence.add(up.isEmpty() ? "never Established"
                : "Established at " + String.join(", ", up.stream().map(SessionTimeline::seconds).toList()));
        if (n.lastNotificationSent() != null) {
            evidence.add("last NOTIFICATION sent: " + n.lastNotificationSent());
        }
        if (n.lastNotificationReceived() != null) {
            evidence.add("last NOTIFICATION received: " + n.lastNotificationReceived());
        }
        if (!ok) {
            List<String> log = n.log();
            evidence.addAll(log.subList(Math.max(0, log.size() - 8), log.size()));
        }
        return new Verdict(b, "bgpEstablished", ok, msg, evidence);
    }

    private Verdict icmpError(ExpectationSpec.IcmpErrorReceived i) {
        TrafficLog log = watch.log(i.traffic());
        List<TrafficLog.IcmpError> matching = log.icmpErrors.stream()
                .filter(e -> e.receivedBy() != null && e.type() == i.type())
                .filter(e -> i.code().isEmpty() || i.code().getAsInt() == e.code())
                .filter(e -> i.mtu().isEmpty() || i.mtu().getAsInt() == e.mtu())
                .filter(e -> i.from().isEmpty() || from(i.from().get(), e))
                .toList();
        List<String> evidence = log.icmpErrors.stream().map(e -> "#" + e.packet() + " type " + e.type() + " code "
                + e.code() + (e.mtu() > 0 ? " mtu " + e.mtu() : "") + " made by " + e.node()
                + (e.receivedBy() == null ? ", not received" : ", received by " + e.receivedBy() + " from "
                        + Ipv4Address.format(e.from()))).toList();
        String what = "ICMP type " + i.type() + i.code().stream().mapToObj(c -> " code " + c).findFirst().orElse("")
                + i.mtu().stream().mapToObj(m -> " mtu " + m).findFirst().orElse("")
                + i.from().map(f -> " from " + f).orElse("");
        if (!matching.isEmpty()) {
            return new Verdict(i, "icmpError", true, matching.size() + " " + what + " received by the sender of "
                    + i.traffic(), evidence);
        }
        List<String> more = new ArrayList<>(evidence.isEmpty() ? List.of("no ICMP error about " + i.traffic()) : evidence);
        more.addAll(log.firstWalks(1));
        return new Verdict(i, "icmpError", false, "expected " + what + " received for " + i.traffic() + ", saw "
                + evidence.size() + " ICMP error(s)", more);
    }

    private boolean from(Target t, TrafficLog.IcmpError e) {
        return switch (t) {
            case Target.Named n -> n.name().equals(e.node());
            case Target.Address a -> a.address().bits() == e.from();
        };
    }

    private Verdict loss(ExpectationSpec.LossAtMost l) {
        Optional<PingResult> r = apps.ping(l.traffic());
        if (r.isEmpty()) {
            return new Verdict(l, "loss", false, l.traffic() + " never started", List.of());
        }
        PingResult p = r.get();
        boolean ok = p.transmitted() > 0 && p.lossPercent() <= l.percent();
        return new Verdict(l, "loss", ok, String.format("loss %.1f%% (at most %s%%): %s", p.lossPercent(),
                stripZeros(l.percent()), summary(p)), ok ? List.of() : failureEvidence(p, watch.log(l.traffic())));
    }

    private Verdict ledger(ExpectationSpec.LedgerBalanced l) {
        PacketLedger.Summary s = built.network().ledger().summary();
        boolean sums = s.created() == s.delivered() + s.dropped() + s.consumed() + s.inFlight() && s.inFlight() >= 0;
        boolean ok = sums && (l.allowInFlight() || s.inFlight() == 0);
        String msg = ok ? "every packet is accounted for"
                : !sums ? "the ledger does not add up" : s.inFlight() + " packet(s) still in flight at the end";
        return new Verdict(l, "ledgerBalanced", ok, msg, List.of(s.text().split("\n")));
    }

    private static String summary(PingResult p) {
        return p.transmitted() + " transmitted, " + p.received() + " received"
                + (p.errors() > 0 ? ", +" + p.errors() + " errors" : "")
                + String.format(", %.1f%% packet loss", p.lossPercent());
    }

    private static List<String> failureEvidence(PingResult p, TrafficLog log) {
        List<String> out = new ArrayList<>(p.lines());
        long broken = log.drops.isEmpty() ? -1 : log.drops.getFirst().packet();
        out.addAll(broken >= 0 ? log.walk(broken) : log.firstWalks(1));
        return out;
    }

    private static String stripZeros(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
