package io.overlaysim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.capture.Tshark;
import io.overlaysim.scenario.PresetNames;
import io.overlaysim.scenario.Scenario;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code calico} and {@code flannel} presets built into simulated clusters: every bundled
 * scenario that uses them runs and passes, the converged tables have the shape of the real
 * nodes' (DESIGN.md's seed example, the corpus dumps), and the default scenario's captures are
 * clean in Wireshark and byte-identical from run to run.
 */
class ClusterPresetsTest {
    private static final Path BUNDLED = Path.of("bundled");
    private static final Path RUN = Path.of("src/test/resources/run");

    private static RunResult run(Path file) throws IOException {
        return ScenarioRun.run(ScenarioLoader.load(file), ScenarioRun.Options.DEFAULT);
    }

    private static RunResult run(Path file, Path captures) throws IOException {
        return ScenarioRun.run(ScenarioLoader.load(file), new ScenarioRun.Options(OptionalLong.empty(),
                Optional.of(captures), ScenarioRun.Progress.NONE));
    }

    private static void assertPassed(RunResult r) {
        assertThat(r.verdicts()).isNotEmpty().allSatisfy(v -> assertThat(v.passed())
                .as(v.name() + ": " + v.message() + "\n" + String.join("\n", v.evidence())).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"default.yaml", "calico-ipip.yaml", "calico-vxlan.yaml", "calico-crosssubnet.yaml",
            "bgp-full-mesh.yaml", "route-reflectors.yaml", "cilium-vxlan.yaml"})
    void everyBundledCalicoScenarioPasses(String file) throws IOException {
        RunResult r = run(BUNDLED.resolve(file));

        assertPassed(r);
        assertThat(r.passed()).isTrue();
    }

    /**
     * Flannel (flannel-vxlan.yaml also runs a UDP flow, which the executor cannot start yet: its
     * pings run here, and host-gw) and Calico without encapsulation.
     */
    @ParameterizedTest
    @ValueSource(strings = {"flannel-pings.yaml", "flannel-host-gw.yaml", "calico-none.yaml"})
    void moreClustersPass(String file) throws IOException {
        assertPassed(run(RUN.resolve(file)));
    }

    /** Every node and device {@link PresetNames} promises for a preset is built, and nothing else but the switches. */
    @ParameterizedTest
    @ValueSource(strings = {"bundled/calico-crosssubnet.yaml", "bundled/calico-vxlan.yaml", "bundled/cilium-vxlan.yaml",
            "src/test/resources/run/flannel-pings.yaml", "src/test/resources/run/flannel-host-gw.yaml"})
    void thePresetMakesTheNamesItPromises(String file) throws IOException {
        Scenario s = ScenarioLoader.load(Path.of(file));
        BuiltNetwork built = NetworkBuilder.build(s, new io.overlaysim.engine.Simulation(1));
        PresetNames.Made made = PresetNames.of(s.presets().getFirst());

        java.util.Map<String, List<String>> actual = new java.util.LinkedHashMap<>();
        built.network().nodes().forEach(n -> actual.put(n.name(), n.devices().stream().map(d -> d.name()).toList()));
        made.nodeDevices().forEach((node, devices) -> assertThat(actual.get(node)).as(node)
                .containsExactlyInAnyOrderElementsOf(devices));
        assertThat(actual.keySet()).containsAll(made.nodeDevices().keySet());
        List<String> extra = actual.keySet().stream().filter(n -> !made.nodeDevices().containsKey(n)).toList();
        assertThat(extra).as("nodes beyond the promised ones").allMatch(n -> made.links().contains(n));
        made.attachments().forEach((dev, lan) -> assertThat(actual.get(lan)).as(dev + " on " + lan)
                .contains("p-" + dev.substring(0, dev.indexOf('/'))));
    }

    @Test
    void theDefaultClusterConvergesToTheSeedExamplesTable() throws IOException {
        RunResult r = run(BUNDLED.resolve("default.yaml"));

        String pod0 = PresetNames.calicoVeth("worker01/pod-0");
        String pod1 = PresetNames.calicoVeth("worker01/pod-1");
        String pod2 = PresetNames.calicoVeth("worker01/pod-2");
        assertThat(r.nodes().get("worker01").routes().get("main")).containsExactly(
                "default via 192.168.0.1 dev enp1s0 proto static",
                "blackhole 172.16.52.128/26 proto bird",
                "172.16.52.132 dev " + pod0 + " scope link",
                "172.16.52.134 dev " + pod1 + " scope link",
                "172.16.52.135 dev " + pod2 + " scope link",
                "172.16.103.64/26 via 192.168.0.146 dev tunl0 proto bird onlink",
                "172.16.246.192/26 via 192.168.0.241 dev tunl0 proto bird onlink",
                "192.168.0.0/24 dev enp1s0 proto kernel scope link src 192.168.0.176");
        assertThat(r.nodes().get("worker01/pod-0").routes().get("main")).containsExactly(
                "default via 169.254.1.1 dev eth0", "169.254.1.1 dev eth0 scope link");
        assertThat(r.nodes().get("worker01").bgp()).extracting(RunResult.BgpSession::peer, RunResult.BgpSession::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("192.168.0.146", "Established"),
                        org.assertj.core.groups.Tuple.tuple("192.168.0.241", "Established"));
    }

    @Test
    void crossSubnetTunnelsOnlyTowardTheOtherSubnet() throws IOException {
        RunResult r = run(BUNDLED.resolve("calico-crosssubnet.yaml"));

        assertThat(r.nodes().get("worker01").routes().get("main")).contains(
                "172.16.0.64/26 via 192.168.0.11 dev enp1s0 proto bird",
                "172.16.0.128/26 via 192.168.1.10 dev tunl0 proto bird onlink",
                "172.16.0.192/26 via 192.168.1.11 dev tunl0 proto bird onlink");
        assertThat(r.nodes().get("gateway").routes().get("main")).containsExactly(
                "192.168.0.0/24 dev eth0 proto kernel scope link src 192.168.0.1",
                "192.168.1.0/24 dev eth1 proto kernel scope link src 192.168.1.1");
    }

    @Test
    void vxlanRoutesAreFelixs() throws IOException {
        RunResult r = run(BUNDLED.resolve("calico-vxlan.yaml"));

        assertThat(r.nodes().get("worker01").routes().get("main")).contains(
                "blackhole 172.16.0.0/26 proto 80",
                "172.16.0.64/26 via 172.16.0.64 dev vxlan.calico proto 80 onlink",
                "172.16.0.128/26 via 172.16.0.128 dev vxlan.calico proto 80 onlink");
        assertThat(r.nodes().get("worker01").devices()).filteredOn(d -> d.name().equals("vxlan.calico"))
                .singleElement().extracting(RunResult.DeviceState::mtu).isEqualTo(1450);
        assertThat(r.nodes().get("worker01").bgp()).isEmpty();
    }

    @Test
    void theDefaultScenariosCapturesAreCleanInWiresharkAndShowBgpIpipAndTheBlackhole(@TempDir Path dir)
            throws IOException {
        RunResult r = run(BUNDLED.resolve("default.yaml"), dir);

        assertThat(r.captures()).hasSizeGreaterThan(10);
        for (Path c : r.captures()) {
            assertThat(expertWarnings(c)).as("tshark's warnings and errors in %s", c).isEmpty();
        }
        Tshark.assertClean(dir.resolve("worker01-enp1s0.pcapng"));
        Path nic = dir.resolve("worker01-enp1s0.pcapng");
        // one segment may carry several BGP messages ("2,2"): OPEN, UPDATE and KEEPALIVE all appear
        assertThat(Tshark.fields(nic, "bgp.type").stream().flatMap(row -> java.util.Arrays.stream(row.getFirst().split(","))))
                .contains("1", "2", "4");
        // IPIP: outer 192.168.0.176 -> .146 protocol 4, inner pod to pod
        assertThat(Tshark.fields(nic, "ip.proto", "ip.src")).contains(List.of("4,1", "192.168.0.176,172.16.52.132"));
        // the ping into the own block's free slot leaves the pod and gets no answer
        List<List<String>> pod = Tshark.fields(dir.resolve("worker01-pod-0-eth0.pcapng"), "ip.dst", "icmp.type");
        assertThat(pod).contains(List.of("172.16.52.140", "8"));
        assertThat(pod.stream().filter(row -> row.getFirst().equals("172.16.52.140")).count()).isEqualTo(1);
        assertThat(Tshark.fields(dir.resolve("worker01-tunl0.pcapng"), "ip.dst")).extracting(List::getFirst)
                .doesNotContain("172.16.52.140");
    }

    /**
     * What Wireshark would flag in {@code file}, in one tshark pass: its expert items of warning
     * level and above ({@code -z expert,warn}) with checksum validation on, so bad checksums and
     * malformed packets count too; also anything tshark says on stderr but its root notice.
     */
    private static String expertWarnings(Path file) throws IOException {
        Path tshark = Tshark.require();
        Process p = new ProcessBuilder(tshark.toString(), "-n", "-r", file.toString(), "-o", "ip.check_checksum:TRUE",
                "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE", "-q", "-z", "expert,warn")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            int exit = p.waitFor();
            String rest = out.lines().filter(l -> !l.startsWith("Running as user") && !l.isBlank())
                    .reduce("", (a, b) -> a + b + "\n");
            return exit == 0 ? rest : "exit " + exit + ": " + rest;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Test
    void theDefaultScenarioIsDeterministic(@TempDir Path dir) throws IOException {
        Scenario s = ScenarioLoader.load(BUNDLED.resolve("default.yaml"));
        String a = ResultJson.of(List.of(ScenarioRun.run(s, new ScenarioRun.Options(OptionalLong.empty(),
                Optional.of(dir.resolve("1")), ScenarioRun.Progress.NONE))));
        String b = ResultJson.of(List.of(ScenarioRun.run(s, new ScenarioRun.Options(OptionalLong.empty(),
                Optional.of(dir.resolve("2")), ScenarioRun.Progress.NONE))));

        assertThat(a).isEqualTo(b);
        try (Stream<Path> files = Files.list(dir.resolve("1"))) {
            List<Path> captures = files.sorted().toList();
            assertThat(captures).hasSizeGreaterThan(10);
            for (Path c : captures) {
                assertThat(Files.readAllBytes(c)).as(c.toString())
                        .isEqualTo(Files.readAllBytes(dir.resolve("2").resolve(c.getFileName())));
            }
        }
    }
}
