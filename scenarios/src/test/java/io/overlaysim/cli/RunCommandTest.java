package io.overlaysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.overlaysim.capture.Tshark;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class RunCommandTest {
    private static final String CHAIN = "bundled/routers-chain.yaml";
    private static final String BROKEN = "src/test/resources/run/routers-chain-broken.yaml";
    private static final String HOSTS = "src/test/resources/run/declared-hosts.yaml";

    @Test
    void aPassingScenarioExitsZeroWithOneLine() {
        CliRun r = CliRun.of("run", CHAIN, "--no-color");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("PASS routers-chain (bundled/routers-chain.yaml): 12 expectations hold, 12.0 s simulated in ")
                .contains("packets: 33 created, 25 delivered, 8 dropped, 0 consumed, 0 in flight; dropped blackhole: 2")
                .doesNotContain("\033[");
    }

    @Test
    void aFailedExpectationExitsOneAndSaysWhereAndWhy() {
        CliRun r = CliRun.of("run", BROKEN, "--no-color");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL routers-chain-broken", "1 of 13 expectations failed",
                "  x " + BROKEN + ":40:5: delivered pings cross the cut link: expected all 2 replies, got 0",
                "packet 22 (ping on a): dropped (link-down)", "11. r2: neighbour 10.0.0.10 dev eth1");
    }

    @Test
    void junitHasASuitePerScenarioACasePerExpectationAndTheWalkInTheFailure(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("results.xml");
        CliRun r = CliRun.of("run", CHAIN, BROKEN, "--junit", xml.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        schema("JUnit.xsd").newValidator().validate(new StreamSource(xml.toFile()));
        schema("jenkins-junit.xsd").newValidator().validate(new StreamSource(xml.toFile()));
        Document d = parse(xml);
        var suites = d.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        assertThat(((Element) suites.item(0)).getAttribute("tests")).isEqualTo("12");
        assertThat(((Element) suites.item(0)).getAttribute("failures")).isEqualTo("0");
        assertThat(((Element) suites.item(1)).getAttribute("failures")).isEqualTo("1");
        Element failure = (Element) d.getElementsByTagName("failure").item(0);
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("pings cross the cut link");
        assertThat(failure.getAttribute("message")).startsWith("expected all 2 replies, got 0");
        assertThat(failure.getTextContent()).contains("routers-chain-broken.yaml:40:5: delivered",
                "packet 22 (ping on a): dropped (link-down)",
                "6. r1: route lookup 10.0.0.10 -> 10.0.0.8/30 via 10.0.0.6 dev eth1",
                "13. r2: dropped: link-down (dev eth1)");
    }

    @Test
    void jsonHoldsVerdictsTablesCountersAndTheLedger(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("r.json");
        CliRun r = CliRun.of("run", CHAIN, HOSTS, "--json", json.toString());

        assertThat(r.exitCode()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("scenarios")).hasSize(2);
        JsonNode chain = root.get("scenarios").get(0);
        assertThat(chain.get("name").asText()).isEqualTo("routers-chain");
        assertThat(chain.get("passed").asBoolean()).isTrue();
        JsonNode first = chain.get("expectations").get(0);
        assertThat(first.get("name").asText()).isEqualTo("delivered a-to-b");
        assertThat(first.get("kind").asText()).isEqualTo("delivered");
        assertThat(first.get("verdict").asText()).isEqualTo("pass");
        assertThat(first.get("at").asText()).matches("\\d+:\\d+");
        JsonNode r2 = chain.get("nodes").get("r2");
        assertThat(r2.get("routes").get("main").get(2).asText()).isEqualTo("10.0.0.8/30 dev eth1 proto kernel scope link src 10.0.0.9");
        assertThat(r2.get("routes").get("local").get(0).asText()).isEqualTo("local 10.0.0.6 dev eth0 proto kernel scope host src 10.0.0.6");
        JsonNode eth1 = r2.get("devices").get("eth1");
        assertThat(eth1.get("state").asText()).isEqualTo("UP");
        assertThat(eth1.get("mtu").asInt()).isEqualTo(1500);
        assertThat(eth1.get("tx").get("dropped").asLong()).isEqualTo(2);
        assertThat(eth1.get("rx").fieldNames()).toIterable().containsExactly("bytes", "packets", "errors", "dropped");
        assertThat(r2.get("bgp")).isEmpty();
        JsonNode ledger = chain.get("ledger");
        assertThat(ledger.get("created").asLong()).isEqualTo(33);
        assertThat(ledger.get("inFlight").asLong()).isZero();
        assertThat(ledger.get("balanced").asBoolean()).isTrue();
        assertThat(ledger.get("drops").get("ttl-exceeded").asLong()).isEqualTo(1);
        assertThat(chain.get("traffic").get("ttl-2").get("errors").asInt()).isEqualTo(1);
    }

    @Test
    void capturesAreNamedPerDeviceAndPassTshark(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.of("run", CHAIN, HOSTS, "--out", dir.toString());

        assertThat(r.exitCode()).isZero();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
        assertThat(files).extracting(Path::toString).containsExactly("declared-hosts/capture.pcap",
                "routers-chain/a-eth0.pcapng", "routers-chain/b-eth0.pcapng", "routers-chain/r1-eth0.pcapng",
                "routers-chain/r1-eth1.pcapng", "routers-chain/r2-eth0.pcapng", "routers-chain/r2-eth1.pcapng");
        for (Path f : files) {
            assertThat(Tshark.assertClean(dir.resolve(f)).packets()).as(f.toString()).isPositive();
        }
        // each packet a router sends carries the route that sent it
        assertThat(Tshark.fields(dir.resolve("routers-chain/r1-eth1.pcapng"), "frame.comment"))
                .contains(List.of("r1: 10.0.0.8/30 via 10.0.0.6 dev eth1"));
    }

    @Test
    void aScenarioThatCannotRunYetExitsTwoAndTheOthersStillRun(@TempDir Path dir) throws IOException {
        Path lan = dir.resolve("lan.yaml");
        Files.writeString(lan, Files.readString(Path.of("src/test/resources/run/lan-bridge.yaml"))
                .replace("sysctls: {ip_forward: 1}", "sysctls: {ip_forward: 1, fib_multipath_hash_policy: 1}"));
        CliRun r = CliRun.of("run", lan.toString(), CHAIN, "--no-color");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith(lan + ":24:3: not supported yet: fib_multipath_hash_policy other than 0 on gw");
        assertThat(r.out()).startsWith("PASS routers-chain");
    }

    @Test
    void aBrokenScenarioFileExitsTwoWithItsErrors() {
        CliRun r = CliRun.of("run", "src/test/resources/broken/bad-ip-lines.yaml");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("src/test/resources/broken/bad-ip-lines.yaml:9:46: expected a metric, found \"lots\"");
    }

    @Test
    void shardsTakeEveryNthScenario() {
        CliRun second = CliRun.of("run", BROKEN, CHAIN, HOSTS, "--shard", "2/2", "--no-color");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("PASS routers-chain (").doesNotContain("declared-hosts", "broken");

        CliRun first = CliRun.of("run", BROKEN, CHAIN, HOSTS, "--shard", "1/2", "--no-color");
        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(first.out()).contains("FAIL routers-chain-broken", "PASS declared-hosts");

        CliRun bad = CliRun.of("run", CHAIN, "--shard", "3/2");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--shard: expected i/n with 1 <= i <= n (e.g. 2/4), found \"3/2\"");
    }

    @Test
    void theSeedOptionChangesTheSeedReported(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("r.json");
        assertThat(CliRun.of("run", CHAIN, "--seed", "99", "--json", json.toString()).exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(json.toFile()).get("scenarios").get(0).get("seed").asLong()).isEqualTo(99);
    }

    @Test
    void helpHasExamples() {
        CliRun r = CliRun.of("run", "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: overlaysim run", "--junit=FILE", "--shard=i/n", "Examples:",
                "overlaysim run scenarios/bundled/*.yaml --junit results.xml");
    }

    private static Schema schema(String name) throws Exception {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        try (InputStream in = RunCommandTest.class.getResourceAsStream("/junit/" + name)) {
            return f.newSchema(new StreamSource(in));
        }
    }

    private static Document parse(Path file) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return f.newDocumentBuilder().parse(file.toFile());
    }
}
