package io.overlaysim.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DumpKindTest {
    /** What each corpus file is, by its README; detection must say it from the content alone. */
    private static final Map<String, DumpKind> CORPUS = Map.ofEntries(
            Map.entry("addr-kube-ipvs0-01.txt", DumpKind.ADDR), Map.entry("addr-oneline-01.txt", DumpKind.ADDR),
            Map.entry("addr-pod-01.txt", DumpKind.ADDR), Map.entry("aws-vpc-cni-01.txt", DumpKind.ROUTE_TABLE_ALL),
            Map.entry("aws-vpc-cni-02.txt", DumpKind.ROUTE), Map.entry("calico-bgp-01.txt", DumpKind.ROUTE),
            Map.entry("calico-crosssubnet-01.txt", DumpKind.ROUTE), Map.entry("calico-ipip-01.txt", DumpKind.ROUTE),
            Map.entry("calico-vxlan-01.txt", DumpKind.ROUTE), Map.entry("cilium-ipv6-01.txt", DumpKind.ROUTE),
            Map.entry("cilium-native-01.txt", DumpKind.ROUTE), Map.entry("cilium-vxlan-01.txt", DumpKind.ROUTE_TABLE_ALL),
            Map.entry("flannel-hostgw-01.txt", DumpKind.ROUTE), Map.entry("flannel-vxlan-01.txt", DumpKind.ROUTE),
            Map.entry("flannel-vxlan-02.txt", DumpKind.ROUTE), Map.entry("ipv6-02.txt", DumpKind.ROUTE),
            Map.entry("ipv6-multipath-01.txt", DumpKind.ROUTE), Map.entry("json-01.json", DumpKind.ROUTE),
            Map.entry("json-02.json", DumpKind.ADDR), Map.entry("link-detail-01.txt", DumpKind.LINK),
            Map.entry("monitor-calico-01.txt", DumpKind.MONITOR), Map.entry("multipath-01.txt", DumpKind.ROUTE),
            Map.entry("multus-pod-01.txt", DumpKind.ROUTE), Map.entry("router-openthread-ipv6-01.txt", DumpKind.ROUTE),
            Map.entry("router-openwrt-01.txt", DumpKind.ROUTE), Map.entry("router-splitvpn-01.txt", DumpKind.ROUTE),
            Map.entry("rule-splitvpn-02.txt", DumpKind.RULE), Map.entry("table-all-01.txt", DumpKind.ROUTE_TABLE_ALL),
            Map.entry("table-all-named-01.txt", DumpKind.ROUTE_TABLE_ALL), Map.entry("weave-01.txt", DumpKind.ROUTE));

    /** The dumps at the top of the corpus folder (its expected/ subfolder holds queries and answers, not dumps). */
    static Stream<Path> corpusFiles() {
        return Stream.concat(Resources.files("corpus/ip-route", "*.txt").stream(),
                        Resources.files("corpus/ip-route", "*.json").stream())
                .filter(p -> p.getParent().getFileName().toString().equals("ip-route"));
    }

    @ParameterizedTest
    @MethodSource("corpusFiles")
    void corpusContentTellsItsKind(Path file) {
        String name = file.getFileName().toString();
        assertThat(CORPUS).containsKey(name);
        // A neutral name, so that only the content can tell.
        Optional<DumpKind.Detection> d = DumpKind.detect("dump-" + name.hashCode(), Resources.read(file));
        assertThat(d).map(DumpKind.Detection::kind).contains(CORPUS.get(name));
        assertThat(d.get().json()).isEqualTo(name.endsWith(".json"));
        assertThat(d.get().fromName()).isFalse();
    }

    static Stream<Path> clusterFiles() {
        return Stream.concat(Resources.files("clusters", "*.txt").stream(), Resources.files("clusters", "*.json").stream())
                .filter(p -> !p.getFileName().toString().equals("PING.txt"));
    }

    @ParameterizedTest
    @MethodSource("clusterFiles")
    void clusterFilesByNameAndByContent(Path file) {
        String name = file.getFileName().toString();
        String content = Resources.read(file);
        DumpKind expected = switch (name.substring(0, name.indexOf('.'))) {
            case "ip-route" -> DumpKind.ROUTE;
            case "ip-route-table-all" -> DumpKind.ROUTE_TABLE_ALL;
            case "ip-addr" -> DumpKind.ADDR;
            case "ip-link" -> DumpKind.LINK;
            case "ip-rule" -> DumpKind.RULE;
            case "ip-neigh" -> DumpKind.NEIGH;
            case "bridge-fdb" -> DumpKind.FDB;
            default -> throw new AssertionError(name);
        };
        assertThat(DumpKind.detect(file.toString(), content)).contains(
                new DumpKind.Detection(expected, name.endsWith(".json"), true));
        Optional<DumpKind.Detection> byContent = DumpKind.detect("x", content);
        if (byContent.isPresent()) {
            // A pod's `ip route` holds no local-table line, and some dumps are empty arrays.
            DumpKind k = byContent.get().kind();
            if (expected == DumpKind.ROUTE_TABLE_ALL && k == DumpKind.ROUTE) {
                return;
            }
            assertThat(k).isEqualTo(expected);
        } else {
            assertThat(content.lines().filter(l -> !LineTokens.isCommentOrBlank(l)).toList())
                    .allMatch(l -> l.strip().equals("[]") || l.isBlank());
        }
    }

    @Test
    void namesThatOnlyLookLikeAKind() {
        assertThat(DumpKind.fromName("router-openwrt-01.txt")).isNull();
        assertThat(DumpKind.fromName("linkerd.txt")).isNull();
        assertThat(DumpKind.fromName("node1/ip-route-table-all.txt")).isEqualTo(DumpKind.ROUTE_TABLE_ALL);
        assertThat(DumpKind.fromName("route-table-all.txt")).isEqualTo(DumpKind.ROUTE_TABLE_ALL);
        assertThat(DumpKind.fromName("ip_neigh.json")).isEqualTo(DumpKind.NEIGH);
        assertThat(DumpKind.fromName("C:\\dumps\\bridge-fdb.txt")).isEqualTo(DumpKind.FDB);
        assertThat(DumpKind.detect("empty.json", "")).isEmpty();
        assertThat(DumpKind.detect("nothing.txt", "# only a comment\n")).isEmpty();
    }

    @Test
    void textKindsFromContent() {
        assertThat(kind("10.0.0.1 dev eth0 lladdr 00:11:22:33:44:55 REACHABLE\n")).isEqualTo(DumpKind.NEIGH);
        assertThat(kind("10.0.0.5 dev eth0 FAILED\n")).isEqualTo(DumpKind.NEIGH);
        assertThat(kind("10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1\n")).isEqualTo(DumpKind.ROUTE);
        assertThat(kind("0:\tfrom all lookup local\n")).isEqualTo(DumpKind.RULE);
        assertThat(kind("66:33:33:33:33:33 dev vx0 dst 10.0.0.9 self permanent\n")).isEqualTo(DumpKind.FDB);
        assertThat(kind("[{\"dst\":\"10.0.0.1\",\"dev\":\"eth0\",\"lladdr\":\"00:11:22:33:44:55\",\"state\":[\"STALE\"]}]"))
                .isEqualTo(DumpKind.NEIGH);
        assertThat(kind("[{\"priority\":0,\"src\":\"all\",\"table\":\"local\"}]")).isEqualTo(DumpKind.RULE);
        assertThat(kind("[{\"mac\":\"66:33:33:33:33:33\",\"ifname\":\"vx0\"}]")).isEqualTo(DumpKind.FDB);
        assertThat(kind("[{\"dst\": \"default\", \"gateway\": \"10.0.0.1\" ")).isEqualTo(DumpKind.ROUTE);
    }

    private static DumpKind kind(String content) {
        return DumpKind.detect("dump", content).orElseThrow().kind();
    }
}
