package io.overlaysim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.overlaysim.engine.Simulation;
import io.overlaysim.node.Node;
import io.overlaysim.scenario.Scenario;
import io.overlaysim.scenario.ScenarioError;
import io.overlaysim.scenario.ScenarioException;
import io.overlaysim.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Scenarios run end to end: the bundled ones that can run pass, the others say what they wait for. */
class ScenarioRunTest {
    private static final Path BUNDLED = Path.of("bundled");
    private static final Path RUN = Path.of("src/test/resources/run");

    static Stream<Path> bundled() throws IOException {
        try (Stream<Path> s = Files.list(BUNDLED)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    private static RunResult run(Path file) throws IOException {
        return ScenarioRun.run(ScenarioLoader.load(file), ScenarioRun.Options.DEFAULT);
    }

    /** Each bundled scenario either passes every expectation or stops before running, saying what it waits for. */
    @ParameterizedTest
    @MethodSource("bundled")
    void bundledScenarioPassesOrWaitsForACapability(Path file) throws IOException {
        Scenario s = ScenarioLoader.load(file);
        RunResult r;
        try {
            r = ScenarioRun.run(s, ScenarioRun.Options.DEFAULT);
        } catch (ScenarioException e) {
            assertThat(e.errors()).singleElement().extracting(ScenarioError::message).asString()
                    .startsWith("not supported yet: ").contains("(waits for ");
            return;
        }
        assertThat(r.verdicts()).hasSize(s.expectations().size())
                .allSatisfy(v -> assertThat(v.passed()).as(v.name() + ": " + v.message() + "\n"
                        + String.join("\n", v.evidence())).isTrue());
    }

    @Test
    void routersChainRunsAndEveryExpectationHolds() throws IOException {
        RunResult r = run(BUNDLED.resolve("routers-chain.yaml"));

        assertThat(r.passed()).isTrue();
        assertThat(r.verdicts()).extracting(Verdict::kind).contains("delivered", "dropped", "icmpError", "routePresent",
                "noPacketSeen", "pathContains", "loss", "ledgerBalanced");
        assertThat(r.events()).containsExactly("3.000000s ip route add blackhole 198.51.100.0/24 on r1",
                "6.000000s link l2 down", "9.000000s link l2 up");
        assertThat(r.ledger().inFlight()).isZero();
        assertThat(r.ledger().created()).isEqualTo(r.ledger().delivered() + r.ledger().dropped() + r.ledger().consumed());
        // the chain preset's tables, as ip route prints them: r1 routes to the far /30 via r2
        assertThat(r.nodes().get("r1").routes().get("main")).containsExactly(
                "10.0.0.0/30 dev eth0 proto kernel scope link src 10.0.0.2",
                "10.0.0.4/30 dev eth1 proto kernel scope link src 10.0.0.5",
                "10.0.0.8/30 via 10.0.0.6 dev eth1",
                "blackhole 198.51.100.0/24");
        assertThat(r.nodes().get("a").routes().get("main")).first().isEqualTo("default via 10.0.0.2 dev eth0");
        assertThat(r.pings().get("a-to-b").received()).isEqualTo(3);
    }

    @Test
    void declaredNodesWithVethRulesNeighboursAndAnMtuStepRun() throws IOException {
        RunResult r = run(RUN.resolve("declared-hosts.yaml"));

        assertThat(r.verdicts()).allSatisfy(v -> assertThat(v.passed()).as(v.name() + ": " + v.message()).isTrue());
        assertThat(r.nodes().get("r").routes()).containsKey("100");
        assertThat(r.nodes().get("r").routes().get("100")).containsExactly("unreachable 10.0.9.0/24");
        assertThat(r.nodes().get("h2").devices()).filteredOn(d -> d.name().equals("eth0"))
                .singleElement().satisfies(d -> assertThat(d.mtu()).isEqualTo(1400));
    }

    @Test
    void aFailedExpectationCarriesThePacketsWalk() throws IOException {
        RunResult r = run(RUN.resolve("routers-chain-broken.yaml"));

        assertThat(r.passed()).isFalse();
        Verdict failed = r.verdicts().stream().filter(v -> !v.passed()).collect(java.util.stream.Collectors.toList())
                .getFirst();
        assertThat(failed.name()).isEqualTo("pings cross the cut link");
        assertThat(failed.message()).isEqualTo("expected all 2 replies, got 0 (2 transmitted, 0 received, 100.0% packet loss)");
        // the real walk of the packet that broke it, numbered, each lookup with the route that matched
        assertThat(failed.evidence()).containsSubsequence("packet 22 (ping on a): dropped (link-down)",
                "1. a: created by ping",
                "2. a: route lookup 10.0.0.10 -> default via 10.0.0.2 dev eth0",
                "6. r1: route lookup 10.0.0.10 -> 10.0.0.8/30 via 10.0.0.6 dev eth1",
                "13. r2: dropped: link-down (dev eth1)");
    }

    @Test
    void mtuMismatchDropsOnlyTheLargeDatagramsWithDf() throws IOException {
        RunResult r = run(BUNDLED.resolve("mtu-mismatch.yaml"));

        assertThat(r.verdicts()).allSatisfy(v -> assertThat(v.passed()).as(v.name() + ": " + v.message()).isTrue());
        assertThat(r.flows().get("small").received()).isEqualTo(100);
        assertThat(r.flows().get("large-df").sent()).isEqualTo(100);
        assertThat(r.flows().get("large-df").received()).isZero();
        Verdict dropped = r.verdicts().get(2);
        assertThat(dropped.message()).isEqualTo("1 packet(s) of large-df dropped (too-big-df) at r");
        assertThat(dropped.evidence()).first().asString().startsWith("packet ").endsWith("(udp:32769 on a): icmp-error (too-big-df)");
        assertThat(dropped.evidence()).contains("8. r: icmp Fragmentation needed (type 3 code 4) sent back as packet 6",
                "9. r: dropped: too-big-df (dev eth0)");
        Verdict icmp = r.verdicts().get(3);
        assertThat(icmp.message()).isEqualTo("1 ICMP type 3 code 4 mtu 1400 from r received by the sender of large-df");
    }

    @Test
    void twoFlowsListeningOnOnePortAreAnErrorAtTheSecond(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, Files.readString(BUNDLED.resolve("mtu-mismatch.yaml")).replace(", port: 5002}", "}"));
        Scenario s = ScenarioLoader.load(f);

        assertThatThrownBy(() -> ScenarioRun.run(s, ScenarioRun.Options.DEFAULT))
                .hasMessage(f + ":39:5: UDP flow \"large-df\" listens on port 5001 of b, as flow \"small\" does:"
                        + " give one of them another port");
    }

    @Test
    void sameScenarioAndSeedGiveTheSameResultsAndCaptures(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Scenario s = ScenarioLoader.load(BUNDLED.resolve("routers-chain.yaml"));
        ScenarioRun.Options first = new ScenarioRun.Options(java.util.OptionalLong.of(11),
                java.util.Optional.of(dir.resolve("1")), ScenarioRun.Progress.NONE);
        ScenarioRun.Options second = new ScenarioRun.Options(java.util.OptionalLong.of(11),
                java.util.Optional.of(dir.resolve("2")), ScenarioRun.Progress.NONE);
        String a = ResultJson.of(List.of(ScenarioRun.run(s, first)));
        String b = ResultJson.of(List.of(ScenarioRun.run(s, second)));

        assertThat(a).isEqualTo(b).contains("\"seed\" : 11");
        try (Stream<Path> files = Files.list(dir.resolve("1"))) {
            List<Path> captures = files.sorted().toList();
            assertThat(captures).hasSize(6);
            for (Path c : captures) {
                assertThat(Files.readAllBytes(c)).as(c.toString()).isEqualTo(Files.readAllBytes(dir.resolve("2")
                        .resolve(c.getFileName())));
            }
        }
    }

    @Test
    void segmentsBridgesTracerouteAndUdpFlowsRun(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Scenario s = ScenarioLoader.load(RUN.resolve("lan-bridge.yaml"));
        RunResult r = ScenarioRun.run(s, new ScenarioRun.Options(java.util.OptionalLong.empty(), java.util.Optional.of(dir),
                ScenarioRun.Progress.NONE));

        assertThat(r.verdicts()).allSatisfy(v -> assertThat(v.passed()).as(v.name() + ": " + v.message() + "\n"
                + String.join("\n", v.evidence())).isTrue());
        assertThat(r.traceroutes().get("h2-p2").lines()).hasSize(2)
                .satisfies(l -> assertThat(l.get(0)).startsWith(" 1  10.1.0.254 "))
                .satisfies(l -> assertThat(l.get(1)).startsWith(" 2  10.2.0.12 "));
        assertThat(r.flows().get("p1-p2").received()).isEqualTo(50);
        // the walk of the traceroute's first probe, as the pathContains verdict shows it
        Verdict hop = r.verdicts().get(3);
        assertThat(hop.evidence()).first().asString().matches("packet \\d+ \\(udp:\\d+ on h2\\): icmp-error \\(ttl-exceeded\\)");
        // pcapng comments name the step that produced each packet
        var frames = io.overlaysim.capture.PcapReader.read(r.captures().getFirst()).records();
        assertThat(frames).anySatisfy(f -> assertThat(f.comment()).isEqualTo("gw: 10.2.0.0/24 dev br0 proto kernel scope link src 10.2.0.1"));
        assertThat(frames).anySatisfy(f -> assertThat(f.comment()).isEqualTo("gw: bridge flood"));
        assertThat(frames).allSatisfy(f -> assertThat(f.comment()).as(f.timestampNanos() + " " + f.interfaceId() + " " + f.direction() + " " + f.originalLength()).isNotNull());
    }

    @Test
    void aSegmentWithALineRateIsASwitchWithOneCablePerEndpoint(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        //   h1 --cable-- p-h1 [lan/br0] p-gw --cable-- gw     (100 Mbit/s, 50 us, queue 10 on each cable)
        //   h2 --cable-- p-h2 /
        Path lan = dir.resolve("lan-rate.yaml");
        Files.writeString(lan, Files.readString(RUN.resolve("lan-bridge.yaml"))
                .replace("delay: 50us, mtu: 1500}", "delay: 50us, mtu: 1500, bandwidth: 100Mbit, queue: 10}"));
        Scenario s = ScenarioLoader.load(lan);
        Simulation sim = new Simulation(1);
        BuiltNetwork built = NetworkBuilder.build(s, sim);
        assertThat(built.node("lan").devices()).extracting(d -> d.name()).contains("br0", "p-h1", "p-h2", "p-gw");

        RunResult r = ScenarioRun.run(s, new ScenarioRun.Options(java.util.OptionalLong.empty(), java.util.Optional.empty(),
                ScenarioRun.Progress.NONE));
        assertThat(r.verdicts()).allSatisfy(v -> assertThat(v.passed()).as(v.name() + ": " + v.message()).isTrue());
        // 98-byte echo frames cross two 100 Mbit/s cables each way (h1-lan, lan-gw): 4 x (50 us + 7.84 us of
        // serialisation); the bridge and the veths to p1 add nothing
        assertThat(r.pings().get("h1-p1").minRtt()).isEqualTo(4 * 50_000L + 4 * 7_840L);
    }

    @Test
    void aLongFlowKeepsTheWalksItNeedsNotOnePerPacket() {
        Scenario s = ScenarioLoader.load(RUN.resolve("lan-bridge.yaml"));
        Simulation sim = new Simulation(1);
        BuiltNetwork built = NetworkBuilder.build(s, sim);
        WalkKeeper keeper = new WalkKeeper(new io.overlaysim.trace.Trace(), true);
        TrafficWatch watch = new TrafficWatch(keeper);
        built.network().setObserver(watch);
        Node p1 = built.node("p1");
        io.overlaysim.traffic.UdpFlow f = io.overlaysim.traffic.UdpFlow.start(p1, 0, built.node("p2"),
                built.addressOf("p2"), io.overlaysim.traffic.UdpFlowOptions.interval(100_000L, 100, 1_000_000_000L));
        watch.socket("long", p1, f.socket().port());
        sim.runUntil(2_000_000_000L);

        assertThat(f.result().received()).isEqualTo(10_000);
        TrafficLog log = watch.log("long");
        assertThat(log.keptRoots).hasSize(WalkKeeper.FIRST);
        assertThat(log.pendingRoots).as("only the last, whose walk nothing settled yet").hasSizeLessThanOrEqualTo(1);
        // ten thousand datagrams (and their ARP) leave the first eight walks behind
        assertThat(keeper.trace().size()).isLessThan(20);
        assertThat(keeper.render(log.keptRoots.getFirst())).first().asString().endsWith("on p1): delivered");
    }

    @Test
    void importedNodesAreBuiltFromTheirDumpsWithTheInferredSegments() throws IOException {
        RunResult r = run(RUN.resolve("imported-routers.yaml"));

        assertThat(r.verdicts()).allSatisfy(v -> assertThat(v.passed()).as(v.name() + ": " + v.message() + "\n"
                + String.join("\n", v.evidence())).isTrue());
        assertThat(r.nodes().get("r1").routes().get("main")).containsExactly(
                "10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.1",
                "10.0.2.0/24 dev eth1 proto kernel scope link src 10.0.2.1");
        assertThat(r.nodes().get("r1").devices()).filteredOn(d -> d.name().equals("eth1"))
                .singleElement().satisfies(d -> assertThat(d.mtu()).isEqualTo(1400));
        // h2's address came from the src of its route (it has no ip addr dump)
        assertThat(r.pings().get("h1-h2").lines().getFirst()).startsWith("64 bytes from 10.0.2.20:");
    }

    @Test
    void anImportedCalicoVxlanClusterRunsThroughItsTunnels(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path cluster = Path.of("../sim-core/src/test/resources/clusters/calico-vxlan").toAbsolutePath().normalize();
        Path f = dir.resolve("calico.yaml");
        Files.writeString(f, "name: calico-imported\nnodes:\n"
                + "  worker01: {import: " + cluster.resolve("worker01") + "}\n"
                + "  worker02: {import: " + cluster.resolve("worker02") + "}\n"
                + "  worker03: {import: " + cluster.resolve("worker03") + "}\n"
                + "traffic:\n  - ping: {name: to-pod, from: worker01, to: 172.16.103.65, at: 1s, count: 2}\n"
                + "expect:\n  - delivered: {traffic: to-pod}\n"
                + "  - pathContains: {traffic: to-pod, hop: worker02/vxlan.calico, encap: vxlan}\n"
                + "  - ledgerBalanced: true\n");
        RunResult r = run(f);

        assertThat(r.verdicts()).allSatisfy(v -> assertThat(v.passed()).as(v.name() + ": " + v.message() + "\n"
                + String.join("\n", v.evidence())).isTrue());
        assertThat(r.verdicts().get(1).evidence()).anySatisfy(l -> assertThat(l)
                .endsWith("worker01: encapsulated by vxlan.calico: vxlan vni 4096 port 4789 192.168.0.176 -> 192.168.0.146"));
        // the pods behind the cali* veths are nodes of their own
        assertThat(r.nodes()).containsKeys("worker01/pod-0", "worker02/pod-0", "worker03/pod-0");
    }
}
