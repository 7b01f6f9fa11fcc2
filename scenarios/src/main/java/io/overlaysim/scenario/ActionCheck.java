package io.overlaysim.scenario;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks a schema cannot express on the "what happens" half of a scenario: traffic,
 * faults, expectations and captures must name nodes, pods, devices, links, speakers and
 * traffic that exist, names must be unique, and times must fall within the run.
 */
final class ActionCheck {
    private final Cursor root;
    private final Scenario scenario;
    private final Inventory inv;
    private final List<ScenarioError> errors;
    private final Map<String, TrafficSpec> traffic = new HashMap<>();

    ActionCheck(Cursor root, Scenario scenario, Inventory inv, List<ScenarioError> errors) {
        this.root = root;
        this.scenario = scenario;
        this.inv = inv;
        this.errors = errors;
    }

    void run() {
        List<Cursor> items = root.get("traffic").items();
        for (int i = 0; i < scenario.traffic().size(); i++) {
            traffic(scenario.traffic().get(i), only(items.get(i)));
        }
        items = root.get("faults").items();
        for (int i = 0; i < scenario.faults().size(); i++) {
            fault(scenario.faults().get(i), only(items.get(i)));
        }
        items = root.get("expect").items();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < scenario.expectations().size(); i++) {
            ExpectationSpec e = scenario.expectations().get(i);
            Cursor at = only(items.get(i));
            if (at.node().isObject() && at.has("name") && !names.add(e.name())) {
                at.get("name").error("duplicate expectation name \"" + e.name() + "\"");
            }
            expectation(e, at);
        }
        scenario.capture().ifPresent(c -> {
            List<Cursor> devices = root.get("capture").get("devices").items();
            for (int i = 0; i < c.devices().size(); i++) {
                References.device(inv, c.devices().get(i), devices.get(i));
            }
        });
    }

    /** The value of a one-key item ({@code - ping: {...}} → the mapping). */
    private static Cursor only(Cursor item) {
        return item.members().getFirst().getValue();
    }

    private void traffic(TrafficSpec t, Cursor at) {
        if (traffic.putIfAbsent(t.name(), t) != null) {
            at.get("name").error("duplicate traffic name \"" + t.name() + "\"");
        }
        References.target(inv, at.text("from", ""), at.get("from"));
        References.target(inv, at.text("to", ""), at.get("to"));
        within(t.at(), at.get("at"));
        if (t instanceof TrafficSpec.UdpFlow) {
            if (at.has("rate") == at.has("interval")) {
                at.errorAtKey("a udp flow needs exactly one of \"rate\" and \"interval\"");
            }
            if (at.has("duration") == at.has("count")) {
                at.errorAtKey("a udp flow needs exactly one of \"duration\" and \"count\"");
            }
        }
    }

    private void fault(FaultSpec f, Cursor at) {
        within(f.at(), at.get("at"));
        switch (f) {
            case FaultSpec.LinkState l -> link(l.link(), at.get("link"));
            case FaultSpec.NodeState n -> References.node(inv, n.node(), at.get("node"), false);
            case FaultSpec.RouteChange r -> {
                if (References.node(inv, r.node(), at.get("node"), false)) {
                    IpLineCheck.check("route", r.route(), inv.node(r.node()).devices(), errors);
                }
            }
            case FaultSpec.BgpPeerState b -> speaker(b.node(), at.get("node"));
            case FaultSpec.MtuChange m -> References.device(inv, m.device(), at.get("device"));
        }
    }

    private void link(String link, Cursor at) {
        if (inv.links.containsKey(link)) {
            return;
        }
        if (link.contains("/")) {
            DeviceRef ref = DeviceRef.parse(link);
            if (References.device(inv, ref, at) && inv.node(ref.node()).knowsDevices()
                    && !inv.attached.containsKey(link)) {
                at.error(link + " is attached to no link or segment");
            }
            return;
        }
        at.error("unknown link \"" + link + "\"; links and segments: " + Inventory.some(inv.links.keySet(), 12)
                + " (or a device NODE/DEVICE)");
    }

    private void speaker(String node, Cursor at) {
        if (References.node(inv, node, at, false) && !inv.speakers.contains(node)) {
            at.error("node \"" + node + "\" runs no BGP speaker; speakers: " + Inventory.some(inv.speakers, 12));
        }
    }

    private void expectation(ExpectationSpec e, Cursor at) {
        switch (e) {
            case ExpectationSpec.Delivered d -> traffic(d.traffic(), at);
            case ExpectationSpec.Dropped d -> {
                traffic(d.traffic(), at);
                d.node().ifPresent(n -> References.node(inv, n, at.get("node"), false));
            }
            case ExpectationSpec.PathContains p -> {
                traffic(p.traffic(), at);
                p.hop().ifPresent(h -> {
                    if (h.contains("/") && !inv.nodes.containsKey(h)) {
                        References.device(inv, DeviceRef.parse(h), at.get("hop"));
                    } else {
                        References.node(inv, h, at.get("hop"), false);
                    }
                });
            }
            case ExpectationSpec.NoPacketSeen n -> {
                References.device(inv, n.device(), at.get("device"));
                n.traffic().ifPresent(t -> traffic(t, at));
            }
            case ExpectationSpec.RoutePresent r -> {
                if (References.node(inv, r.node(), at.get("node"), false)) {
                    IpLineCheck.check("route", r.route(), inv.node(r.node()).devices(), errors);
                }
                r.at().ifPresent(t -> within(t, at.get("at")));
            }
            case ExpectationSpec.BgpEstablished b -> {
                speaker(b.node(), at.get("node"));
                b.by().ifPresent(t -> within(t, at.get("by")));
            }
            case ExpectationSpec.IcmpErrorReceived i -> {
                traffic(i.traffic(), at);
                if (at.has("from")) {
                    References.target(inv, at.text("from", ""), at.get("from"));
                }
            }
            case ExpectationSpec.LossAtMost l -> traffic(l.traffic(), at);
            case ExpectationSpec.LedgerBalanced l -> { }
        }
    }

    private void traffic(String name, Cursor at) {
        if (!traffic.containsKey(name)) {
            at.get("traffic").error("unknown traffic \"" + name + "\"; traffic: "
                    + Inventory.some(scenario.traffic().stream().map(TrafficSpec::name).distinct().toList(), 12));
        }
    }

    private void within(Duration t, Cursor at) {
        if (t.compareTo(scenario.duration()) > 0) {
            at.error("time " + at.text() + " is after the end of the run (duration " + format(scenario.duration()) + ")");
        }
    }

    private static String format(Duration d) {
        return d.toNanos() % 1_000_000_000L == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
