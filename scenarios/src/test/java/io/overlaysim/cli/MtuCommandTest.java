package io.overlaysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code overlaysim mtu}: flag parsing and its exit-2 messages, the text output, --dumps, --config, files. */
class MtuCommandTest {
    static final Path CLUSTERS = Path.of("../sim-core/src/test/resources/clusters");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--encap|gre|--encap: expected none, ipip or vxlan, found 'gre'",
        "--encap|vxlan,,none|--encap: expected a value between commas, found 'vxlan,,none'",
        "--encap|vxlan,vxlan|--encap: expected each value once, found 'vxlan'",
        "--underlay-mtu|100|--underlay-mtu: expected an MTU from 118 (68 inside VXLAN) to 65535, found '100'",
        "--underlay-mtu|15OO|--underlay-mtu: expected an MTU, found '15OO'",
        "--sizes|64..x|--sizes: expected a size in bytes, found 'x'",
        "--sizes|9000..64|--sizes: expected FROM <= TO, found '9000..64'",
        "--sizes|64..9000/0|--sizes: expected a step of at least 1 byte, found '0'",
        "--sizes|..9000|--sizes: expected FROM..TO/STEP or a list of sizes, found '..9000'",
        "--sizes|20|--sizes: expected a datagram size from 28 (IPv4 + ICMP/UDP headers) to 65535, found '20'",
        "--df|maybe|--df: expected on, off or both, found 'maybe'",
        "--proto|sctp|--proto: expected icmp, udp or tcp, found 'sctp'",
        "--pod-mtu|40|--pod-mtu: expected an MTU from 68 to 65535, found '40'",
    })
    void badValuesExit2NamingTheFlag(String flag, String value, String message) {
        CliRun r = CliRun.of("mtu", flag, value);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("overlaysim: " + message + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }

    @Test
    void formatsNeedAnOutputFolderAndKnownNames() {
        assertThat(CliRun.of("mtu", "--format", "md").err()).contains("--format: needs --out DIR");
        CliRun r = CliRun.of("mtu", "--format", "md,pdf", "--out", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--format: expected csv, json, md or html, found 'pdf'");
    }

    @Test
    void aSmallSweepPrintsTheTableWithTheoryBeside() {
        CliRun r = CliRun.of("mtu", "--encap", "vxlan", "--underlay-mtu", "1500", "--sizes", "1450,1451", "--df", "on",
                "--proto", "udp");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Maximum deliverable datagram per underlay MTU", "Cells: 2 (2 simulated")
                .containsPattern("1500 B +vxlan +1450 B +1450 B +1450 B +simulated")
                .containsPattern("vxlan +1500 B +1451 B +on +udp +refused with frag-needed +0 +pod-a/eth0 \\(local, mtu 1450\\)")
                .doesNotContain("disagrees-with-theory");
    }

    @Test
    void tcpCellsAreSimulatedWholeOrSegmentedByTcp() {
        CliRun r = CliRun.of("mtu", "--encap", "ipip", "--underlay-mtu", "1500", "--sizes", "1480,1481", "--df", "on",
                "--proto", "tcp");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Cells: 2 (2 simulated, 0 not simulated yet; 0 disagree")
                .containsPattern("ipip +1500 B +1480 B +on +tcp +delivered whole +1 ")
                .containsPattern("ipip +1500 B +1481 B +on +tcp +segmented by TCP +2 +pod-a/eth0 \\(mss 1440\\)")
                .contains("segmented by TCP (2)")
                .doesNotContain("disagrees-with-theory");
    }

    @Test
    void dumpsOfAHealthyClusterPrintEveryPairAndNoFix() {
        CliRun r = CliRun.of("mtu", "--dumps", CLUSTERS.resolve("calico-ipip").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("worker01/pod-0 (172.16.52.132)", "1480  worker01/pod-0/eth0 (pod eth0)",
                "No MTU misconfiguration found.");
    }

    @Test
    void dumpsWriteTheReportsFiles() {
        CliRun r = CliRun.of("mtu", "--dumps", CLUSTERS.resolve("flannel-vxlan").toString(), "--format", "csv,json",
                "--out", tmp.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(tmp.resolve("mtu-paths-paths.csv")).content().startsWith("from,from_address,to,to_address,path_mtu,")
                .contains("worker01/pod-0,10.244.0.2,worker02/pod-0,10.244.1.2,1450,worker01/pod-0/eth0 (pod eth0)");
        assertThat(tmp.resolve("mtu-paths.json")).exists();
    }

    @Test
    void missingFoldersAndConfigFilesExit2() {
        CliRun r = CliRun.of("mtu", "--dumps", tmp.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope: expected a node folder");
        r = CliRun.of("mtu", "--config", tmp.resolve("nope.args").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope.args: no such file (--config)");
    }

    @Test
    void configFlagsApplyAndTheCommandLineWins() throws IOException {
        Path cfg = tmp.resolve("sweep.args");
        Files.writeString(cfg, "# a sweep\n--encap none\n--underlay-mtu 1400 --sizes 1400,1401\n--df on\n--proto udp\n");
        CliRun r = CliRun.of("mtu", "--config", cfg.toString(), "--encap", "ipip");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Encapsulations: ipip", "Underlay MTUs: 1400", "Cells: 2 (2 simulated");
        Files.writeString(cfg, "--sizes 64..x\n");
        r = CliRun.of("mtu", "--config", cfg.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--sizes: expected a size in bytes, found 'x'");
        Files.writeString(cfg, "--colour blue\n");
        r = CliRun.of("mtu", "--config", cfg.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("sweep.args: Unknown options: '--colour', 'blue'");
    }
}
