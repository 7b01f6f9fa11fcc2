package io.overlaysim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.overlaysim.capture.Tshark;
import io.overlaysim.cli.CliRun;
import io.overlaysim.scenario.Scenario;
import io.overlaysim.scenario.ScenarioException;
import io.overlaysim.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declared BGP speakers in scenarios: sessions over the nodes' TCP, BIRD's kernel routes, BGP faults and expectations. */
class BgpRunTest {
    private static final Path ROUTERS = Path.of("bundled/bgp-routers.yaml");
    private static final Path PAIR = Path.of("src/test/resources/run/bgp-pair.yaml");

    private static Verdict verdict(RunResult r, String name) {
        return r.verdicts().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void bgpRoutersRunsEndToEnd() throws IOException {
        RunResult r = ScenarioRun.run(ScenarioLoader.load(ROUTERS), ScenarioRun.Options.DEFAULT);

        assertThat(r.verdicts()).allSatisfy(v -> assertThat(v.passed()).as(v.name() + ": " + v.message() + "\n"
                + String.join("\n", v.evidence())).isTrue());
        assertThat(r.verdicts()).extracting(Verdict::kind).contains("bgpEstablished", "routePresent", "dropped");
        assertThat(r.events()).containsExactly(
                "15.000000s bgp rr peer 10.255.0.2 disabled (Cease (6) / Administrative Shutdown (2))",
                "20.000000s bgp rr peer 10.255.0.2 enabled", "40.000000s link l3 down", "60.000000s link l3 up");
        // reflected routes keep the owner's loopback as next hop, resolved through the static route
        assertThat(r.nodes().get("r1").routes().get("main")).containsExactly(
                "10.0.0.0/30 dev eth0 proto kernel scope link src 10.0.0.2",
                "blackhole 10.1.1.0/24 proto bird",
                "10.2.2.0/24 via 10.0.0.1 dev eth0 proto bird",
                "10.3.3.0/24 via 10.0.0.1 dev eth0 proto bird",
                "10.10.10.0/24 via 10.0.0.1 dev eth0 proto bird",
                "10.255.0.0/24 via 10.0.0.1 dev eth0");
        // the sessions at the end: r2's came up twice (the shutdown), r3's twice (the link fault)
        List<RunResult.BgpSession> rr = r.nodes().get("rr").bgp();
        assertThat(rr).extracting(RunResult.BgpSession::peer).containsExactly("10.255.0.1", "10.255.0.2", "10.255.0.3");
        assertThat(rr).extracting(RunResult.BgpSession::state).containsOnly("Established");
        assertThat(rr).extracting(RunResult.BgpSession::established).containsExactly(1, 2, 2);
        assertThat(rr).extracting(RunResult.BgpSession::prefixesReceived).containsOnly(1);
        assertThat(rr).extracting(RunResult.BgpSession::prefixesSent).containsOnly(3);
        assertThat(rr.get(1).lastNotificationSent()).isEqualTo("Cease (6) / Administrative Shutdown (2)");
        assertThat(r.nodes().get("r2").bgp().getFirst().lastNotificationReceived())
                .isEqualTo("Cease (6) / Administrative Shutdown (2)");
        // r3's session came back after the hold timer (9 s) and BIRD's error wait (60 s)
        assertThat(rr.get(2).sinceNanos()).isBetween(100_000_000_000L, 130_000_000_000L);
        assertThat(verdict(r, "r3-session-back").evidence().getFirst()).matches("Established at 5\\.0\\d*s, 1\\d\\d\\.\\d+s");
    }

    @Test
    void bgpSessionsAppearCleanInTheCaptures(@TempDir Path dir) throws IOException {
        Scenario s = ScenarioLoader.load(ROUTERS);
        ScenarioRun.run(s, new ScenarioRun.Options(OptionalLong.empty(), Optional.of(dir), ScenarioRun.Progress.NONE));

        Path rr3 = dir.resolve("rr-eth3.pcapng");
        assertThat(Tshark.assertClean(rr3).packets()).isGreaterThan(50);
        List<String> types = Tshark.fields(rr3, "bgp.type").stream().filter(row -> !row.isEmpty())
                .flatMap(row -> Stream.of(row.getFirst().split(","))).toList();
        // OPEN, UPDATE, NOTIFICATION (collision) and KEEPALIVE, twice over (the session came back)
        assertThat(types).contains("1", "2", "3", "4");
        assertThat(types.stream().filter("1"::equals).count()).isGreaterThanOrEqualTo(4);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Tshark.assertClean(f);
            }
        }
    }

    @Test
    void jsonHoldsEachNodesSessions(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("r.json");
        CliRun cli = CliRun.of("run", ROUTERS.toString(), "--json", json.toString(), "--no-color");
        assertThat(cli.exitCode()).as(cli.err()).isZero();

        JsonNode rr = new ObjectMapper().readTree(json.toFile()).get("scenarios").get(0).get("nodes").get("rr");
        JsonNode r2 = rr.get("bgp").get(1);
        assertThat(r2.get("peer").asText()).isEqualTo("10.255.0.2");
        assertThat(r2.get("asn").asLong()).isEqualTo(65000);
        assertThat(r2.get("kind").asText()).isEqualTo("iBGP");
        assertThat(r2.get("state").asText()).isEqualTo("Established");
        assertThat(r2.get("sinceSeconds").asDouble()).isBetween(20.0, 21.0);
        assertThat(r2.get("established").asInt()).isEqualTo(2);
        assertThat(r2.get("prefixes").get("received").asInt()).isEqualTo(1);
        assertThat(r2.get("prefixes").get("sent").asInt()).isEqualTo(3);
        assertThat(r2.get("lastNotification").get("sent").asText()).isEqualTo("Cease (6) / Administrative Shutdown (2)");
        assertThat(r2.get("lastNotification").get("received").isNull()).isTrue();
        assertThat(rr.get("routes").get("main").toString()).contains("10.3.3.0/24 via 10.0.0.10 dev eth3 proto bird");
    }

    @Test
    void anIpipSpeakerWithoutTunl0IsExitCode2(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("ipip.yaml");
        Files.writeString(f, """
                name: ipip-without-tunnel
                nodes:
                  worker01: {devices: {enp1s0: {}}, addresses: [192.168.0.176/24 dev enp1s0]}
                bgp:
                  speakers:
                    worker01: {asn: 64512, tunnel: ipip, peers: [{address: 192.168.0.146}]}
                """);
        CliRun cli = CliRun.of("run", f.toString(), "--no-color");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("ipip.yaml:6:36: node \"worker01\" has no tunl0 device");
    }

    @Test
    void failedBgpExpectationsSayWhatTheSessionWasDoing() throws IOException {
        RunResult r = ScenarioRun.run(ScenarioLoader.load(PAIR), ScenarioRun.Options.DEFAULT);

        Verdict early = verdict(r, "too-early");
        assertThat(early.passed()).isFalse();
        assertThat(early.message()).matches("a's session with 10\\.0\\.0\\.2 is (Idle|Active|Connect) at 2\\.0s \\(since .*\\)");
        assertThat(early.evidence().getFirst()).startsWith("Established at 5.");
        assertThat(verdict(r, "restart-wait").passed()).isTrue();
        assertThat(r.verdicts().get(3).passed()).as(r.verdicts().get(3).message()).isTrue();
        assertThat(r.verdicts().get(2).passed()).as(r.verdicts().get(2).message()).isTrue();

        Verdict down = verdict(r, "shut-down");
        assertThat(down.passed()).isFalse();
        assertThat(down.message()).startsWith("a's session with 10.0.0.2 is ").doesNotContain("Established")
                .containsPattern("at the end \\(since 2[0-9]\\.\\d+s\\)");
        assertThat(down.evidence()).contains("last NOTIFICATION received: Cease (6) / Administrative Shutdown (2)");
        // a's table after the shutdown: b's block is gone, a's own blackhole stays
        assertThat(r.nodes().get("a").routes().get("main")).contains("blackhole 10.1.1.0/24 proto bird")
                .noneMatch(l -> l.startsWith("10.2.2.0/24"));
        assertThat(r.nodes().get("a").bgp()).singleElement().satisfies(b -> {
            assertThat(b.kind()).isEqualTo("eBGP");
            assertThat(b.asn()).isEqualTo(65002);
            assertThat(b.prefixesReceived()).isZero();
        });
    }

    @Test
    void aFaultOrExpectationOnAnUnknownPeerIsAnErrorAtItsLine() {
        String text = """
                name: unknown-peer
                nodes:
                  a: {devices: {eth0: {}}, addresses: [10.0.0.1/30 dev eth0]}
                bgp:
                  speakers:
                    a: {asn: 65001, peers: [{address: 10.0.0.2}]}
                faults:
                  - bgpPeerDown: {at: 1s, node: a, peer: 10.0.0.9}
                """;
        Scenario s = ScenarioLoader.load("unknown-peer.yaml", text, Path.of("."));
        assertThatThrownBy(() -> ScenarioRun.run(s, ScenarioRun.Options.DEFAULT))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("unknown-peer.yaml:8:5: the BGP speaker of node \"a\" has no peer 10.0.0.9; its peers: [10.0.0.2]");
    }

    @Test
    void anIpipSpeakerWithoutTunl0IsRefusedNamingTheNode() {
        String text = """
                name: ipip-without-tunnel
                nodes:
                  worker01: {devices: {enp1s0: {}}, addresses: [192.168.0.176/24 dev enp1s0]}
                bgp:
                  speakers:
                    worker01: {asn: 64512, tunnel: ipip, peers: [{address: 192.168.0.146}]}
                """;
        assertThatThrownBy(() -> ScenarioLoader.load("ipip.yaml", text, Path.of(".")))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("ipip.yaml:6:36: node \"worker01\" has no tunl0 device for the ipip routes of its speaker;"
                        + " its devices: enp1s0, lo");
    }

    @Test
    void aSpeakerMustSpeakFromOneOfItsNodesAddresses() {
        String text = """
                name: foreign-router-id
                nodes:
                  a: {devices: {eth0: {}}, addresses: [10.0.0.1/30 dev eth0]}
                bgp:
                  speakers:
                    a: {asn: 65001, routerId: 1.1.1.1, peers: [{address: 10.0.0.2}]}
                """;
        Scenario s = ScenarioLoader.load("rid.yaml", text, Path.of("."));
        assertThatThrownBy(() -> ScenarioRun.run(s, ScenarioRun.Options.DEFAULT))
                .hasMessageContaining("the BGP speaker of node \"a\" speaks from 1.1.1.1, which is not one of the node's"
                        + " addresses");
    }
}
