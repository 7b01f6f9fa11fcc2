package io.overlaysim.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.capture.PcapReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real BIRD 2.0.12 ↔ GoBGP 3.10 sessions of the corpus (resources corpus/bgp, see its README):
 * every message decodes, re-encodes to the same bytes, and says what the capture's summary says.
 */
class BgpCorpusTest {
    private static final Pattern LINE = Pattern.compile(
            "^frame\\s+\\d+\\s+t=\\s*[\\d.]+\\s+(\\S+) -> (\\S+)\\s+(\\S+)\\s+len (\\d+)\\s*(.*)$");

    record Summary(String direction, String type, int length, String text) {}

    record Decoded(String direction, byte[] bytes, BgpMessage message) {}

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BgpCorpusTest.class.getResourceAsStream("/corpus/bgp/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static List<Summary> summary(String name) throws IOException {
        List<Summary> out = new ArrayList<>();
        for (String line : new String(resource(name + ".summary.txt"), StandardCharsets.UTF_8).split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                out.add(new Summary(m.group(1) + " -> " + m.group(2), m.group(3), Integer.parseInt(m.group(4)), m.group(5).strip()));
            }
        }
        return out;
    }

    /** Every message of the capture, per direction in stream order, decoded with the negotiated contexts. */
    private static Map<String, List<Decoded>> decodeAll(String name) throws Exception {
        PcapReader.Capture cap = PcapReader.parse(name, resource(name + ".pcap"));
        Map<String, TcpStreams.Stream> streams = TcpStreams.reassemble(cap);
        assertThat(streams).hasSize(2);
        // The OPENs come first and need no context; the rest is read with the negotiated one.
        Map<String, OpenMessage> opens = new LinkedHashMap<>();
        for (var s : streams.values()) {
            byte[] first = TcpStreams.messages(s.bytes(), SessionContext.PLAIN).get(0);
            opens.put(s.direction(), (OpenMessage) BgpCodec.decode(first, SessionContext.PLAIN));
        }
        List<String> dirs = List.copyOf(streams.keySet());
        SessionContext.Negotiated n = SessionContext.negotiate(opens.get(dirs.get(0)), opens.get(dirs.get(1)));
        assertThat(n.receive()).isEqualTo(n.send()).isEqualTo(SessionContext.FOUR_OCTET_AS);
        Map<String, List<Decoded>> out = new LinkedHashMap<>();
        for (var s : streams.values()) {
            List<Decoded> list = new ArrayList<>();
            for (byte[] m : TcpStreams.messages(s.bytes(), n.send())) {
                list.add(new Decoded(s.direction(), m, BgpCodec.decode(m, n.send())));
            }
            out.put(s.direction(), list);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"bird-gobgp-ibgp", "bird-gobgp-ebgp"})
    void everyMessageReencodesToTheSameBytes(String name) throws Exception {
        int count = 0;
        for (List<Decoded> list : decodeAll(name).values()) {
            for (Decoded d : list) {
                assertThat(BgpCodec.encode(d.message(), SessionContext.FOUR_OCTET_AS)).as(d.message().toString())
                        .isEqualTo(d.bytes());
                assertThat(BgpCodec.length(d.message(), SessionContext.FOUR_OCTET_AS)).isEqualTo(d.bytes().length);
                count++;
            }
        }
        assertThat(count).isEqualTo(17);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bird-gobgp-ibgp", "bird-gobgp-ebgp"})
    void typesLengthsAndUpdatesMatchTheSummary(String name) throws Exception {
        Map<String, List<Decoded>> decoded = decodeAll(name);
        Map<String, List<Summary>> expected = summary(name).stream()
                .collect(Collectors.groupingBy(Summary::direction, LinkedHashMap::new, Collectors.toList()));
        assertThat(decoded.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (String dir : expected.keySet()) {
            List<Summary> want = expected.get(dir);
            List<Decoded> got = decoded.get(dir);
            assertThat(got).as(dir).hasSameSizeAs(want);
            for (int i = 0; i < want.size(); i++) {
                Summary s = want.get(i);
                Decoded d = got.get(i);
                assertThat(d.message().type().name().replace('_', '-')).as(dir + " #" + i).isEqualTo(s.type());
                assertThat(d.bytes().length).isEqualTo(s.length());
                if (d.message() instanceof UpdateMessage u) {
                    assertThat(describe(u)).as(dir + " #" + i).isEqualTo(s.text());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bird-gobgp-ibgp", "bird-gobgp-ebgp"})
    void birdOpensWithItsCapabilitiesAndClosesWithAdministrativeShutdown(String name) throws Exception {
        List<Decoded> bird = decodeAll(name).entrySet().stream().filter(e -> e.getKey().startsWith("127.0.0.1:"))
                .findFirst().orElseThrow().getValue();
        OpenMessage open = (OpenMessage) bird.get(0).message();
        assertThat(open.version()).isEqualTo(4);
        assertThat(open.myAs()).isEqualTo(64512);
        assertThat(open.holdTime()).isEqualTo(9);
        assertThat(open.bgpIdentifier()).hasToString("192.168.0.176");
        assertThat(open.parameters()).hasSize(1);
        assertThat(open.capabilities()).containsExactly(
                new Capability.MultiProtocol(AfiSafi.IPV4_UNICAST),
                new Capability.RouteRefresh(),
                new Capability.GracefulRestart(0, 120, List.of()),
                new Capability.FourOctetAs(64512),
                new Capability.EnhancedRouteRefresh(),
                new Capability.LongLivedGracefulRestart(List.of()));
        assertThat(bird.get(0).bytes()).hasSize(53);

        NotificationMessage last = (NotificationMessage) bird.get(bird.size() - 1).message();
        assertThat(last.errorCode()).isEqualTo(ErrorCode.CEASE);
        assertThat(last.subcodeName()).isEqualTo(ErrorSubcode.Cease.ADMINISTRATIVE_SHUTDOWN);
        assertThat(last.data()).isEmpty();
        assertThat(last.shutdownCommunication()).isEmpty();

        UpdateMessage eor = (UpdateMessage) bird.get(3).message();
        assertThat(eor.endOfRib()).contains(AfiSafi.IPV4_UNICAST);
        assertThat(bird.get(3).bytes()).hasSize(23);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bird-gobgp-ibgp", "bird-gobgp-ebgp"})
    void gobgpOpensWithFqdnAndExtendedNextHop(String name) throws Exception {
        List<Decoded> gobgp = decodeAll(name).entrySet().stream().filter(e -> e.getKey().startsWith("127.0.0.2:"))
                .findFirst().orElseThrow().getValue();
        OpenMessage open = (OpenMessage) gobgp.get(0).message();
        boolean ibgp = name.endsWith("ibgp");
        assertThat(open.peerAs()).isEqualTo(ibgp ? 64512 : 64513);
        assertThat(open.bgpIdentifier()).hasToString(ibgp ? "192.168.0.146" : "192.168.0.1");
        assertThat(open.capabilities()).containsExactly(
                new Capability.RouteRefresh(),
                new Capability.Fqdn(ibgp ? "node-146" : "tor-1", ""),
                new Capability.MultiProtocol(AfiSafi.IPV4_UNICAST),
                new Capability.FourOctetAs(ibgp ? 64512 : 64513),
                new Capability.ExtendedNextHop(List.of(new Capability.ExtendedNextHop.Entry(1, 1, 2))));
        long updates = gobgp.stream().filter(d -> d.message() instanceof UpdateMessage).count();
        long keepalives = gobgp.stream().filter(d -> d.message() instanceof KeepaliveMessage).count();
        assertThat(updates).isEqualTo(3);
        assertThat(keepalives).isEqualTo(4);
        UpdateMessage first = (UpdateMessage) gobgp.stream().filter(d -> d.message() instanceof UpdateMessage)
                .findFirst().orElseThrow().message();
        // Flags 0x40 (well-known transitive) on all of them, as the README says.
        assertThat(first.attributes()).allSatisfy(a -> assertThat(a.flags()).isEqualTo(0x40));
    }

    /** The summary's words for an UPDATE (tools/bgp-pcap-summary). */
    static String describe(UpdateMessage u) {
        if (u.endOfRib().isPresent()) {
            return "End-of-RIB marker " + u.endOfRib().get() + " (empty UPDATE)";
        }
        List<String> parts = new ArrayList<>();
        if (!u.withdrawn().isEmpty()) {
            parts.add("withdrawn " + u.withdrawn());
        }
        if (!u.attributes().isEmpty()) {
            List<String> as = new ArrayList<>();
            for (PathAttribute a : u.attributes()) {
                as.add(switch (a) {
                    case PathAttribute.Origin o -> "ORIGIN: " + List.of("IGP", "EGP", "INCOMPLETE").get(o.value());
                    case PathAttribute.AsPath p -> "AS_PATH: " + (p.segments().isEmpty() ? "empty"
                            : p.segments().stream().map(Object::toString).collect(Collectors.joining(" ")));
                    case PathAttribute.NextHop n -> "NEXT_HOP: " + n.address();
                    case PathAttribute.LocalPref l -> "LOCAL_PREF: " + l.value();
                    default -> a.toString();
                });
            }
            parts.add("attributes [" + String.join("; ", as) + "]");
        }
        if (!u.nlri().isEmpty()) {
            parts.add("NLRI " + u.nlri());
        }
        return String.join("; ", parts);
    }
}
