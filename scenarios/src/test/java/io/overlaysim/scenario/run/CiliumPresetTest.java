package io.overlaysim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.capture.Tshark;
import io.overlaysim.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cilium} preset and the bundled {@code cilium-vxlan.yaml}: the replayed node keeps the
 * dump's table line for line, and its captures are clean in Wireshark with VXLAN decoded on 8472,
 * the VNIs being the senders' identities.
 */
class CiliumPresetTest {
    private static final Path FILE = Path.of("bundled/cilium-vxlan.yaml");
    private static final Path DUMP = Path.of("../sim-core/src/test/resources/corpus/ip-route/cilium-vxlan-01.txt");

    private static RunResult run(Path captures) throws IOException {
        return ScenarioRun.run(ScenarioLoader.load(FILE), new ScenarioRun.Options(OptionalLong.empty(),
                Optional.of(captures), ScenarioRun.Progress.NONE));
    }

    @Test
    void theReplayedNodesMainTableIsTheDumpsLineForLine(@TempDir Path dir) throws IOException {
        RunResult r = run(dir);

        assertThat(r.passed()).isTrue();
        // the dump's main-table lines (no table keyword), trailing spaces as posted trimmed
        List<String> dumped = Files.readAllLines(DUMP).stream().filter(l -> !l.startsWith("#") && !l.contains(" table "))
                .map(String::strip).toList();
        assertThat(r.nodes().get("worker2").routes().get("main")).containsExactlyElementsOf(dumped);
    }

    @Test
    void capturesAreCleanWithVxlanOn8472AndIdentitiesAsVnis(@TempDir Path dir) throws IOException {
        run(dir);

        Path nic = dir.resolve("worker2-eth0.pcapng");
        Tshark.assertClean(nic, "udp.port==8472,vxlan");
        Tshark.assertClean(dir.resolve("worker2-cilium_vxlan.pcapng"));
        Tshark.assertClean(dir.resolve("worker2-cilium_host.pcapng"));
        // worker2's pod is identity 260 (the fifth node's first pod from 256), its own traffic remote-node (6),
        // the gateway's world (2); replies carry the peers' pods' identities, but peer1's pod (257) answers the
        // gateway through peer1's stack, outside the tunnel
        assertThat(vnis(nic)).containsExactly("2", "256", "258", "260", "261", "6");
    }

    @Test
    void itIsDeterministic(@TempDir Path dir) throws IOException {
        run(dir.resolve("a"));
        run(dir.resolve("b"));

        for (String f : List.of("worker2-eth0.pcapng", "worker2-cilium_vxlan.pcapng", "worker2-cilium_host.pcapng")) {
            assertThat(Files.readAllBytes(dir.resolve("a").resolve(f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(f)));
        }
    }

    private static TreeSet<String> vnis(Path file) throws IOException {
        Process p = new ProcessBuilder(Tshark.require().toString(), "-n", "-r", file.toString(), "-d", "udp.port==8472,vxlan",
                "-Y", "vxlan", "-T", "fields", "-e", "vxlan.vni").redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(p.waitFor()).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new TreeSet<>(out.lines().filter(l -> !l.isBlank()).toList());
    }
}
