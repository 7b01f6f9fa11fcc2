package io.overlaysim.mtu;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same sweep gives byte-identical CSV, JSON and Markdown, run to run; and the bundled
 * example's report in {@code reports/examples/mtu-sweep/} is what the bundled sweep gives now.
 */
class SweepDeterminismTest {
    static final Path EXAMPLE = Path.of("../reports/examples/mtu-sweep");

    @TempDir
    Path tmp;

    @Test
    void twoRunsGiveTheSameBytes() throws IOException {
        String[] args = {"mtu", "--encap", "none,ipip,vxlan", "--underlay-mtu", "1500,1450", "--sizes", "64,1000,1451,1500,1501,3000",
            "--df", "both", "--proto", "icmp,udp", "--pod-mtu", "1500", "--drop-icmp-errors", "--format", "csv,json,md"};
        for (String run : List.of("a", "b")) {
            CliRun r = CliRun.of(concat(args, "--out", tmp.resolve(run).toString()));
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        List<String> files = List.of("mtu-sweep-mtu.csv", "mtu-sweep-cells.csv", "mtu-sweep-efficiency.csv",
                "mtu-sweep-goodput.csv", "mtu-sweep.json", "mtu-sweep.md");
        for (String f : files) {
            assertThat(Files.readAllBytes(tmp.resolve("a").resolve(f))).as(f).isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(f)));
        }
        assertThat(tmp.resolve("a/mtu-sweep.md")).content().contains("lost silently (PMTUD black hole)");
    }

    @Test
    void theCheckedInExampleIsWhatTheBundledSweepGives() throws IOException {
        CliRun r = CliRun.of("mtu", "--config", "bundled/mtu-sweep.args", "--format", "csv,md", "--out", tmp.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String f : List.of("mtu-sweep-mtu.csv", "mtu-sweep-cells.csv", "mtu-sweep-efficiency.csv",
                "mtu-sweep-goodput.csv", "mtu-sweep.md")) {
            assertThat(Files.readString(tmp.resolve(f))).as(f + " (regenerate with reports/scripts/mtu-sweep-example.sh)")
                    .isEqualTo(Files.readString(EXAMPLE.resolve(f)));
        }
        assertThat(EXAMPLE.resolve("mtu-sweep.html")).exists();
        assertThat(EXAMPLE.resolve("efficiency.svg")).exists();
        assertThat(EXAMPLE.resolve("max-deliverable.png")).exists();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
