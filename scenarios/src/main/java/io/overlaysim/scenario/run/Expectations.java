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
import io.overlaysim.trace.PacketWalk;
import io.overlaysim.trace.Step;
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

    /**
     * Whether deciding {@code expectations} reads packet walks: every expectation about a
     * traffic shows its walk when it fails (or, for {@code pathContains}, decides from it).
     */
    static boolean needWalks(List<ExpectationSpec> expectations) {
        return expectations.stream().anyMatch(e -> switch (e) {
            case ExpectationSpec.Delivered d -> true;
            case ExpectationSpec.Dropped d -> true;
            case ExpectationSpec.PathContains p -> true;
            case ExpectationSpec.NoPacketSeen n -> n.traffic().isPresent();
            case ExpectationSpec.IcmpErrorReceived i -> true;
            case ExpectationSpec.LossAtMost l -> true;
            case ExpectationSpec.RoutePresent r -> false;
            case ExpectationSpec.BgpEstablished b -> false;
            case ExpectationSpec.LedgerBalanced l -> false;
        });
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
        Optional<Applications.Outcome> r = apps.outcome(d.traffic());
        TrafficLog log = watch.log(d.traffic());
        if (r.isEmpty()) {
            return new Verdict(d, "delivered", false, d.traffic() + " never started", List.of());
        }
        Applications.Outcome o = r.get();
        boolean ok;
        String msg;
        if (apps.traceroutes().containsKey(d.traffic())) {
            ok = apps.reached(d.traffic());
            msg = "expected the traceroute to reach its destination: " + o.summary();
        } else {
            long want = d.atLeast().isPresent() ? d.atLeast().getAsInt() : o.sent();
            ok = o.received() >= want && o.sent() > 0;
            String unit = apps.pings().containsKey(d.traffic()) ? " replies" : " datagrams";
            msg = "expected " + (d.atLeast().isPresent() ? "at least " + want : "all " + want) + unit + ", got "
                    + o.received() + " (" + o.summary() + ")";
        }
        return new Verdict(d, "delivered", ok, msg, ok ? o.lines() : failureEvidence(o, log));
    }

    private Verdict dropped(ExpectationSpec.Dropped d) {
        TrafficLog log = watch.log(d.traffic());
        String where = d.node().map(n -> " at " + n).orElse("");
        long count = log.dropped(d.node().orElse(null), d.reason().label());
        List<String> seen = log.dropCounts.entrySet().stream().map(e -> {
            String[] k = e.getKey().split(" ", 2);
            return e.getValue() + " dropped at " + k[0] + ": " + k[1];
        }).toList();
        if (count > 0) {
            TrafficLog.Drop first = log.drops.stream()
                    .filter(x -> x.reason() == d.reason())
                    .filter(x -> d.node().isEmpty() || d.node().get().equals(x.node()))
                    .findFirst().orElse(null);
            return new Verdict(d, "dropped", true, count + " packet(s) of " + d.traffic() + " dropped ("
                    + d.reason().label() + ")" + where, first == null ? List.of() : walk(log, first.root()));
        }
        List<String> evidence = new ArrayList<>(seen.isEmpty() ? List.of("no packet of " + d.traffic() + " was dropped")
                : seen);
        evidence.addAll(firstWalk(log));
        return new Verdict(d, "dropped", false, "expected packets of " + d.traffic() + " dropped ("
                + d.reason().label() + ")" + where + ", saw " + (seen.isEmpty() ? "none dropped" : seen.size()
                        + " other kind(s) of drop"), evidence);
    }

    /**
     * Read from the walks kept (the traffic's first packets and its first failed ones): a hop is
     * a node any step happened on, or {@code NODE/DEVICE} a packet was received on or sent from;
     * an encapsulation is an {@code encapsulated} step whose tunnel kind starts with it.
     */
    private Verdict pathContains(ExpectationSpec.PathContains p) {
        TrafficLog log = watch.log(p.traffic());
        WalkKeeper keeper = watch.keeper();
        long hopRoot = -1;
        long encapRoot = -1;
        for (long root : log.roots()) {
            for (PacketWalk w : keeper.tree(root)) {
                for (Step s : w.steps()) {
                    if (hopRoot < 0 && p.hop().isPresent() && hop(s, p.hop().get())) {
                        hopRoot = root;
                    }
                    if (encapRoot < 0 && p.encap().isPresent() && s instanceof Step.Encapsulated e
                            && e.tunnel().startsWith(p.encap().get())) {
                        encapRoot = root;
                    }
                }
            }
        }
        List<String> missing = new ArrayList<>();
        if (p.hop().isPresent() && hopRoot < 0) {
            missing.add("hop " + p.hop().get());
        }
        if (p.encap().isPresent() && encapRoot < 0) {
            missing.add("encapsulation " + p.encap().get());
        }
        if (missing.isEmpty()) {
            return new Verdict(p, "pathContains", true, "the path of " + p.traffic() + " has "
                    + String.join(" and ", p.hop().map(h -> "hop " + h).stream().toList())
                    + (p.hop().isPresent() && p.encap().isPresent() ? " and " : "")
                    + p.encap().map(e -> "encapsulation " + e).orElse(""), walk(log, Math.max(hopRoot, encapRoot)));
        }
        List<String> evidence = new ArrayList<>();
        evidence.add("devices seen: " + String.join(", ", log.devices));
        log.encapsulations.forEach(x -> evidence.add("encapsulated: " + x));
        evidence.addAll(firstWalk(log));
        return new Verdict(p, "pathContains", false, "the path of " + p.traffic() + " lacks " + String.join(" and ", missing),
                evidence);
    }

    private static boolean hop(Step s, String hop) {
        if (s.node().equals(hop)) {
            return true;
        }
        int slash = hop.lastIndexOf('/');
        return slash > 0 && (s instanceof Step.Received || s instanceof Step.Sent)
                && s.node().equals(hop.substring(0, slash)) && hop.substring(slash + 1).equals(s.dev());
    }

    private Verdict noPacketSeen(ExpectationSpec.NoPacketSeen n) {
        String dev = n.device().toString();
        if (n.traffic().isPresent()) {
            TrafficLog log = watch.log(n.traffic().get());
            boolean seen = log.devices.contains(dev);
            return new Verdict(n, "noPacketSeen", !seen, (seen ? "a packet of " : "no packet of ") + n.traffic().get()
                    + " was seen on " + dev, seen ? walkSeenOn(log, n.device().toString()) : List.of());
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
        more.addAll(firstWalk(log));
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
        Optional<Applications.Outcome> r = apps.outcome(l.traffic());
        if (r.isEmpty()) {
            return new Verdict(l, "loss", false, l.traffic() + " never started", List.of());
        }
        Applications.Outcome o = r.get();
        boolean ok = o.sent() > 0 && o.lossPercent() <= l.percent();
        return new Verdict(l, "loss", ok, String.format("loss %.1f%% (at most %s%%): %s", o.lossPercent(),
                stripZeros(l.percent()), o.summary()), ok ? List.of() : failureEvidence(o, watch.log(l.traffic())));
    }

    private Verdict ledger(ExpectationSpec.LedgerBalanced l) {
        PacketLedger.Summary s = built.network().ledger().summary();
        boolean sums = s.created() == s.delivered() + s.dropped() + s.consumed() + s.inFlight() && s.inFlight() >= 0;
        boolean ok = sums && (l.allowInFlight() || s.inFlight() == 0);
        String msg = ok ? "every packet is accounted for"
                : !sums ? "the ledger does not add up" : s.inFlight() + " packet(s) still in flight at the end";
        return new Verdict(l, "ledgerBalanced", ok, msg, List.of(s.text().split("\n")));
    }

    /** The traffic's own lines, then the walk of the first packet dropped (its root's), else of its first packet. */
    private List<String> failureEvidence(Applications.Outcome o, TrafficLog log) {
        List<String> out = new ArrayList<>(o.lines());
        WalkKeeper keeper = watch.keeper();
        long broken = -1;
        if (keeper != null) {
            for (TrafficLog.Drop d : log.drops) {
                if (keeper.traced(d.root())) {
                    broken = d.root();
                    break;
                }
            }
            if (broken < 0) {
                broken = log.roots().stream().filter(keeper::failed).findFirst().orElse(-1L);
            }
        }
        out.addAll(broken >= 0 ? walk(log, broken) : firstWalk(log));
        return out;
    }

    /** The numbered walk of {@code root} and of what it led to. */
    private List<String> walk(TrafficLog log, long root) {
        WalkKeeper keeper = watch.keeper();
        return keeper == null || root < 0 ? List.of() : keeper.render(root);
    }

    private List<String> firstWalk(TrafficLog log) {
        List<Long> roots = log.roots();
        return roots.isEmpty() ? List.of() : walk(log, roots.getFirst());
    }

    private List<String> walkSeenOn(TrafficLog log, String device) {
        WalkKeeper keeper = watch.keeper();
        if (keeper != null) {
            for (long root : log.roots()) {
                for (PacketWalk w : keeper.tree(root)) {
                    if (w.steps().stream().anyMatch(s -> hop(s, device) && s.dev() != null)) {
                        return walk(log, root);
                    }
                }
            }
        }
        return firstWalk(log);
    }

    private static String stripZeros(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
