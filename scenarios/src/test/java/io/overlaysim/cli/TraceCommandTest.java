package io.overlaysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.overlaysim.capture.Tshark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code overlaysim trace} on dumps of plain routers (src/test/resources/dumps/routers):
 *
 * <pre>
 *   h1 10.0.1.10 --- eth0 r1 eth1 (mtu 1400) --- 10.0.2.20 h2 (blackhole 10.9.0.0/16)
 * </pre>
 */
class TraceCommandTest {
    private static final String ROUTERS = "src/test/resources/dumps/routers";
    private static final Path CLUSTERS = Path.of("../sim-core/src/test/resources/clusters");

    @Test
    void aPingAndItsReplyAreNumberedWithTheRouteThatMatchedAtEachLookup() {
        CliRun r = CliRun.of("trace", "--dumps", ROUTERS, "--from", "h1", "--to", "10.0.2.20");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).startsWith("outcome: delivered", "packet 1 (ping on h1): delivered",
                "1. h1: created by ping", "2. h1: route lookup 10.0.2.20 -> default via 10.0.1.1 dev eth0 proto static")
                .contains("7. r1: route lookup 10.0.2.20 -> 10.0.2.0/24 dev eth1 proto kernel scope link src 10.0.2.1",
                        "packet 6 (icmp echo reply on h2, reply of packet 1): delivered",
                        "20. r1: route lookup 10.0.1.10 -> 10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.1")
                .endsWith("25. h1: delivered to ping");
    }

    @Test
    void aLargeDatagramWithDfMeetsTheNarrowLinkAndItsIcmpErrorComesBack() {
        CliRun r = CliRun.of("trace", "--dumps", ROUTERS + "/h1", ROUTERS + "/r1", ROUTERS + "/h2", "--from", "10.0.1.10",
                "--to", "10.0.2.20", "--proto", "udp", "--size", "1450", "--df");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("outcome: icmp-error (too-big-df at r1)\n")
                .contains("8. r1: icmp Fragmentation needed (type 3 code 4) sent back as packet 4\n",
                        "9. r1: dropped: too-big-df (dev eth0)\n", "16. h1: delivered to icmp error\n");
    }

    @Test
    void withoutDfTheDatagramIsFragmentedDeliveredAndEchoed() {
        CliRun r = CliRun.of("trace", "--dumps", ROUTERS, "--from", "h1", "--to", "10.0.2.20", "--proto", "udp",
                "--size", "1450");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("outcome: delivered\n").contains("r1: fragmented for mtu 1400 into 2 packets",
                "h2: delivered to udp:7", "reply:\n", "delivered to udp:32768");
    }

    @Test
    void jsonHasTheOutcomeTheStepsWithTheirRoutesAndTheReply() throws IOException {
        CliRun r = CliRun.of("trace", "--dumps", ROUTERS, "--from", "h1", "--to", "10.0.2.20", "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("outcome").asText()).isEqualTo("delivered");
        assertThat(j.get("reason").isNull()).isTrue();
        List<JsonNode> lookups = new ArrayList<>();
        j.get("steps").forEach(s -> {
            assertThat(s.has("node")).isTrue();
            assertThat(s.has("kind")).isTrue();
            if (s.get("kind").asText().equals("route-lookup")) {
                lookups.add(s);
            }
        });
        assertThat(lookups).extracting(s -> s.get("node").asText() + " " + s.path("dev").asText() + " " + s.get("route").asText())
                .containsExactly("h1 eth0 default via 10.0.1.1 dev eth0 proto static",
                        "r1 eth1 10.0.2.0/24 dev eth1 proto kernel scope link src 10.0.2.1",
                        "h2  local 10.0.2.20 dev eth0 table local proto kernel scope host src 10.0.2.20");
        assertThat(j.get("reply").get("outcome").asText()).isEqualTo("delivered");
        assertThat(j.get("reply").get("steps").get(0).get("node").asText()).isEqualTo("h2");
    }

    @Test
    void jsonOfADropNamesTheReasonAndHasNoReply() throws IOException {
        CliRun r = CliRun.of("trace", "--dumps", ROUTERS, "--from", "h2", "--to", "10.9.1.1", "--json");

        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("outcome").asText()).isEqualTo("dropped");
        assertThat(j.get("reason").asText()).isEqualTo("blackhole");
        assertThat(j.get("reply").isNull()).isTrue();
    }

    @Test
    void pcapWritesEveryDeviceThePacketsCrossedCleanInTsharkWithComments(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.of("trace", "--dumps", ROUTERS, "--from", "h1", "--to", "10.0.2.20", "--pcap", dir.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String f : List.of("h1-eth0.pcapng", "r1-eth0.pcapng", "r1-eth1.pcapng", "h2-eth0.pcapng")) {
            assertThat(Tshark.assertClean(dir.resolve(f)).packets()).as(f).isPositive();
        }
        assertThat(Tshark.fields(dir.resolve("r1-eth1.pcapng"), "frame.comment"))
                .contains(List.of("r1: 10.0.2.0/24 dev eth1 proto kernel scope link src 10.0.2.1"));
    }

    @Test
    void aTcpProbeIsASynAnsweredByTheListenersSynAck() throws IOException {
        CliRun r = CliRun.of("trace", "--dumps", ROUTERS, "--from", "h1", "--to", "10.0.2.20", "--proto", "tcp", "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("outcome").asText()).isEqualTo("delivered");
        assertThat(j.path("steps").get(0).path("node").asText()).isEqualTo("h1");
        List<String> kinds = new ArrayList<>();
        j.path("reply").path("steps").forEach(s -> kinds.add(s.path("node").asText() + " " + s.path("kind").asText()));
        assertThat(kinds).startsWith("h2 created").contains("r1 route-lookup").endsWith("h1 delivered");
        assertThat(j.path("steps").toString()).contains("10.0.2.0/24 dev eth1 proto kernel scope link src 10.0.2.1");
    }

    @Test
    void badInputIsExitTwoWithAMessage() {
        assertThat(CliRun.of("trace", "--dumps", ROUTERS, "--from", "h9", "--to", "10.0.2.20").err())
                .isEqualTo("overlaysim: --from h9: no such node (nodes: h1, h2, r1)" + System.lineSeparator());
        CliRun tcp = CliRun.of("trace", "--dumps", ROUTERS, "--from", "h1", "--to", "10.0.2.20", "--proto", "tcp",
                "--size", "1000");
        assertThat(tcp.exitCode()).isEqualTo(2);
        assertThat(tcp.err()).startsWith("overlaysim: --size: does not apply to --proto tcp");
        CliRun to = CliRun.of("trace", "--dumps", ROUTERS, "--from", "h1", "--to", "h2");
        assertThat(to.exitCode()).isEqualTo(2);
        assertThat(to.err()).startsWith("overlaysim: --to h2: expected an IPv4 address");
    }

    /**
     * Issue 4's "Done when": three clusters built only from their dumps (Calico VXLAN and Flannel
     * VXLAN dumped from a real kernel, Calico IPIP written after the real format) trace pod to pod
     * correctly in both directions: out through the tunnel, in through the peer's, and back.
     */
    @ParameterizedTest
    @CsvSource({
        "calico-vxlan, worker01/pod-0, 172.16.103.65, worker01, worker02, vxlan.calico: vxlan vni 4096 port 4789 192.168.0.176 -> 192.168.0.146",
        "calico-vxlan, worker02/pod-0, 172.16.52.132, worker02, worker01, vxlan.calico: vxlan vni 4096 port 4789 192.168.0.146 -> 192.168.0.176",
        "flannel-vxlan, worker01/pod-0, 10.244.1.2, worker01, worker02, flannel.1: vxlan vni 1 port 8472 192.168.0.101 -> 192.168.0.102",
        "flannel-vxlan, worker02/pod-0, 10.244.0.2, worker02, worker01, flannel.1: vxlan vni 1 port 8472 192.168.0.102 -> 192.168.0.101",
        "calico-ipip, worker01/pod-0, 172.16.103.65, worker01, worker02, tunl0: ipip 192.168.0.176 -> 192.168.0.146",
        "calico-ipip, worker02/pod-0, 172.16.52.132, worker02, worker01, tunl0: ipip 192.168.0.146 -> 192.168.0.176",
    })
    void overlayClustersTracePodToPodThroughTheTunnelAndBack(String cluster, String from, String to, String out,
            String in, String encap) throws IOException {
        CliRun r = CliRun.of("trace", "--dumps", CLUSTERS.resolve(cluster).toString(), "--from", from, "--to", to);

        assertThat(r.exitCode()).as(r.err()).isZero();
        String dev = encap.substring(0, encap.indexOf(':'));
        assertThat(r.out()).startsWith("outcome: delivered\n")
                .contains(". " + out + ": encapsulated by " + encap + "\n", ". " + in + ": decapsulated by " + dev)
                .contains(". " + in + ": encapsulated by " + dev, ". " + out + ": decapsulated by " + dev)
                .contains(": delivered to icmp echo\n").endsWith(". " + from + ": delivered to ping\n");
        JsonNode j = new ObjectMapper().readTree(CliRun.of("trace", "--dumps", CLUSTERS.resolve(cluster).toString(),
                "--from", from, "--to", to, "--json").out());
        assertThat(j.get("outcome").asText()).isEqualTo("delivered");
        assertThat(j.get("reply").get("outcome").asText()).isEqualTo("delivered");
        List<String> kinds = new ArrayList<>();
        j.get("steps").forEach(s -> kinds.add(s.get("node").asText() + " " + s.get("kind").asText()));
        assertThat(kinds).containsSubsequence(from + " created", out + " route-lookup", out + " encapsulated",
                in + " decapsulated", in + " route-lookup", in + "/pod-0 delivered");
        assertThat(j.get("steps").get(6).get("route").asText()).contains(" dev " + dev);
    }

    @Test
    void theSeedClustersBlackholeDropsAnEmptySlotOfTheOwnBlock() {
        CliRun r = CliRun.of("trace", "--dumps", CLUSTERS.resolve("calico-ipip").toString(), "--from", "worker01/pod-0",
                "--to", "172.16.52.140");

        assertThat(r.out()).startsWith("outcome: dropped (blackhole at worker01)\n")
                .contains("7. worker01: route lookup 172.16.52.140 -> blackhole 172.16.52.128/26 proto bird\n");
    }
}
