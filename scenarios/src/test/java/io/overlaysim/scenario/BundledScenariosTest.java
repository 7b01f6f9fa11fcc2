package io.overlaysim.scenario;

import io.overlaysim.packet.DropReason;
import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bundled scenario validates, and declares the schema for editors on its first line. */
class BundledScenariosTest {
    private static final Path DIR = Path.of("bundled");

    static Stream<Path> bundled() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void theIssueListIsBundled() throws IOException {
        assertThat(bundled().map(p -> p.getFileName().toString())).contains(
                "calico-ipip.yaml", "calico-vxlan.yaml", "calico-crosssubnet.yaml", "flannel-vxlan.yaml",
                "bgp-full-mesh.yaml", "route-reflectors.yaml", "mtu-mismatch.yaml", "default.yaml", "cilium-vxlan.yaml");
    }

    @ParameterizedTest
    @MethodSource("bundled")
    void validates(Path file) throws IOException {
        assertThat(ScenarioLoader.validate(file)).isEmpty();
        assertThat(Files.readAllLines(file).getFirst())
                .isEqualTo("# yaml-language-server: $schema=../schema/scenario.schema.json");
        assertThat(DIR.resolve("../schema/scenario.schema.json")).isRegularFile();
    }

    @Test
    void validateCommandSaysOkForEachAndExitsZero() throws IOException {
        String[] args = Stream.concat(Stream.of("validate"), bundled().map(Path::toString)).toArray(String[]::new);
        CliRun r = CliRun.of(args);

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines().toList()).hasSize(args.length - 1).allMatch(l -> l.startsWith("OK bundled/"));
    }

    @Test
    void oneBrokenFileAmongValidOnesMakesExitTwo() {
        CliRun r = CliRun.of("validate", "bundled/default.yaml", "src/test/resources/broken/unknown-key.yaml");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEqualTo("OK bundled/default.yaml" + System.lineSeparator());
        assertThat(r.err()).startsWith("src/test/resources/broken/unknown-key.yaml:12:5: unknown key \"podsPerNod\"");
    }

    @Test
    void calicoIpipIsTheSeedClusterWithItsBlackholeCases() {
        Scenario s = ScenarioLoader.load(DIR.resolve("calico-ipip.yaml"));

        PresetSpec.Calico c = (PresetSpec.Calico) s.presets().getFirst();
        assertThat(c.mode()).isEqualTo(PresetSpec.CalicoMode.IPIP);
        assertThat(c.bgp()).isEqualTo(PresetSpec.BgpTopology.FULL_MESH);
        assertThat(c.nodes()).extracting(PresetSpec.ClusterNode::name).containsExactly("worker01", "worker02", "worker03");
        assertThat(c.nodes().getFirst().block()).hasValueSatisfying(b -> assertThat(b).hasToString("172.16.52.128/26"));
        assertThat(c.nodes().getFirst().pods()).isEqualTo(3);
        assertThat(s.expectations()).filteredOn(e -> e instanceof ExpectationSpec.Dropped)
                .extracting(e -> ((ExpectationSpec.Dropped) e).reason(), e -> ((ExpectationSpec.Dropped) e).node())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DropReason.BLACKHOLE, java.util.Optional.of("worker01")),
                        org.assertj.core.groups.Tuple.tuple(DropReason.BLACKHOLE, java.util.Optional.of("worker02")));
        ExpectationSpec.RoutePresent route = (ExpectationSpec.RoutePresent) s.expectations().get(2);
        assertThat(route.route().text()).isEqualTo("172.16.103.64/26 via 192.168.0.146 dev tunl0 proto bird onlink");
        assertThat(route.route().at()).hasToString("bundled/calico-ipip.yaml:39:14");
        assertThat(s.capture()).hasValueSatisfying(cap -> {
            assertThat(cap.format()).isEqualTo(CaptureSpec.Format.PCAPNG);
            assertThat(cap.devices()).contains(new DeviceRef("worker01", "tunl0"));
        });
    }

    @Test
    void mtuMismatchDeclaresItsNodesLinksAndFlows() {
        Scenario s = ScenarioLoader.load(DIR.resolve("mtu-mismatch.yaml"));

        assertThat(s.nodes().sequencedKeySet()).containsExactly("a", "r", "b");
        NodeSpec r = s.nodes().get("r");
        assertThat(r.devices().get("eth1").mtu()).hasValue(1400);
        assertThat(r.addresses()).extracting(AddressSpec::toString).containsExactly("10.0.0.2/30 dev eth0", "10.0.1.1/30 dev eth1");
        assertThat(r.sysctls().ipForward()).hasValue(1);
        NodeSpec b = s.nodes().get("b");
        // a block string: the route is on the line after "routes: |", at its indentation
        assertThat(b.routes()).extracting(IpLine::text).containsExactly("default via 10.0.1.1 dev eth0");
        assertThat(b.routes().getFirst().at()).hasToString("bundled/mtu-mismatch.yaml:31:7");
        assertThat(b.routes().getFirst().tokens().columnOf(0)).isEqualTo(7);
        LinkSpec rb = s.links().get(1);
        assertThat(rb.name()).hasValue("r-b");
        assertThat(rb.channel().mtu()).hasValue(1400);
        assertThat(rb.channel().bandwidth()).hasValue(new Bandwidth(1_000_000_000L));
        TrafficSpec.UdpFlow large = (TrafficSpec.UdpFlow) s.traffic().get(1);
        assertThat(large.df()).isTrue();
        assertThat(large.size()).isEqualTo(1450);
        assertThat(large.count()).hasValue(100);
        assertThat(large.from()).isEqualTo(new Target.Named("a"));
        assertThat(((TrafficSpec.Ping) s.traffic().get(2)).to()).isEqualTo(Target.parse("10.0.1.2"));
        assertThat(s.expectations().get(3)).isInstanceOfSatisfying(ExpectationSpec.IcmpErrorReceived.class, i -> {
            assertThat(i.type()).isEqualTo(3);
            assertThat(i.code()).hasValue(4);
            assertThat(i.mtu()).hasValue(1400);
        });
    }

    @Test
    void presetNamesAreTheContractForReferences() {
        Scenario s = ScenarioLoader.load(DIR.resolve("calico-vxlan.yaml"));
        PresetNames.Made made = PresetNames.of(s.presets().getFirst());

        assertThat(made.nodeDevices().get("worker01")).startsWith("lo", "enp1s0", "vxlan.calico")
                .contains(PresetNames.calicoVeth("worker01/pod-0"));
        assertThat(PresetNames.calicoVeth("worker01/pod-0")).matches("cali[0-9a-f]{11}");
        assertThat(made.pods()).containsExactly("worker01/pod-0", "worker01/pod-1", "worker02/pod-0", "worker02/pod-1",
                "worker03/pod-0", "worker03/pod-1");
        assertThat(made.links()).containsExactly("lan");
        assertThat(made.attachments()).containsEntry("worker02/enp1s0", "lan").containsEntry("gateway/eth0", "lan");
        assertThat(List.copyOf(made.nodeDevices().keySet())).contains("gateway");
    }
}
