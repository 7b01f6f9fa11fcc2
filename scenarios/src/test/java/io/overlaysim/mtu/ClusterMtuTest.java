package io.overlaysim.mtu;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.replay.ClusterBuilder;
import io.overlaysim.replay.ClusterModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Path MTUs and misconfigurations of the three test clusters (dumps from a real kernel, and the
 * IPIP one written after the real format), and of copies broken on purpose: one MTU or route
 * edited in the dumps, the finding and the fix command asserted.
 */
class ClusterMtuTest {
    static final Path CLUSTERS = Path.of("../sim-core/src/test/resources/clusters");

    @TempDir
    Path tmp;

    static ClusterModel read(Path cluster) throws IOException {
        try (Stream<Path> s = Files.list(cluster)) {
            return ClusterBuilder.read(s.filter(Files::isDirectory).sorted().toList(), false);
        }
    }

    @Test
    void healthyClustersHaveTheTunnelsMtuEverywhereAndNothingToFix() throws IOException {
        for (var c : List.of(List.of("calico-vxlan", "1450"), List.of("flannel-vxlan", "1450"), List.of("calico-ipip", "1480"))) {
            ClusterModel m = read(CLUSTERS.resolve(c.get(0)));
            List<PodPath> paths = ClusterPaths.of(m).all();
            int pods = m.pods().size();
            assertThat(paths).as(c.get(0)).hasSize(pods * (pods - 1));
            assertThat(paths).as(c.get(0)).allSatisfy(p -> {
                assertThat(p.complete()).as(p.problem()).isTrue();
                assertThat(p.mtu()).isEqualTo(Integer.parseInt(c.get(1)));
                assertThat(p.limitedBy().role()).isEqualTo("pod eth0");
            });
            assertThat(MtuProblems.of(m)).as(c.get(0)).isEmpty();
        }
    }

    @Test
    void aRemotePathCrossesTheTunnelAndBothNics() throws IOException {
        ClusterModel m = read(CLUSTERS.resolve("calico-vxlan"));
        PodPath p = ClusterPaths.of(m).all().stream()
                .filter(x -> x.fromAddress().equals("172.16.52.132") && x.toAddress().equals("172.16.103.65")).findFirst()
                .orElseThrow();
        assertThat(p.hops()).extracting(h -> h.where() + " " + h.limit()).containsExactly(
                "worker01/pod-0/eth0 1450", "worker01/calib472a44443d 1450", "worker01/vxlan.calico 1450",
                "worker01/enp1s0 1450", "worker02/enp1s0 1450", "worker02/cali5f2b8e1d7a9 1450", "worker02/pod-0/eth0 1450");
        assertThat(p.hops().get(3).role()).isEqualTo("underlay NIC 1500 - 50 (VXLAN)");
    }

    @Test
    void aVethLargerThanTheTunnelIsFoundWithBothFixes() throws IOException {
        Path c = brokenCopy("calico-vxlan", "worker02", "ip-link.txt",
                t -> t.replace("cali5f2b8e1d7a9@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450",
                        "cali5f2b8e1d7a9@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500"));
        ClusterModel m = read(c);
        List<MtuProblem> problems = MtuProblems.of(m);
        assertThat(problems).extracting(MtuProblem::kind, MtuProblem::where, MtuProblem::fix).containsExactly(
                org.assertj.core.groups.Tuple.tuple(MtuProblem.Kind.POD_MTU_TOO_LARGE, "worker02/cali5f2b8e1d7a9",
                        "ip link set dev cali5f2b8e1d7a9 mtu 1450"),
                org.assertj.core.groups.Tuple.tuple(MtuProblem.Kind.POD_MTU_TOO_LARGE, "worker02/pod-0/eth0",
                        "ip link set dev eth0 mtu 1450   # in the pod's network namespace"));
        assertThat(problems.get(0).text()).contains("veth MTU 1500", "1450 bytes vxlan.calico carries");
        PodPath out = path(m, "172.16.103.65", "172.16.52.132");
        assertThat(out.mtu()).isEqualTo(1450);
        assertThat(out.limitedBy().where()).isEqualTo("worker02/vxlan.calico");
        // toward the pod, the larger veth does not matter: the sender's side limits
        assertThat(path(m, "172.16.52.132", "172.16.103.65").limitedBy().where()).isEqualTo("worker01/pod-0/eth0");
    }

    @Test
    void aRouteMtuBelowItsDeviceIsFoundAndLimitsThePath() throws IOException {
        UnaryOperator<String> edit = t -> t.replace("172.16.103.64/26 via 172.16.103.64 dev vxlan.calico proto 80 onlink ",
                "172.16.103.64/26 via 172.16.103.64 dev vxlan.calico proto 80 onlink mtu 1400 ");
        Path c = brokenCopy("calico-vxlan", "worker01", "ip-route.txt", edit);
        edit(c.resolve("worker01/ip-route-table-all.txt"), edit);
        ClusterModel m = read(c);
        assertThat(MtuProblems.of(m)).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(MtuProblem.Kind.ROUTE_MTU_BELOW_DEVICE);
            assertThat(p.where()).isEqualTo("worker01/vxlan.calico");
            assertThat(p.text()).contains("route 172.16.103.64/26 has mtu 1400, below vxlan.calico's MTU 1450");
            assertThat(p.fix()).isEqualTo("ip route replace 172.16.103.64/26 via 172.16.103.64 dev vxlan.calico proto 80 onlink");
        });
        PodPath p = path(m, "172.16.52.132", "172.16.103.65");
        assertThat(p.mtu()).isEqualTo(1400);
        assertThat(p.limitedBy().where() + " " + p.limitedBy().role()).isEqualTo("worker01/vxlan.calico route mtu");
        assertThat(path(m, "172.16.52.132", "172.16.246.193").mtu()).isEqualTo(1450);
    }

    @Test
    void tunnelMtusDifferingAcrossNodesAreFound() throws IOException {
        Path c = brokenCopy("calico-vxlan", "worker03", "ip-link.txt",
                t -> t.replace("vxlan.calico: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450",
                        "vxlan.calico: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1400"));
        ClusterModel m = read(c);
        List<MtuProblem> problems = MtuProblems.of(m);
        assertThat(problems).filteredOn(p -> p.kind() == MtuProblem.Kind.MIXED_TUNNEL_MTU).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("worker03/vxlan.calico");
            assertThat(p.text()).contains("MTU 1400 differs from the 1450 of the other nodes'");
            assertThat(p.fix()).isEqualTo("ip link set dev vxlan.calico mtu 1450");
        });
        // worker03's pod keeps 1450 while its tunnel carries 1400
        assertThat(problems).filteredOn(p -> p.kind() == MtuProblem.Kind.POD_MTU_TOO_LARGE)
                .extracting(MtuProblem::where).containsExactly("worker03/cali0c9d41e6b23", "worker03/pod-0/eth0");
        assertThat(path(m, "172.16.246.193", "172.16.52.132").mtu()).isEqualTo(1400);
        assertThat(path(m, "172.16.52.132", "172.16.246.193").mtu()).isEqualTo(1450);
    }

    @Test
    void nicsOfOneSegmentWithDifferentMtusAreFound() throws IOException {
        Path c = brokenCopy("calico-ipip", "worker02", "ip-link.txt", t -> t.replaceFirst(
                "(enp1s0[^\\n]*) mtu 1500", "$1 mtu 9000"));
        ClusterModel m = read(c);
        assertThat(MtuProblems.of(m)).filteredOn(p -> p.kind() == MtuProblem.Kind.MIXED_SEGMENT_MTU).singleElement()
                .satisfies(p -> {
                    assertThat(p.where()).isEqualTo("worker02/enp1s0");
                    assertThat(p.text()).contains("NIC MTU 9000 on net-192.168.0.0-24, where worker01/enp1s0 has 1500");
                    assertThat(p.fix()).isEqualTo("ip link set dev enp1s0 mtu 1500");
                });
    }

    @Test
    void theTextNamesEveryPairAndEveryFix() throws IOException {
        Path c = brokenCopy("flannel-vxlan", "worker01", "ip-link.txt",
                t -> t.replace("flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450", "flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500"));
        ClusterModel m = read(c);
        String text = DumpsReport.text(ClusterPaths.of(m).all(), MtuProblems.of(m));
        assertThat(text).contains("FROM", "PATH MTU", "LIMITED BY", "worker01/pod-0 (10.244.0.2)")
                .contains("worker01/flannel.1: VXLAN device MTU 1500 is larger than its NIC eth0 (1500) less the 50-byte overhead")
                .contains("    fix: ip link set dev flannel.1 mtu 1450")
                .contains("worker01/flannel.1: flannel.1 MTU 1500 differs from the 1450 of the other nodes' flannel.1")
                .contains("misconfigurations to fix:");
    }

    private static PodPath path(ClusterModel m, String from, String to) {
        return ClusterPaths.of(m).all().stream().filter(p -> p.fromAddress().equals(from) && p.toAddress().equals(to))
                .findFirst().orElseThrow();
    }

    /** A copy of a cluster's text dumps (the JSON ones left out) with one node's file edited. */
    private Path brokenCopy(String cluster, String node, String file, UnaryOperator<String> edit) throws IOException {
        Path src = CLUSTERS.resolve(cluster);
        Path dst = tmp.resolve(cluster);
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.sorted().toList()) {
                Path rel = src.relativize(p);
                if (rel.getNameCount() > 1 && rel.getName(1).toString().equals("pods")) {
                    continue;
                }
                Path t = dst.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (p.toString().endsWith(".txt")) {
                    Files.copy(p, t);
                }
            }
        }
        edit(dst.resolve(node).resolve(file), edit);
        if (file.equals("ip-link.txt") && Files.exists(dst.resolve(node).resolve("ip-addr.txt"))) {
            edit(dst.resolve(node).resolve("ip-addr.txt"), edit);
        }
        return dst;
    }

    private static void edit(Path p, UnaryOperator<String> edit) throws IOException {
        String before = Files.readString(p);
        String after = edit.apply(before);
        assertThat(after).as("the edit of " + p + " changed nothing").isNotEqualTo(before);
        Files.writeString(p, after);
    }
}
