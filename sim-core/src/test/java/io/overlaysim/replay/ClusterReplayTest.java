package io.overlaysim.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.routing.Route;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The three cluster folders of {@code clusters/} (two dumped from a real kernel, the IPIP one
 * written after them), each built from its dumps alone.
 *
 * <pre>
 *   pods --veth-- worker01 --enp1s0--+                        +-- gw-192.168.0.1 (made up)
 *   pods --veth-- worker02 --enp1s0--+-- net-192.168.0.0-24 --+
 *   pods --veth-- worker03 --enp1s0--+
 * </pre>
 */
class ClusterReplayTest {
    static final Path CLUSTERS = Path.of("src/test/resources/clusters");

    static ClusterModel cluster(String name) {
        Path base = CLUSTERS.resolve(name);
        return ClusterBuilder.read(List.of(base.resolve("worker01"), base.resolve("worker02"), base.resolve("worker03")), false);
    }

    @Test
    void calicoVxlan() {
        ClusterModel c = cluster("calico-vxlan");
        NodeModel w1 = c.node("worker01").orElseThrow();
        assertThat(w1.cni()).isEqualTo(Cni.CALICO);
        assertThat(w1.devices()).extracting(NodeDevice::name, NodeDevice::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("lo", DeviceKind.LOOPBACK),
                org.assertj.core.groups.Tuple.tuple("enp1s0", DeviceKind.VETH),
                org.assertj.core.groups.Tuple.tuple("vxlan.calico", DeviceKind.VXLAN),
                org.assertj.core.groups.Tuple.tuple("calib472a44443d", DeviceKind.VETH),
                org.assertj.core.groups.Tuple.tuple("calia863a3ed0c4", DeviceKind.VETH));
        NodeDevice vx = w1.device("vxlan.calico").orElseThrow();
        assertThat(vx.mtu()).isEqualTo(1450);
        assertThat(vx.mac()).hasToString("66:e7:4b:1a:52:80");
        assertThat(vx.tunnel()).isEqualTo(new TunnelConfig.Vxlan(4096, 4789, ip("192.168.0.176"), "enp1s0", false, false));
        assertThat(w1.underlayAddress()).isEqualTo(ip("192.168.0.176"));
        assertThat(w1.findings(Finding.Kind.CONTRADICTION)).isEmpty();

        assertThat(c.pods()).extracting(Pod::fullName, p -> p.address().toString(), Pod::hostDevice).containsExactly(
                org.assertj.core.groups.Tuple.tuple("worker01/pod-0", "172.16.52.132", "calib472a44443d"),
                org.assertj.core.groups.Tuple.tuple("worker01/pod-1", "172.16.52.134", "calia863a3ed0c4"),
                org.assertj.core.groups.Tuple.tuple("worker02/pod-0", "172.16.103.65", "cali5f2b8e1d7a9"),
                org.assertj.core.groups.Tuple.tuple("worker03/pod-0", "172.16.246.193", "cali0c9d41e6b23"));
        Pod p = c.pods().get(0);
        assertThat(p.prefixLength()).isEqualTo(32);
        assertThat(p.mac()).hasToString("3a:6c:1f:52:84:01");
        assertThat(p.hostProxyArp()).isTrue();
        assertThat(p.gateway()).isEqualTo(ip("169.254.1.1"));
        assertThat(p.routes()).extracting(Route::toString).hasSize(2);
        assertThat(p.routes().get(1).destination()).hasToString("169.254.1.1/32");

        assertThat(c.segments()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("net-192.168.0.0-24");
            assertThat(s.endpoints()).containsExactly("worker01/enp1s0", "worker02/enp1s0", "worker03/enp1s0", "gw-192.168.0.1/eth0");
            assertThat(s.mtu()).isEqualTo(1500);
        });
        assertThat(c.gateways()).filteredOn(g -> g.node().equals("worker01") && !g.external())
                .extracting(g -> g.gateway() + " " + g.owner() + "/" + g.ownerDevice())
                .containsExactly("172.16.103.64 worker02/vxlan.calico", "172.16.246.192 worker03/vxlan.calico");
        assertThat(c.routers()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo(ip("192.168.0.1"));
            assertThat(r.usedBy()).containsExactly("worker01", "worker02", "worker03");
        });
        assertThat(c.findings(Finding.Kind.CONTRADICTION)).isEmpty();
        assertThat(c.findings(Finding.Kind.AMBIGUITY)).isEmpty();
        assertThat(c.findings(Finding.Kind.INFERRED)).extracting(Finding::subject)
                .contains("worker01/pod-0", "gw-192.168.0.1", "net-192.168.0.0-24", "worker01/enp1s0");
    }

    @Test
    void flannelVxlan() {
        ClusterModel c = cluster("flannel-vxlan");
        NodeModel w1 = c.node("worker01").orElseThrow();
        assertThat(w1.cni()).isEqualTo(Cni.FLANNEL);
        assertThat(w1.device("flannel.1").orElseThrow().tunnel())
                .isEqualTo(new TunnelConfig.Vxlan(1, 8472, ip("192.168.0.101"), "eth0", false, false));
        assertThat(w1.device("cni0").orElseThrow().kind()).isEqualTo(DeviceKind.BRIDGE);
        assertThat(w1.devices()).filteredOn(d -> "cni0".equals(d.master())).extracting(NodeDevice::name)
                .containsExactly("veth3b1f7c2a", "veth9d04e6b1");
        assertThat(c.podsOf("worker01")).extracting(p -> p.address() + "/" + p.prefixLength(), Pod::hostDevice, p -> p.mac().toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10.244.0.2/24", "veth3b1f7c2a", "0a:58:0a:f4:00:02"),
                        org.assertj.core.groups.Tuple.tuple("10.244.0.3/24", "veth9d04e6b1", "0a:58:0a:f4:00:03"));
        Pod p = c.podsOf("worker02").get(0);
        assertThat(p.gateway()).isEqualTo(ip("10.244.1.1"));
        assertThat(p.bridge()).isEqualTo("cni0");
        assertThat(p.hostProxyArp()).isFalse();
        assertThat(p.addressFrom()).contains("ip neigh on cni0", "FDB");
        // cni0's subnet is each node's own: not a segment
        assertThat(c.segments()).extracting(Segment::name).containsExactly("net-192.168.0.0-24");
        assertThat(c.gateways()).filteredOn(g -> g.node().equals("worker03") && !g.external())
                .extracting(g -> g.gateway() + " " + g.owner()).containsExactly("10.244.0.0 worker01", "10.244.1.0 worker02");
        assertThat(c.findings(Finding.Kind.CONTRADICTION)).isEmpty();
        assertThat(c.findings(Finding.Kind.AMBIGUITY)).isEmpty();
    }

    @Test
    void calicoIpip() {
        ClusterModel c = cluster("calico-ipip");
        NodeModel w1 = c.node("worker01").orElseThrow();
        NodeDevice tunl = w1.device("tunl0").orElseThrow();
        assertThat(tunl.kind()).isEqualTo(DeviceKind.IPIP);
        assertThat(tunl.mtu()).isEqualTo(1480);
        assertThat(tunl.tunnel()).isEqualTo(new TunnelConfig.Ipip(null, null, null, "inherit", false));
        assertThat(w1.device("enp1s0").orElseThrow().kind()).isEqualTo(DeviceKind.ETHERNET);
        assertThat(c.podsOf("worker01")).extracting(p -> p.address().toString())
                .containsExactly("172.16.52.132", "172.16.52.134", "172.16.52.135");
        assertThat(c.pods()).hasSize(5);
        // IPIP routes go via the peer's underlay address
        assertThat(c.gateways()).filteredOn(g -> g.node().equals("worker01") && !g.external())
                .extracting(g -> g.gateway() + " " + g.owner() + "/" + g.ownerDevice())
                .containsExactly("192.168.0.146 worker02/enp1s0", "192.168.0.241 worker03/enp1s0");
        assertThat(c.findings(Finding.Kind.CONTRADICTION)).isEmpty();
    }

    @Test
    void textAndJsonFormsGiveTheSameNode() {
        Path dir = CLUSTERS.resolve("calico-vxlan/worker02");
        NodeModel text = NodeBuilder.build(NodeDumps.read(dir, false));
        java.util.Map<String, String> json = new java.util.LinkedHashMap<>();
        for (String f : List.of("ip-route-table-all.json", "ip-addr.json", "ip-link.json", "ip-rule.json", "ip-neigh.json",
                "bridge-fdb.json")) {
            json.put(f, read(dir.resolve(f)));
        }
        NodeModel fromJson = NodeBuilder.build(NodeDumps.of("worker02", json, false));
        // the JSON form names the veth peers' namespaces by id only
        assertThat(fromJson.devices()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("peerNamespace")
                .isEqualTo(text.devices());
        assertThat(fromJson.device("enp1s0").orElseThrow().peerNamespace()).isEqualTo("netnsid 0");
        assertThat(fromJson.addresses()).isEqualTo(text.addresses());
        assertThat(fromJson.rules()).isEqualTo(text.rules());
        assertThat(fromJson.findings()).isEqualTo(text.findings());
    }

    static String read(Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Ipv4Address ip(String s) {
        return Ipv4Address.parse(s);
    }
}
