package io.overlaysim.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.overlaysim.iproute.LineTokens;
import io.overlaysim.iproute.RouteDump;
import io.overlaysim.iproute.RouteQueryParser;
import io.overlaysim.iproute.RouteTextParser;
import io.overlaysim.net.Ipv4Address;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every {@code NAME.dests.txt} of the corpus against the kernel's own answers
 * ({@code NAME.expected.jsonl}, made by linux-route-oracle on Linux 6.18 with
 * {@code fib_multipath_hash_seed=1}) and demands the same ok/error, type, dst, gateway, dev,
 * prefsrc, flags and error text, naming every difference. Multipath answers are compared
 * exactly too: {@link MultipathHash} reproduces the kernel's flow hash.
 */
class KernelConformanceTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Path corpus() throws URISyntaxException {
        return Path.of(KernelConformanceTest.class.getResource("/corpus/ip-route").toURI());
    }

    /** Loads a corpus dump as the oracle did (addresses inferred, defaults rules). */
    static Fib load(Path dump, List<String> extraDevices) throws IOException {
        TableNames names = new TableNames();
        RouteDump d = new RouteTextParser(names, false).parse(dump.getFileName().toString(), Files.readString(dump));
        Fib fib = new Fib(FibConfig.oracle(), names, HashPrefixMap::new);
        List<FibLoader.Line> lines = d.entries().stream().map(e -> new FibLoader.Line(e.line(), e.route())).toList();
        FibLoader.load(fib, lines, null, null, extraDevices);
        return fib;
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusAnswerAgrees() throws Exception {
        Path expected = corpus().resolve("expected");
        List<Path> dests;
        try (Stream<Path> s = Files.list(expected)) {
            dests = s.filter(p -> p.getFileName().toString().endsWith(".dests.txt")).sorted().toList();
        }
        assertThat(dests).hasSize(19);
        return dests.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> replay(p)));
    }

    private static void replay(Path destsFile) throws IOException, URISyntaxException {
        String name = destsFile.getFileName().toString().replace(".dests.txt", "");
        Fib fib = load(corpus().resolve(name + ".txt"), List.of());
        RouteLookup lookup = new RouteLookup(fib);
        List<String> queries = Files.readAllLines(destsFile);
        List<String> answers = Files.readAllLines(destsFile.resolveSibling(name + ".expected.jsonl"));
        assertThat(answers).hasSameSizeAs(queries);
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            RouteQuery q = RouteQueryParser.parse(LineTokens.of(name + ".dests.txt", i + 1, queries.get(i)));
            JsonNode want = JSON.readTree(answers.get(i));
            String diff = compare(lookup.get(q), want);
            if (diff != null) {
                diffs.add(name + ":" + (i + 1) + " " + queries.get(i) + ": " + diff);
            }
        }
        assertThat(diffs).as("differences from the kernel").isEmpty();
    }

    /** Null when the answer agrees with the kernel's, else what differs. */
    static String compare(RouteAnswer got, JsonNode want) {
        boolean ok = want.get("ok").asBoolean();
        return switch (got) {
            case RouteAnswer.Failed f -> ok ? "we say " + f.error().text() + ", kernel " + want
                    : f.error().text().equals(want.get("error").asText()) ? null
                    : "error " + f.error().text() + " vs " + want.get("error").asText();
            case RouteAnswer.Found r -> {
                if (!ok) {
                    yield "we found " + r + ", kernel says " + want.get("error").asText();
                }
                List<String> d = new ArrayList<>();
                field(d, "type", r.type().toString(), want);
                field(d, "dst", Ipv4Address.format(r.dst()), want);
                field(d, "gateway", r.gateway() == null ? null : r.gateway().toString(), want);
                field(d, "dev", r.dev(), want);
                field(d, "prefsrc", r.prefsrc() == 0 ? null : Ipv4Address.format(r.prefsrc()), want);
                List<String> wf = new ArrayList<>();
                want.get("flags").forEach(n -> wf.add(n.asText()));
                List<String> gf = r.flags().stream().sorted().map(RouteFlag::toString).toList();
                if (!wf.equals(gf)) {
                    d.add("flags " + gf + " vs " + wf);
                }
                yield d.isEmpty() ? null : String.join("; ", d);
            }
        };
    }

    private static void field(List<String> d, String key, String got, JsonNode want) {
        JsonNode w = want.get(key);
        String ws = w == null ? null : w.asText();
        if (got == null ? ws != null : !got.equals(ws)) {
            d.add(key + " " + got + " vs " + ws);
        }
    }
}
