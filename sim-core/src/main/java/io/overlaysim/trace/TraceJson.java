package io.overlaysim.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * A packet's walk as JSON with stable names ({@code trace --json}):
 *
 * <pre>{@code
 * {"packet": 1, "node": "A", "origin": "ping", "outcome": "delivered" | "dropped" | "icmp-error",
 *  "reason": null | "blackhole" | ...,
 *  "steps": [{"node": "R", "kind": "route-lookup", "time-ns": 1000, "dev": "eth1",
 *             "route": "10.0.0.4/30 dev eth1 proto kernel scope link src 10.0.0.5", "decision": "forward", ...}],
 *  "reply": {...the reply's walk...},
 *  "children": [{..., "relation": "icmp-error" | "fragment" | "reassembled"}]}
 * }</pre>
 *
 * The top-level {@code outcome} and {@code reason} are those of the walk's end ({@link Trace#end}):
 * a fragmented packet ends as its reassembled datagram did. Step fields beyond {@code node},
 * {@code kind}, {@code time-ns}, {@code dev} and {@code route} depend on the kind.
 */
public final class TraceJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TraceJson() {
    }

    /** The walk of {@code id} as a JSON tree. */
    public static ObjectNode tree(Trace trace, long id) {
        return walk(trace, trace.walk(id), new HashSet<>());
    }

    /** The walk of {@code id} as JSON text, indented when {@code pretty}. */
    public static String json(Trace trace, long id, boolean pretty) {
        try {
            return pretty ? MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree(trace, id))
                    : MAPPER.writeValueAsString(tree(trace, id));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode walk(Trace trace, PacketWalk w, Set<Long> seen) {
        seen.add(w.id());
        ObjectNode o = MAPPER.createObjectNode();
        PacketWalk end = trace.end(w.id());
        o.put("packet", w.id());
        o.put("node", w.node());
        o.put("origin", w.origin());
        if (w.relation() != null) {
            o.put("relation", w.relation());
            o.put("parent", w.parent());
        }
        o.put("outcome", end.outcome().label());
        o.put("reason", end.reason() == null ? null : end.reason().label());
        ArrayNode steps = o.putArray("steps");
        for (Step s : w.steps()) {
            steps.add(step(s));
        }
        ArrayNode children = MAPPER.createArrayNode();
        for (long c : w.children()) {
            if (seen.contains(c)) {
                continue;
            }
            PacketWalk cw = trace.walk(c);
            if ("reply".equals(cw.relation()) && !o.has("reply")) {
                o.set("reply", walk(trace, cw, seen));
            } else {
                children.add(walk(trace, cw, seen));
            }
        }
        o.set("children", children);
        return o;
    }

    /** One step: the common fields, then those of its kind. */
    public static ObjectNode step(Step s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("node", s.node());
        o.put("kind", s.kind());
        o.put("time-ns", s.time());
        if (s.dev() != null) {
            o.put("dev", s.dev());
        }
        if (s.route() != null) {
            o.put("route", s.route());
        }
        switch (s) {
            case Step.Created c -> o.put("what", c.what());
            case Step.Received r -> { }
            case Step.RouteLookup r -> {
                o.put("destination", r.destination());
                o.put("decision", r.decision());
                if (r.in() != null) {
                    o.put("in", r.in());
                }
                if (r.table() != null) {
                    o.put("table", r.table());
                }
                if (r.error() != null) {
                    o.put("error", r.error());
                }
            }
            case Step.NeighbourResolved r -> o.put("next-hop", r.nextHop()).put("mac", r.mac());
            case Step.NeighbourIncomplete r -> o.put("next-hop", r.nextHop());
            case Step.Sent x -> { }
            case Step.Encapsulated e -> o.put("tunnel", e.tunnel()).put("outer-src", e.outerSource())
                    .put("outer-dst", e.outerDestination());
            case Step.Decapsulated e -> o.put("tunnel", e.tunnel()).put("outer-src", e.outerSource())
                    .put("outer-dst", e.outerDestination());
            case Step.Fragmented f -> {
                o.put("mtu", f.mtu());
                ArrayNode a = o.putArray("fragments");
                f.fragments().forEach(a::add);
            }
            case Step.Reassembled r -> {
                o.put("datagram", r.datagram());
                ArrayNode a = o.putArray("fragments");
                r.fragments().forEach(a::add);
            }
            case Step.IcmpGenerated g -> o.put("icmp-type", g.type()).put("icmp-code", g.code())
                    .put("description", g.description()).put("error-packet", g.error());
            case Step.Replied r -> o.put("reply-packet", r.reply());
            case Step.Delivered d -> o.put("to", d.to());
            case Step.Dropped d -> o.put("reason", d.reason().label());
        }
        return o;
    }
}
