package io.overlaysim.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.overlaysim.iproute.DumpKind;
import io.overlaysim.iproute.DumpParseException;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.routing.InterfaceAddress;
import io.overlaysim.routing.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A node from partial dumps: what is inferred when only routes (or routes and links) are there. */
class NodeFromDumpsTest {
    static final Path CORPUS = Path.of("src/test/resources/corpus/ip-route");

    /** The corpus's IPv4 route dumps (top level; addr, link, rule and monitor files are not routes). */
    static Stream<Path> corpusRouteDumps() throws IOException {
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".txt")).filter(p -> {
                String t = ClusterReplayTest.read(p);
                var k = DumpKind.detect(p.getFileName().toString(), t);
                return k.isPresent() && !k.get().json() && (k.get().kind() == DumpKind.ROUTE || k.get().kind() == DumpKind.ROUTE_TABLE_ALL)
                        && !p.getFileName().toString().startsWith("monitor");
            }).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("corpusRouteDumps")
    void aCorpusRouteDumpAloneBuildsANode(Path file, @TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("node1"));
        Files.copy(file, dir.resolve("ip-route.txt"));
        NodeModel n = NodeBuilder.build(NodeDumps.read(dir, false));
        assertThat(n.name()).isEqualTo("node1");
        List<Route> v4 = n.routes().stream().filter(Route::isV4).toList();
        for (Route r : n.routes()) {
            if (r.device() != null) {
                assertThat(n.device(r.device())).as("device of " + r).isPresent();
            }
        }
        // every device came from the routes, and each one but lo is said to be inferred
        assertThat(n.devices()).allSatisfy(d -> assertThat(d.evidence()).isEqualTo(NodeDevice.Evidence.NAMED_ONLY));
        assertThat(n.findings(Finding.Kind.INFERRED)).filteredOn(f -> f.topic() == Finding.Topic.DEVICE)
                .hasSize((int) n.devices().stream().filter(d -> !d.name().equals("lo")).count());
        assertThat(n.findings(Finding.Kind.CONTRADICTION)).isEmpty();
        // each IPv4 src inside a kernel prefix route is an inferred address of the node
        for (Route r : v4) {
            if (r.prefsrc() != null && r.prefsrc().isV4() && !new Ipv4Address(r.prefsrc().v4bits()).isLoopback()) {
                assertThat(n.owns(new Ipv4Address(r.prefsrc().v4bits()))).as("src of " + r).isTrue();
            }
        }
        assertThat(n.findings(Finding.Kind.INFERRED)).filteredOn(f -> f.topic() == Finding.Topic.ADDRESS)
                .hasSize(n.addresses().size());
        assertThat(n.defaultRules()).isTrue();
    }

    @Test
    void calicoIpipRoutesAloneGiveTunl0WithItsDefaultsAndTheNodesAddress() {
        NodeModel n = NodeBuilder.build(NodeDumps.of("worker01", Map.of("ip-route.txt",
                ClusterReplayTest.read(ClusterReplayTest.CLUSTERS.resolve("calico-ipip/worker01/ip-route.txt"))), false));
        NodeDevice tunl = n.device("tunl0").orElseThrow();
        assertThat(tunl.kind()).isEqualTo(DeviceKind.IPIP);
        assertThat(tunl.mtu()).isEqualTo(1480);
        assertThat(n.findings(Finding.Kind.INFERRED)).extracting(Finding::text)
                .anySatisfy(t -> assertThat(t).contains("IPIP defaults", "MTU 1480"))
                .anySatisfy(t -> assertThat(t).startsWith("no ip addr dump: address ").contains("from the src of the route"));
        assertThat(n.underlayAddress()).isEqualTo(Ipv4Address.parse("192.168.0.176"));
        assertThat(n.addresses()).containsExactly(InterfaceAddress.of("enp1s0", Ipv4Address.parse("192.168.0.176"), 24));
    }

    @Test
    void vxlanRoutesAloneGiveEachCnisDefaults() {
        NodeModel calico = routesOnly("calico-vxlan-01.txt");
        NodeDevice vx = calico.device("vxlan.calico").orElseThrow();
        assertThat(vx.mtu()).isEqualTo(1450);
        assertThat(vx.tunnel()).isInstanceOfSatisfying(TunnelConfig.Vxlan.class, x -> {
            assertThat(x.vni()).isEqualTo(4096);
            assertThat(x.port()).isEqualTo(4789);
            assertThat(x.local()).isEqualTo(calico.underlayAddress());
        });
        NodeModel flannel = routesOnly("flannel-vxlan-01.txt");
        assertThat(flannel.device("flannel.1").orElseThrow().tunnel()).isInstanceOfSatisfying(TunnelConfig.Vxlan.class, x -> {
            assertThat(x.vni()).isEqualTo(1);
            assertThat(x.port()).isEqualTo(8472);
        });
        assertThat(flannel.findings(Finding.Kind.INFERRED)).extracting(Finding::text)
                .anySatisfy(t -> assertThat(t).contains("Flannel VXLAN defaults (VNI 1, port 8472"));
        assertThat(flannel.device("cni0").orElseThrow().kind()).isEqualTo(DeviceKind.BRIDGE);
    }

    @Test
    void aRouteViaADeviceNoLinkDumpListsIsAContradiction() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("ip-route.txt", "default via 10.0.0.1 dev eth0\n10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.5\n"
                + "172.16.0.0/16 via 10.0.0.9 dev tunl0 onlink\n");
        files.put("ip-link.txt", "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n"
                + "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                + "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9000 qdisc fq_codel state UP mode DEFAULT group default qlen 1000\n"
                + "    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff\n");
        files.put("ip-addr.txt", "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000\n"
                + "    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff\n"
                + "    inet 10.0.0.5/24 brd 10.0.0.255 scope global eth0\n");
        NodeModel n = NodeBuilder.build(NodeDumps.of("n1", files, false));
        assertThat(n.findings(Finding.Kind.CONTRADICTION)).extracting(Finding::subject, Finding::topic).containsExactly(
                org.assertj.core.groups.Tuple.tuple("n1/eth0", Finding.Topic.MTU),
                org.assertj.core.groups.Tuple.tuple("n1/tunl0", Finding.Topic.DEVICE));
        assertThat(n.findings(Finding.Kind.CONTRADICTION).get(0).text()).contains("9000", "1500");
        assertThat(n.findings(Finding.Kind.CONTRADICTION).get(1).text()).contains("route line 3", "no link dump lists it");
        assertThat(n.device("eth0").orElseThrow().mtu()).isEqualTo(9000);
        assertThat(n.device("tunl0").orElseThrow().kind()).isEqualTo(DeviceKind.IPIP);
        assertThat(n.addresses()).containsExactly(new InterfaceAddress("eth0", Ipv4Address.parse("10.0.0.5"), 24, null,
                Ipv4Address.parse("10.0.0.255"), "global", null, false, false));
    }

    @Test
    void aTunnelTooBigForItsLowerDeviceIsReported() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("ip-route.txt", "default via 10.0.0.1 dev eth0\n10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.5\n");
        files.put("ip-link.txt", "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT group default qlen 1000\n"
                + "    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff\n"
                + "3: vxlan.calico: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n"
                + "    link/ether 66:e7:4b:1a:52:80 brd ff:ff:ff:ff:ff:ff\n");
        NodeModel n = NodeBuilder.build(NodeDumps.of("n1", files, false));
        assertThat(n.findings(Finding.Kind.CONTRADICTION)).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("n1/vxlan.calico");
            assertThat(f.text()).contains("MTU 1500 plus the 50-byte vxlan overhead exceeds eth0's MTU 1500");
        });
        // ip link without -d: the name says VXLAN; Calico's VNI and port, the dump's MTU
        assertThat(n.device("vxlan.calico").orElseThrow().tunnel()).isEqualTo(
                new TunnelConfig.Vxlan(4096, 4789, Ipv4Address.parse("10.0.0.5"), "eth0", false, false));
    }

    @Test
    void aFolderWithoutRoutesOrWithABadLineIsRefused(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("n1"));
        Files.writeString(dir.resolve("ip-addr.txt"), "");
        assertThatThrownBy(() -> NodeDumps.read(dir, false)).isInstanceOf(ReplayException.class)
                .hasMessageContaining("n1: no route dump");
        Files.writeString(dir.resolve("ip-route.txt"), "# a comment\ndefault via 10.0.0.1 dev eth0\n10.0.0.0/33 dev eth0\n");
        assertThatThrownBy(() -> NodeDumps.read(dir, false)).isInstanceOf(DumpParseException.class)
                .hasMessageStartingWith(dir.resolve("ip-route.txt") + ":3:1: expected ");
        NodeDumps lenient = NodeDumps.read(dir, true);
        assertThat(lenient.warnings()).singleElement().asString().contains(":3:1:");
        assertThat(NodeBuilder.build(lenient).routes()).hasSize(1);
    }

    static NodeModel routesOnly(String corpusFile) {
        return NodeBuilder.build(NodeDumps.of("node1", Map.of("ip-route.txt", ClusterReplayTest.read(CORPUS.resolve(corpusFile))), false));
    }
}
