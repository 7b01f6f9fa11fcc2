package io.overlaysim.report.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXParseException;

class JunitXmlWriterTest {

    private static final List<String> WALK = List.of(
            "1. pod-a eth0: sent 172.16.52.132 > 172.16.103.65 len 1500 DF",
            "2. worker01 cali1234: route 172.16.103.64/26 via 192.168.0.146 dev vxlan.calico onlink",
            "3. worker01 vxlan.calico: dropped, frag needed (mtu 1450) & ICMP <suppressed>",
            "4. \u001b[31mred\u001b[0m ]]> end\r");

    static TestSuite calico() {
        return new TestSuite("calico-vxlan", "overlaysim.scenarios", Instant.parse("2025-03-01T10:15:30.250Z"),
                "localhost", Duration.ofMillis(1234), new java.util.LinkedHashMap<>(java.util.Map.of("seed", "42")),
                List.of(
                        new TestCase("calico-vxlan", "pod-a reaches pod-b", Duration.ofNanos(1_500_000),
                                Outcome.PASSED),
                        new TestCase("calico-vxlan", "1500-byte ping with DF is delivered", Duration.ofMillis(12),
                                new Outcome.Failure("delivered", "expected delivered, got dropped:\n\"frag-needed\"",
                                        WALK)),
                        new TestCase("calico-vxlan", "BGP established by 5 s", Duration.ZERO,
                                new Outcome.Error("run", "node worker03 never started", List.of()))),
                "ran 3 expectations\n", "");
    }

    @Test
    void validAgainstAntsJunitSchema() throws Exception {
        String xml = JunitXmlWriter.toString(List.of(calico(), TestSuite.of("empty", List.of())));
        schema("JUnit.xsd").newValidator().validate(source(xml));
        schema("jenkins-junit.xsd").newValidator().validate(source(xml));
    }

    @Test
    void attributesInAFixedOrderAndCountsRight() {
        String xml = JunitXmlWriter.toString(List.of(calico()));
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
                + "  <testsuite name=\"calico-vxlan\" package=\"overlaysim.scenarios\" id=\"0\" tests=\"3\""
                + " failures=\"1\" errors=\"1\" time=\"1.234\" timestamp=\"2025-03-01T10:15:30\""
                + " hostname=\"localhost\">\n"
                + "    <properties>\n      <property name=\"seed\" value=\"42\"/>\n    </properties>\n"
                + "    <testcase name=\"pod-a reaches pod-b\" classname=\"calico-vxlan\" time=\"0.002\"/>\n");
        assertThat(xml).isEqualTo(JunitXmlWriter.toString(List.of(calico())));
    }

    @Test
    void failureKeepsMessageAndWalkThroughAParser() throws Exception {
        Document doc = parse(JunitXmlWriter.toString(List.of(calico())).getBytes(StandardCharsets.UTF_8));
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("delivered");
        // newlines and quotes survive attribute normalisation because they are written as references
        assertThat(failure.getAttribute("message")).isEqualTo("expected delivered, got dropped:\n\"frag-needed\"");
        assertThat(failure.getTextContent()).isEqualTo(String.join("\n",
                WALK.get(0), WALK.get(1), WALK.get(2), "4. \\u001B[31mred\\u001B[0m ]]> end\r"));
        Element error = (Element) doc.getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("message")).isEqualTo("node worker03 never started");
        assertThat(doc.getElementsByTagName("system-out").item(0).getTextContent()).isEqualTo("ran 3 expectations\n");
    }

    @Test
    void characersXmlForbidsAreMadeVisibleAndUnicodeIsUtf8() throws Exception {
        String name = "pod\u2192node \uD83D\uDE80 nul\u0000 bell\u0007 lone\uD800 \uFFFE";
        var suite = TestSuite.of("unicode", List.of(new TestCase("c\u00e9", name, Duration.ZERO, Outcome.PASSED)));
        byte[] bytes = JunitXmlWriter.toString(List.of(suite)).getBytes(StandardCharsets.UTF_8);
        schema("JUnit.xsd").newValidator().validate(new StreamSource(new ByteArrayInputStream(bytes)));
        Element tc = (Element) parse(bytes).getElementsByTagName("testcase").item(0);
        assertThat(tc.getAttribute("name"))
                .isEqualTo("pod\u2192node \uD83D\uDE80 nul\\u0000 bell\\u0007 lone\\uD800 \\uFFFE");
        assertThat(tc.getAttribute("classname")).isEqualTo("c\u00e9");
    }

    @Test
    void skippedAndPerCaseOutputAreJenkinsValidButNotAnts() throws Exception {
        var suite = TestSuite.of("sharded", List.of(
                new TestCase("sharded", "runs on shard 2", Duration.ZERO, new Outcome.Skipped("shard 1/2")),
                new TestCase("sharded", "delivered", Duration.ofMillis(3), Outcome.PASSED, "7 packets\n")));
        String xml = JunitXmlWriter.toString(List.of(suite));
        assertThat(xml).contains(" skipped=\"1\" ", "<skipped message=\"shard 1/2\"/>",
                "<system-out>7 packets\n</system-out>");
        schema("jenkins-junit.xsd").newValidator().validate(source(xml));
        assertThatThrownBy(() -> schema("JUnit.xsd").newValidator().validate(source(xml)))
                .isInstanceOf(SAXParseException.class);
    }

    @Test
    void timesAreDecimalSecondsWithoutExponent() {
        assertThat(JunitXmlWriter.seconds(Duration.ZERO)).isEqualTo("0.000");
        assertThat(JunitXmlWriter.seconds(Duration.ofNanos(1_499_999))).isEqualTo("0.001");
        assertThat(JunitXmlWriter.seconds(Duration.ofNanos(1_500_000))).isEqualTo("0.002");
        assertThat(JunitXmlWriter.seconds(Duration.ofHours(30))).isEqualTo("108000.000");
    }

    @Test
    void badModelIsRefusedWithItsField() {
        assertThatThrownBy(() -> new TestCase("c", " ", Duration.ZERO, Outcome.PASSED))
                .hasMessage("testcase name: expected a non-blank name, got ' '");
        assertThatThrownBy(() -> new Outcome.Failure("", "m", List.of()))
                .hasMessage("failure type: expected a non-blank name, got ''");
        assertThatThrownBy(() -> new TestCase("c", "n", Duration.ofSeconds(-1), Outcome.PASSED))
                .hasMessageContaining("time must be zero or more");
    }

    private static StreamSource source(String xml) {
        return new StreamSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static Schema schema(String name) throws Exception {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        // never fetch anything while validating
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        try (var in = JunitXmlWriterTest.class.getResourceAsStream("/junit/" + name)) {
            return f.newSchema(new StreamSource(in));
        }
    }

    private static Document parse(byte[] bytes) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }
}
