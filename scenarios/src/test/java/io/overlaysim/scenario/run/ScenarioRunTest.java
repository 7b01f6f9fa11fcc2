package io.overlaysim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(failed.evidence()).contains("#22 7.000000s a: created ping", "#22 7.000201s r2: dropped (link-down) on eth1");
    }

    @Test
    void udpFlowsWaitForTheirApplicationAtTheirLine() throws IOException {
        Scenario s = ScenarioLoader.load(BUNDLED.resolve("mtu-mismatch.yaml"));

        assertThatThrownBy(() -> ScenarioRun.run(s, ScenarioRun.Options.DEFAULT))
                .hasMessage("bundled/mtu-mismatch.yaml:38:5: not supported yet: UDP flow \"small\" (waits for the node2"
                        + " branch: traceroute and UDP flows)");
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
}
