package io.overlaysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code overlaysim import}: the three cluster folders of sim-core's test data (read in place:
 * they are this repository's own files) become scenarios that {@code validate} accepts.
 */
class ImportCommandTest {
    static final Path CLUSTERS = Path.of("../sim-core/src/test/resources/clusters");

    @ParameterizedTest
    @ValueSource(strings = {"calico-vxlan", "flannel-vxlan", "calico-ipip"})
    void eachClusterBecomesAValidScenario(String cluster, @TempDir Path tmp) throws IOException {
        Path out = tmp.resolve(cluster + ".yaml");
        CliRun run = CliRun.of("import", CLUSTERS.resolve(cluster).toString(), "--out", out.toString(),
                "--schema", "../schema/scenario.schema.json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 nodes", "1 segments", "1 external routers");
        String yaml = Files.readString(out);
        assertThat(yaml).startsWith("# yaml-language-server: $schema=../schema/scenario.schema.json\n");
        assertThat(yaml).contains("name: " + cluster + "\n", "  worker01/pod-0:\n", "  gw-192.168.0.1:\n",
                "    endpoints: [worker01/", "gw-192.168.0.1/eth0]");
        CliRun validate = CliRun.of("validate", out.toString());
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        // the same dumps give the same bytes
        assertThat(CliRun.of("import", CLUSTERS.resolve(cluster).toString(), "--schema", "../schema/scenario.schema.json").out())
                .isEqualTo(yaml);
    }

    @Test
    void calicoScenarioCarriesTheCnisSetUp() {
        String yaml = CliRun.of("import", CLUSTERS.resolve("calico-vxlan").toString()).out();
        assertThat(yaml).contains(
                "      vxlan.calico: {kind: vxlan, mtu: 1450, mac: \"66:e7:4b:1a:52:80\", id: 4096, port: 4789, local: 192.168.0.176, dev: enp1s0, learning: false}",
                "      calib472a44443d: {kind: veth, peer: worker01/pod-0/eth0, mtu: 1450, mac: \"ee:ee:ee:ee:ee:ee\"}",
                "      172.16.103.64/26 via 172.16.103.64 dev vxlan.calico proto 80 onlink\n",
                "      172.16.103.64 dev vxlan.calico lladdr 66:58:0d:2c:67:40 PERMANENT\n",
                "      66:58:0d:2c:67:40 dev vxlan.calico dst 192.168.0.146 self permanent\n",
                "    sysctls: {ip_forward: 1, proxy_arp: {calib472a44443d: 1, calia863a3ed0c4: 1}}",
                "      eth0: {kind: veth, peer: worker01/calib472a44443d, mtu: 1450, mac: \"3a:6c:1f:52:84:01\"}",
                "      default via 169.254.1.1 dev eth0\n      169.254.1.1 dev eth0 scope link\n");
        // learned entries and multicast FDB entries stay out
        assertThat(yaml).doesNotContain("REACHABLE", "33:33:00:00:00:01", "table local");
    }

    @Test
    void flannelPodsGetTheBridgeAsGateway() {
        String yaml = CliRun.of("import", CLUSTERS.resolve("flannel-vxlan").toString()).out();
        assertThat(yaml).contains("      cni0: {kind: bridge, mtu: 1450",
                "      veth3b1f7c2a: {kind: veth, peer: worker01/pod-0/eth0, mtu: 1450, mac: \"ca:4f:9a:09:c9:59\", master: cni0}",
                "    addresses: [10.244.0.2/24 dev eth0]\n    routes: |\n      default via 10.244.0.1 dev eth0\n",
                "      flannel.1: {kind: vxlan, mtu: 1450, mac: \"9e:1c:3a:00:00:65\", id: 1, port: 8472, local: 192.168.0.101, dev: eth0, learning: false}");
    }

    @Test
    void explainSaysWhatWasInferred() {
        CliRun run = CliRun.of("import", "--explain", CLUSTERS.resolve("calico-ipip/worker01").toString(),
                CLUSTERS.resolve("calico-ipip/worker02").toString(), CLUSTERS.resolve("calico-ipip/worker03").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(
                "node worker01 (calico; from 6 files; address 192.168.0.176)",
                "  tunl0            ipip     mtu 1480  172.16.52.128/32 ipip local any remote any",
                "  net-192.168.0.0-24  192.168.0.0/24  mtu 1500  worker01/enp1s0, worker02/enp1s0, worker03/enp1s0, gw-192.168.0.1/eth0",
                "  worker01: 172.16.103.64/26 via 192.168.0.146 -> worker02/enp1s0",
                "  worker01/pod-2  172.16.52.135/32  behind cali6973aefed8d  gateway 169.254.1.1  proxy ARP on the host side",
                "inferred (",
                "  gw-192.168.0.1: 192.168.0.1 is the gateway of worker01, worker02, worker03 but belongs to no node",
                "contradictions (0)",
                "ambiguous (0)");
    }

    @Test
    void explainOfRoutesAloneSaysWhatItGuessed(@TempDir Path tmp) throws IOException {
        Path node = Files.createDirectories(tmp.resolve("node1"));
        Files.copy(CLUSTERS.resolve("flannel-vxlan/worker01/ip-route.txt"), node.resolve("ip-route.txt"));
        CliRun run = CliRun.of("import", "--explain", node.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(
                "node1/flannel.1: no ip -d link: Flannel VXLAN defaults (VNI 1, port 8472, nolearning, MTU 1450); local 192.168.0.101 dev eth0",
                "node1/cni0: named only in route line 3: a bridge by its name, MTU 1500 (assumed)",
                "node1/eth0: no ip addr dump: address 192.168.0.101/24 from the src of the route on line 6",
                "node1: route 10.244.1.0/24 via 10.244.1.0: the gateway belongs to no node and lies on no segment");
    }

    @Test
    void checkSaysWhatEachFileHolds() {
        Path w = CLUSTERS.resolve("calico-vxlan/worker01");
        CliRun run = CliRun.of("import", "--check", w.resolve("ip-route.txt").toString(), w.resolve("ip-route-table-all.json").toString(),
                w.resolve("ip-link.txt").toString(), w.resolve("ip-addr.txt").toString(), w.resolve("ip-rule.json").toString(),
                w.resolve("ip-neigh.txt").toString(), w.resolve("bridge-fdb.json").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains(
                "ip-route.txt: route (text): 7 routes in 1 table\n",
                "ip-route-table-all.json: route table all (json): 26 routes in 2 tables (13 IPv6)\n",
                "ip-link.txt: link (text): 5 devices (3 veth, 1 vxlan)\n",
                "ip-addr.txt: addr (text): 3 IPv4 addresses on 5 devices\n",
                "ip-rule.json: rule (json): 3 rules\n",
                "ip-neigh.txt: neigh (text): 6 neighbours (2 permanent)\n",
                "bridge-fdb.json: fdb (json): 11 FDB entries (2 to a remote VTEP)\n");
    }

    @Test
    void badFilesGiveExit2WithFileLineColumn(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("ip-route.txt");
        Files.writeString(bad, "# header\ndefault via 10.0.0.1 dev eth0\n10.0.0.0/24 dev eth0 bogus 1\n10.1.0.0/99 dev eth0\n");
        CliRun run = CliRun.of("import", "--check", bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("ip-route.txt: route (text): 1 routes in 1 table");
        assertThat(run.err()).contains(bad + ":3:22: expected ", bad + ":4:1: expected ");

        CliRun lenient = CliRun.of("import", "--check", "--lenient", bad.toString());
        assertThat(lenient.exitCode()).isZero();
        assertThat(lenient.err()).contains("warning: " + bad + ":3:22: expected ");
        assertThat(lenient.out()).contains("2 lines skipped");

        Path json = tmp.resolve("ip-link.json");
        Files.writeString(json, "[{\"ifindex\": 1, \"ifname\": \"lo\",]\n");
        CliRun broken = CliRun.of("import", "--check", json.toString());
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).startsWith(json + ":1:");

        Path unknown = tmp.resolve("notes.txt");
        Files.writeString(unknown, "# only a comment\n");
        CliRun what = CliRun.of("import", "--check", unknown.toString());
        assertThat(what.exitCode()).isEqualTo(2);
        assertThat(what.err()).contains("notes.txt: cannot tell which dump this is");
    }

    @Test
    void aBadNodeFolderGivesExit2(@TempDir Path tmp) throws IOException {
        Path node = Files.createDirectories(tmp.resolve("worker09"));
        Files.writeString(node.resolve("ip-route.txt"), "default via 10.0.0.1 dev eth0\nnonsense here\n");
        CliRun run = CliRun.of("import", node.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(node.resolve("ip-route.txt") + ":2:1: expected ");
        CliRun empty = CliRun.of("import", tmp.resolve("worker09").getParent().resolve("nothing").toString());
        assertThat(empty.exitCode()).isEqualTo(2);
        Files.delete(node.resolve("ip-route.txt"));
        CliRun none = CliRun.of("import", tmp.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("holds no route dump");
    }
}
