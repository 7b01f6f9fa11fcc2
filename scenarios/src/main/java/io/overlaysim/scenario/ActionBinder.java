package io.overlaysim.scenario;

import io.overlaysim.packet.DropReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Binds the "what happens" half of a schema-valid scenario tree into records: traffic, faults,
 * expectations and captures. Each list item is a one-key mapping whose key picks the kind.
 */
final class ActionBinder {
    private static final String[] ICMP_TYPES = {
        "echo-reply", null, null, "dest-unreachable", "source-quench", "redirect", null, null, "echo-request",
        null, null, "time-exceeded", "parameter-problem"};

    List<TrafficSpec> traffic(Cursor list) {
        List<TrafficSpec> out = new ArrayList<>();
        for (Cursor item : list.items()) {
            Map.Entry<String, Cursor> e = item.members().getFirst();
            Cursor t = e.getValue();
            String name = t.text("name", "");
            Target from = Target.parse(t.text("from", ""));
            Target to = Target.parse(t.text("to", ""));
            Duration at = t.duration("at", Duration.ZERO);
            out.add(switch (e.getKey()) {
                case "ping" -> new TrafficSpec.Ping(name, from, to, at, t.integer("count", 1),
                        t.duration("interval", Duration.ofSeconds(1)), t.integer("size", 56), t.bool("df", false),
                        t.integer("ttl", 64), t.address("source"), t.duration("timeout", Duration.ofSeconds(1)),
                        t.where());
                case "traceroute" -> new TrafficSpec.Traceroute(name, from, to, at, t.integer("maxHops", 30),
                        t.integer("queries", 3), t.integer("port", 33434), t.integer("size", 60), t.where());
                default -> udp(t, name, from, to, at);
            });
        }
        return List.copyOf(out);
    }

    private static TrafficSpec.UdpFlow udp(Cursor t, String name, Target from, Target to, Duration at) {
        int size = t.integer("size", 0);
        Duration interval = t.duration("interval").orElse(null);
        if (interval == null) {
            Bandwidth rate = t.opt("rate", Units::bandwidth).orElse(null);
            // one datagram's payload bits at the rate, at least 1 ns apart
            interval = rate == null ? Duration.ofMillis(1) : Duration.ofNanos(Math.max(1, rate.nanosFor(size)));
        }
        return new TrafficSpec.UdpFlow(name, from, to, at, interval, size, t.duration("duration"),
                t.has("count") ? OptionalLong.of(t.longValue("count", 0)) : OptionalLong.empty(),
                t.integer("port", 5001), t.integer("sourcePort", 0), t.bool("df", false), t.where());
    }

    List<FaultSpec> faults(Cursor list) {
        List<FaultSpec> out = new ArrayList<>();
        for (Cursor item : list.items()) {
            Map.Entry<String, Cursor> e = item.members().getFirst();
            Cursor f = e.getValue();
            Duration at = f.duration("at", Duration.ZERO);
            String kind = e.getKey();
            out.add(switch (kind) {
                case "linkDown", "linkUp" -> new FaultSpec.LinkState(at, f.text("link", ""), kind.endsWith("Up"), f.where());
                case "nodeDown", "nodeUp" -> new FaultSpec.NodeState(at, f.text("node", ""), kind.endsWith("Up"), f.where());
                case "routeAdd", "routeDel" -> new FaultSpec.RouteChange(at, f.text("node", ""),
                        route(f.get("route")), kind.equals("routeAdd"), f.where());
                case "bgpPeerDown", "bgpPeerUp" -> new FaultSpec.BgpPeerState(at, f.text("node", ""),
                        f.address("peer").orElse(null), kind.endsWith("Up"), f.where());
                default -> new FaultSpec.MtuChange(at, DeviceRef.parse(f.text("device", "")), f.integer("mtu", 0),
                        f.where());
            });
        }
        return List.copyOf(out);
    }

    List<ExpectationSpec> expectations(Cursor list) {
        List<ExpectationSpec> out = new ArrayList<>();
        int index = 0;
        for (Cursor item : list.items()) {
            Map.Entry<String, Cursor> e = item.members().getFirst();
            String kind = e.getKey();
            Cursor x = e.getValue();
            String name = x.node().isObject() && x.has("name") ? x.text("name", "")
                    : derivedName(kind, x, index);
            index++;
            String traffic = x.node().isObject() ? x.text("traffic", "") : "";
            out.add(switch (kind) {
                case "delivered" -> new ExpectationSpec.Delivered(name, traffic, x.optInt("atLeast"), x.where());
                case "dropped" -> new ExpectationSpec.Dropped(name, traffic, DropReason.ofLabel(x.text("reason", "")),
                        x.optText("node"), x.where());
                case "pathContains" -> new ExpectationSpec.PathContains(name, traffic, x.optText("hop"),
                        x.optText("encap"), x.where());
                case "noPacketSeen" -> new ExpectationSpec.NoPacketSeen(name, DeviceRef.parse(x.text("device", "")),
                        x.optText("traffic"), x.where());
                case "routePresent" -> new ExpectationSpec.RoutePresent(name, x.text("node", ""),
                        route(x.get("route")), x.duration("at"), x.bool("present", true), x.where());
                case "bgpEstablished" -> new ExpectationSpec.BgpEstablished(name, x.text("node", ""),
                        x.address("peer").orElse(null), x.duration("by"), x.where());
                case "icmpError" -> new ExpectationSpec.IcmpErrorReceived(name, traffic, icmpType(x.get("type")),
                        x.optInt("code"), x.optText("from").map(Target::parse), x.optInt("mtu"), x.where());
                case "loss" -> new ExpectationSpec.LossAtMost(name, traffic, TopologyBinder.percent(x, "atMost"),
                        x.where());
                default -> new ExpectationSpec.LedgerBalanced(name,
                        !x.node().isObject() || x.bool("allowInFlight", true), x.where());
            });
        }
        return List.copyOf(out);
    }

    /** The one route line of a fault or expectation. */
    private static IpLine route(Cursor c) {
        List<IpLine> lines = c.ipLines();
        if (lines.size() != 1) {
            c.error("expected one route in `ip route` syntax, found " + lines.size() + " lines");
            return new IpLine(c.text(), c.valueAt());
        }
        return lines.getFirst();
    }

    private static String derivedName(String kind, Cursor x, int index) {
        if (x.node().isObject() && x.has("traffic")) {
            return kind + " " + x.text("traffic", "");
        }
        if (x.node().isObject() && x.has("node")) {
            return kind + " " + x.text("node", "") + (x.has("peer") ? " " + x.text("peer", "") : "");
        }
        if (x.node().isObject() && x.has("device")) {
            return kind + " " + x.text("device", "");
        }
        return kind + " #" + index;
    }

    /** An ICMP type by number or by name (RFC 792's names as iptables writes them). */
    static int icmpType(Cursor c) {
        if (c.node().isNumber()) {
            return c.node().asInt();
        }
        for (int i = 0; i < ICMP_TYPES.length; i++) {
            if (c.text().equals(ICMP_TYPES[i])) {
                return i;
            }
        }
        c.error("unknown ICMP type \"" + c.text() + "\"");
        return -1;
    }

    Optional<CaptureSpec> capture(Cursor c) {
        if (!c.present()) {
            return Optional.empty();
        }
        Cursor devices = c.get("devices");
        boolean all = devices.node().isTextual();
        List<DeviceRef> refs = all ? List.of() : devices.items().stream().map(d -> DeviceRef.parse(d.text())).toList();
        return Optional.of(new CaptureSpec(all, refs,
                CaptureSpec.Format.valueOf(c.text("format", "pcapng").toUpperCase(java.util.Locale.ROOT)),
                c.text("files", "perDevice").equals("perDevice"),
                c.integer("snaplen", CaptureSpec.DEFAULT_SNAPLEN), c.bool("comments", true)));
    }

}
