package io.overlaysim.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package dependencies of sim-core run one way (STYLE.md): this test reads the imports of
 * every main source file and fails on an import the table below does not allow. A package not
 * in the table may import anything of ours, so new packages must be added here on purpose.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/io/overlaysim");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?io\\.overlaysim\\.(\\w+)\\.", Pattern.MULTILINE);

    /** Which of our packages each package may import (besides itself). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("net", Set.of()),
            Map.entry("engine", Set.of()),
            Map.entry("packet", Set.of("net")),
            Map.entry("capture", Set.of("net", "packet", "device")),
            Map.entry("routing", Set.of("net")),
            Map.entry("iproute", Set.of("net", "routing")),
            Map.entry("device", Set.of("net", "packet", "engine")),
            Map.entry("node", Set.of("net", "packet", "engine", "routing", "device")),
            Map.entry("transport", Set.of("net", "packet", "engine", "routing", "device", "node")),
            Map.entry("traffic", Set.of("net", "packet", "engine", "routing", "device", "node", "transport")),
            Map.entry("trace", Set.of("net", "packet", "engine", "routing", "device", "node", "iproute")),
            Map.entry("tunnel", Set.of("net", "packet", "engine", "routing", "device", "node", "transport")),
            Map.entry("cni", Set.of("net", "packet", "engine", "routing", "device", "node", "transport", "tunnel")),
            Map.entry("topology", Set.of("net", "packet", "engine", "routing", "device", "node", "transport", "traffic", "tunnel")),
            Map.entry("replay", Set.of("net", "routing", "iproute")),
            Map.entry("bgp", Set.of("net", "packet", "engine", "routing", "transport", "node")));

    /** Models never know about observers or dump formats. */
    private static final Set<String> MODELS = Set.of("engine", "net", "packet", "device", "node", "routing", "tunnel", "cni", "bgp", "transport",
            "traffic");
    private static final Set<String> OBSERVERS = Set.of("capture", "trace", "iproute");

    @Test
    void packagesDependOneWay() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(f).getName(0).toString();
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    String target = m.group(1);
                    if (target.equals(pkg)) {
                        continue;
                    }
                    Set<String> allowed = ALLOWED.get(pkg);
                    if (allowed != null && !allowed.contains(target)) {
                        violations.add(f + ": " + pkg + " must not import " + target);
                    }
                    if (MODELS.contains(pkg) && OBSERVERS.contains(target)) {
                        violations.add(f + ": model package " + pkg + " must not import " + target);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theTreeHasTheArchitecturesPackages() {
        assertThat(SOURCES.resolve("net")).isDirectory();
        assertThat(SOURCES.resolve("routing")).isDirectory();
    }
}
