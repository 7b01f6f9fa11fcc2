package io.overlaysim.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.overlaysim.capture.CaptureFormat;
import io.overlaysim.capture.CaptureRecorder;
import io.overlaysim.capture.CaptureWriter;
import io.overlaysim.capture.Tshark;
import io.overlaysim.device.LinkConfig;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.node.Node;
import io.overlaysim.node.Pmtudisc;
import io.overlaysim.packet.DropReason;
import io.overlaysim.routing.IpAddress;
import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.NextHop;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteProtocol;
import io.overlaysim.routing.RouteType;
import io.overlaysim.topology.Topology;
import io.overlaysim.traffic.Ping;
import io.overlaysim.traffic.PingOptions;
import io.overlaysim.transport.UdpStack;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceTest {
    // A ---- R ---- B      (10.0.0.1/30 - .2 | .5 - 10.0.0.6/30)
    private final Simulation sim = new Simulation(1);
    private final Topology t = Topology.chain(sim, "A", "R", "B");
    private final Trace trace = Trace.attach(t.network());

    private long udp(String from, int dst, int port, int size) {
        UdpStack.of(t.node("B"));
        return UdpStack.of(t.node(from)).bind(0, null).send(dst, port, size, 0);
    }

    @Test
    void aForgottenWalkIsGoneAndLaterStepsStartAFreshOne() {
        UdpStack.of(t.node("B")).bind(5000, null);
        long first = udp("A", t.address("B"), 5000, 100);
        long second = udp("A", t.address("B"), 5000, 100);
        sim.runUntilIdle();
        int before = trace.size();

        trace.forget(first);

        assertThat(trace.find(first)).isEmpty();
        assertThat(trace.size()).isEqualTo(before - 1);
        assertThat(trace.walk(second).outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(trace.comment(first)).isNull();
    }

    @Test
    void aForwardedDatagramIsNumberedStepByStepWithTheRouteThatMatched() {
        UdpStack.of(t.node("B")).bind(5000, null);
        long id = udp("A", t.address("B"), 5000, 100);
        sim.runUntilIdle();

        PacketWalk w = trace.walk(id);
        assertThat(w.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(w.kinds()).containsExactly("created", "route-lookup", "neighbour-incomplete", "neighbour-resolved",
                "sent", "received", "route-lookup", "neighbour-incomplete", "neighbour-resolved", "sent", "received",
                "route-lookup", "delivered");
        String text = TraceText.render(trace, id);
        assertThat(text.lines()).startsWith("packet 1 (udp:32768 on A): delivered", "1. A: created by udp:32768",
                "2. A: route lookup 10.0.0.6 -> 10.0.0.4/30 via 10.0.0.2 dev eth0");
        assertThat(text).contains("7. R: route lookup 10.0.0.6 -> 10.0.0.4/30 dev eth1 proto kernel scope link src 10.0.0.5\n")
                .contains("12. B: route lookup 10.0.0.6 -> local 10.0.0.6 dev eth0 table local proto kernel scope host src 10.0.0.6\n")
                .endsWith("13. B: delivered to udp:5000\n");
    }

    @Test
    void aPortUnreachableEndsAsAnIcmpErrorLinkedToItsCause() throws Exception {
        long id = udp("A", t.address("B"), 9, 10);
        sim.runUntilIdle();

        PacketWalk w = trace.walk(id);
        assertThat(w.outcome()).isEqualTo(Outcome.ICMP_ERROR);
        assertThat(w.reason()).isEqualTo(DropReason.NO_SOCKET);
        Step.IcmpGenerated g = (Step.IcmpGenerated) w.steps("icmp-generated").get(0);
        assertThat(g.description()).isEqualTo("Port unreachable");
        PacketWalk error = trace.walk(g.error());
        assertThat(error.parent()).isEqualTo(id);
        assertThat(error.relation()).isEqualTo("icmp-error");
        assertThat(error.outcome()).isEqualTo(Outcome.DELIVERED);

        JsonNode json = new ObjectMapper().readTree(TraceJson.json(trace, id, false));
        assertThat(json.get("outcome").asText()).isEqualTo("icmp-error");
        assertThat(json.get("reason").asText()).isEqualTo("no-socket");
        JsonNode forward = json.get("steps").get(6);
        assertThat(forward.get("node").asText()).isEqualTo("R");
        assertThat(forward.get("kind").asText()).isEqualTo("route-lookup");
        assertThat(forward.get("dev").asText()).isEqualTo("eth1");
        assertThat(forward.get("route").asText()).isEqualTo("10.0.0.4/30 dev eth1 proto kernel scope link src 10.0.0.5");
        assertThat(forward.get("decision").asText()).isEqualTo("forward");
        assertThat(json.get("children").get(0).get("relation").asText()).isEqualTo("icmp-error");
    }

    @Test
    void aBlackholeDropsSilently() throws Exception {
        Node r = t.node("R");
        r.addRoute(Route.reject(RouteType.BLACKHOLE, IpPrefix.parse("172.16.52.128/26"))
                .withProtocolScopeSrc(RouteProtocol.parse("bird"), null, null));
        t.node("A").addRoute(Route.unicast(IpPrefix.parse("172.16.0.0/16"),
                NextHop.via(IpAddress.parse("10.0.0.2"), "eth0")));
        long id = udp("A", Ipv4Address.parse("172.16.52.140").bits(), 5000, 10);
        sim.runUntilIdle();

        PacketWalk w = trace.walk(id);
        assertThat(w.outcome()).isEqualTo(Outcome.DROPPED);
        assertThat(w.reason()).isEqualTo(DropReason.BLACKHOLE);
        assertThat(w.children()).isEmpty();
        assertThat(TraceText.render(trace, id))
                .contains("R: route lookup 172.16.52.140 -> blackhole 172.16.52.128/26 proto bird\n")
                .endsWith("R: dropped: blackhole (dev eth0)\n");
    }

    @Test
    void aPingLinksItsReply() throws Exception {
        Ping.start(t.node("A"), t.address("B"), PingOptions.count(1));
        sim.runUntilIdle();
        PacketWalk request = trace.walks().stream().filter(w -> w.origin().equals("ping")).findFirst().orElseThrow();
        assertThat(request.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(request.steps("replied")).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(TraceJson.json(trace, request.id(), false));
        assertThat(json.get("reply").get("relation").asText()).isEqualTo("reply");
        assertThat(json.get("reply").get("outcome").asText()).isEqualTo("delivered");
    }

    @Test
    void fragmentsAreChildrenAndTheWalkEndsWithTheReassembledDatagram() {
        t.link("R", "B").devA().setMtu(1000);
        t.link("R", "B").devB().setMtu(1000);
        t.node("R").routes().changed();
        UdpStack.of(t.node("B")).bind(5000, null);
        long id = UdpStack.of(t.node("A")).bind(0, null).pmtudisc(Pmtudisc.DONT).send(t.address("B"), 5000, 1200, 0);
        sim.runUntilIdle();

        PacketWalk w = trace.walk(id);
        assertThat(w.outcome()).isEqualTo(Outcome.CONSUMED);
        Step.Fragmented f = (Step.Fragmented) w.steps("fragmented").get(0);
        assertThat(f.mtu()).isEqualTo(1000);
        assertThat(f.fragments()).hasSize(2).isEqualTo(w.children());
        PacketWalk end = trace.end(id);
        assertThat(end.relation()).isEqualTo("reassembled");
        assertThat(end.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(end.steps("delivered").get(0).node()).isEqualTo("B");
        assertThat(TraceText.render(trace, id)).contains("fragment of packet " + id).contains("reassembled of packet");
    }

    @Test
    void capturesCommentEachFrameWithTheStepThatProducedIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chain.pcapng");
        UdpStack.of(t.node("B")).bind(5000, null);
        try (CaptureWriter w = CaptureFormat.PCAPNG.open(file)) {
            CaptureRecorder rec = new CaptureRecorder(w);
            rec.setComments(trace::comment);
            rec.capture("R", t.node("R").device("eth1"));
            udp("A", t.address("B"), 5000, 100);
            sim.runUntilIdle();
        }
        Tshark.assertClean(file);
        List<List<String>> rows = Tshark.fields(file, "frame.comment", "ip.proto");
        assertThat(rows).contains(List.of("R: 10.0.0.4/30 dev eth1 proto kernel scope link src 10.0.0.5", "17"),
                List.of("R: arp request", ""));
    }
}
