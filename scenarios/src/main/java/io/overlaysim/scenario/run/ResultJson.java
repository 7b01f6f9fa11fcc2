package io.overlaysim.scenario.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.overlaysim.packet.DropReason;
import io.overlaysim.traffic.PingResult;
import io.overlaysim.traffic.TracerouteResult;
import io.overlaysim.traffic.UdpFlowResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code --json} results of a run: per scenario, each expectation's verdict; each node's
 * final routing tables as {@code ip route} lines, its devices with the counters of
 * {@code ip -s link}, its BGP sessions; the traffic's results; the fault events; the ledger.
 * Nothing machine- or time-dependent: same scenario and seed, same bytes.
 *
 * <pre>
 * {"scenarios": [{"name": "routers-chain", "passed": true,
 *   "expectations": [{"name": "...", "kind": "delivered", "verdict": "pass", "message": "...", "at": "f.yaml:40:5"}],
 *   "nodes": {"r1": {"up": true, "routes": {"main": ["default via ..."]}, "devices": {...},
 *     "bgp": [{"peer": "10.255.0.1", "asn": 65000, "kind": "iBGP", "state": "Established", "sinceSeconds": 5.0,
 *              "established": 1, "prefixes": {"received": 1, "sent": 3},
 *              "lastNotification": {"sent": null, "received": null}}]}},
 *   "ledger": {"created": 40, "delivered": 30, "dropped": 10, "consumed": 0, "inFlight": 0, "drops": {"blackhole": 4}}}]}
 * </pre>
 */
public final class ResultJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultJson() {
    }

    /** The results of several runs, in run order. */
    public static String of(List<RunResult> results) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode scenarios = root.putArray("scenarios");
        results.forEach(r -> scenarios.add(scenario(r)));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    private static ObjectNode scenario(RunResult r) {
        ObjectNode s = MAPPER.createObjectNode();
        s.put("name", r.scenario().name());
        s.put("file", Path.of(r.scenario().source()).getFileName().toString());
        s.put("seed", r.seed());
        s.put("durationSeconds", r.scenario().duration().toNanos() / 1e9);
        s.put("passed", r.passed());
        ArrayNode ex = s.putArray("expectations");
        for (Verdict v : r.verdicts()) {
            ObjectNode e = ex.addObject();
            e.put("name", v.name());
            e.put("kind", v.kind());
            e.put("verdict", v.passed() ? "pass" : "fail");
            e.put("message", v.message());
            e.put("at", v.expectation().where().line() + ":" + v.expectation().where().column());
            ArrayNode ev = e.putArray("evidence");
            v.evidence().forEach(ev::add);
        }
        ObjectNode traffic = s.putObject("traffic");
        r.pings().forEach((name, p) -> traffic.set(name, ping(p)));
        r.flows().forEach((name, f) -> traffic.set(name, flow(f)));
        r.traceroutes().forEach((name, t) -> traffic.set(name, traceroute(t)));
        ObjectNode nodes = s.putObject("nodes");
        r.nodes().forEach((name, n) -> nodes.set(name, node(n)));
        ArrayNode events = s.putArray("events");
        r.events().forEach(events::add);
        ArrayNode captures = s.putArray("captures");
        r.captures().forEach(c -> captures.add(c.getFileName().toString()));
        s.set("ledger", ledger(r));
        return s;
    }

    private static ObjectNode ping(PingResult p) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("kind", "ping");
        o.put("transmitted", p.transmitted());
        o.put("received", p.received());
        o.put("errors", p.errors());
        o.put("lossPercent", p.lossPercent());
        ObjectNode rtt = o.putObject("rttMillis");
        rtt.put("min", p.minRtt() / 1e6);
        rtt.put("avg", p.avgRtt() / 1e6);
        rtt.put("max", p.maxRtt() / 1e6);
        ArrayNode lines = o.putArray("lines");
        p.lines().forEach(lines::add);
        return o;
    }

    private static ObjectNode flow(UdpFlowResult f) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("kind", "udp");
        o.put("sent", f.sent());
        o.put("received", f.received());
        o.put("duplicates", f.duplicates());
        o.put("outOfOrder", f.outOfOrder());
        o.put("lossPercent", f.lossPercent());
        ObjectNode delay = o.putObject("delayMillis");
        delay.put("min", f.minDelayNanos() / 1e6);
        delay.put("avg", f.avgDelayNanos() / 1e6);
        delay.put("max", f.maxDelayNanos() / 1e6);
        return o;
    }

    private static ObjectNode traceroute(TracerouteResult t) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("kind", "traceroute");
        o.put("reached", t.reached());
        ArrayNode lines = o.putArray("lines");
        t.lines().forEach(lines::add);
        return o;
    }

    private static ObjectNode node(RunResult.NodeState n) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("up", n.up());
        ObjectNode routes = o.putObject("routes");
        for (Map.Entry<String, List<String>> t : n.routes().entrySet()) {
            ArrayNode lines = routes.putArray(t.getKey());
            t.getValue().forEach(lines::add);
        }
        ObjectNode devices = o.putObject("devices");
        for (RunResult.DeviceState d : n.devices()) {
            ObjectNode dev = devices.putObject(d.name());
            dev.put("index", d.index());
            dev.put("mac", d.mac());
            dev.put("mtu", d.mtu());
            dev.put("state", d.state());
            ObjectNode rx = dev.putObject("rx");
            rx.put("bytes", d.rxBytes());
            rx.put("packets", d.rxPackets());
            rx.put("errors", d.rxErrors());
            rx.put("dropped", d.rxDropped());
            ObjectNode tx = dev.putObject("tx");
            tx.put("bytes", d.txBytes());
            tx.put("packets", d.txPackets());
            tx.put("errors", d.txErrors());
            tx.put("dropped", d.txDropped());
        }
        ArrayNode bgp = o.putArray("bgp");
        for (RunResult.BgpSession b : n.bgp()) {
            ObjectNode session = bgp.addObject();
            session.put("peer", b.peer());
            session.put("asn", b.asn());
            session.put("kind", b.kind());
            session.put("state", b.state());
            session.put("sinceSeconds", b.sinceNanos() / 1e9);
            session.put("established", b.established());
            ObjectNode prefixes = session.putObject("prefixes");
            prefixes.put("received", b.prefixesReceived());
            prefixes.put("sent", b.prefixesSent());
            ObjectNode last = session.putObject("lastNotification");
            last.put("sent", b.lastNotificationSent());
            last.put("received", b.lastNotificationReceived());
        }
        return o;
    }

    private static ObjectNode ledger(RunResult r) {
        var l = r.ledger();
        ObjectNode o = MAPPER.createObjectNode();
        o.put("created", l.created());
        o.put("delivered", l.delivered());
        o.put("dropped", l.dropped());
        o.put("consumed", l.consumed());
        o.put("inFlight", l.inFlight());
        o.put("balanced", l.created() == l.delivered() + l.dropped() + l.consumed() + l.inFlight());
        ObjectNode drops = o.putObject("drops");
        for (DropReason reason : DropReason.values()) {
            long n = l.dropped(reason);
            if (n != 0) {
                drops.put(reason.label(), n);
            }
        }
        return o;
    }
}
