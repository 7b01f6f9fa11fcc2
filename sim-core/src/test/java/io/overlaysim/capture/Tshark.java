package io.overlaysim.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Wireshark's dissectors as a test oracle: runs tshark on a capture the way
 * {@code tools/pcap-check} does (IP/UDP/TCP checksum validation on, UDP 4789 decoded as VXLAN)
 * and reports malformed packets, bad checksums and error-level expert items.
 *
 * <pre>{@code
 * Tshark.assertClean(file);                                    // skips when tshark is missing
 * List<List<String>> rows = Tshark.fields(file, "frame.comment", "frame.interface_name");
 * }</pre>
 *
 * <p>When tshark is not installed, tests skip with a message, except when the environment
 * variable {@code CI} is {@code "true"}: CI installs tshark, so there a missing tshark fails.
 */
public final class Tshark {
    private static final List<String> CHECKSUM_PREFS = List.of("ip.check_checksum:TRUE",
            "udp.check_checksum:TRUE", "tcp.check_checksum:TRUE", "udplite.check_checksum:TRUE");
    private static final List<String> CHECKSUM_LAYERS = List.of("ip", "udp", "tcp", "icmp", "icmpv6", "igmp", "gre");
    /** epan/proto.h: PI_ERROR. */
    private static final int SEVERITY_ERROR = 0x00800000;

    private Tshark() {}

    /** What tshark found wrong in one capture (empty {@code problems} when clean). */
    public record Report(Path file, int packets, List<String> problems) {
        public boolean clean() {
            return problems.isEmpty();
        }
    }

    /** The tshark executable ({@code $TSHARK}, else {@code tshark} on the PATH), if installed. */
    public static Optional<Path> find() {
        String override = System.getenv("TSHARK");
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override)).filter(Files::isExecutable);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "tshark");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns tshark's path; skips the calling test when it is missing, or fails it when the
     * environment variable {@code CI} is "true".
     */
    public static Path require() {
        Optional<Path> tshark = find();
        if (tshark.isEmpty()) {
            String message = "tshark is not installed (not on the PATH, TSHARK not set): the check of"
                    + " captures by Wireshark's dissectors is skipped. Install it with"
                    + " `apt-get install tshark` (CI does: .ci/run).";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + " CI=true: failing instead of skipping.");
            }
            assumeTrue(false, message);
        }
        return tshark.get();
    }

    /** Runs tshark on {@code file} and asserts no malformed packet, bad checksum or error-level item. */
    public static Report assertClean(Path file) throws IOException {
        return assertClean(file, new String[0]);
    }

    /**
     * As {@link #assertClean(Path)}, with extra {@code -d} decode-as rules such as
     * {@code "udp.port==8472,vxlan"} (pcap-check's {@code --decode-as}; Flannel's port).
     */
    public static Report assertClean(Path file, String... decodeAs) throws IOException {
        Report report = check(file, decodeAs);
        assertThat(report.problems()).as("tshark on %s (%d packets)", file, report.packets()).isEmpty();
        return report;
    }

    /** Runs tshark on {@code file} (skipping the test when tshark is missing) and reports problems. */
    public static Report check(Path file, String... decodeAs) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (String d : decodeAs) {
            extra.add("-d");
            extra.add(d);
        }
        // Pass 1: tshark must read the whole file without complaint.
        List<String> pass1 = new ArrayList<>(extra);
        pass1.addAll(List.of("-q", "-z", "expert"));
        Result read = run(withBase(file, pass1));
        if (read.exit != 0 || !read.stderr.isBlank()) {
            problems.add("tshark could not read the file cleanly (exit " + read.exit + "): " + read.stderr.strip());
        }
        // Pass 2: per packet, as JSON.
        List<String> args = new ArrayList<>(extra);
        args.addAll(List.of("-T", "json", "-e", "frame.number", "-e", "_ws.expert.message",
                "-e", "_ws.expert.severity", "-e", "_ws.malformed"));
        for (String layer : CHECKSUM_LAYERS) {
            args.add("-e");
            args.add(layer + ".checksum.status");
        }
        Result json = run(withBase(file, args));
        JsonNode packets = json.stdout.isBlank() ? new ObjectMapper().createArrayNode()
                : new ObjectMapper().readTree(json.stdout);
        for (JsonNode packet : packets) {
            JsonNode layers = packet.path("_source").path("layers");
            String frame = "frame " + layers.path("frame.number").path(0).asText("?");
            if (layers.has("_ws.malformed")) {
                problems.add(frame + ": malformed packet");
            }
            JsonNode messages = layers.path("_ws.expert.message");
            JsonNode severities = layers.path("_ws.expert.severity");
            for (int i = 0; i < severities.size(); i++) {
                if (severities.path(i).asInt() >= SEVERITY_ERROR) {
                    problems.add(frame + ": error: " + messages.path(i).asText());
                }
            }
            for (String layer : CHECKSUM_LAYERS) {
                for (JsonNode status : layers.path(layer + ".checksum.status")) {
                    // 0 bad, 4 illegal (1 good, 2 unverified, 3 not present)
                    if (status.asText().equals("0") || status.asText().equals("4")) {
                        problems.add(frame + ": bad " + layer + " checksum");
                    }
                }
            }
        }
        return new Report(file, packets.size(), List.copyOf(problems));
    }

    /**
     * The values of {@code fields} for every packet, as tshark prints them with {@code -T fields}
     * (several occurrences of a field joined by ','); one row per packet.
     */
    public static List<List<String>> fields(Path file, String... fields) throws IOException {
        List<String> args = new ArrayList<>(List.of("-T", "fields", "-E", "separator=/t", "-E", "occurrence=a"));
        for (String f : fields) {
            args.add("-e");
            args.add(f);
        }
        Result r = run(withBase(file, args));
        assertThat(r.exit).as("tshark -T fields on %s: %s", file, r.stderr).isZero();
        List<List<String>> rows = new ArrayList<>();
        for (String line : r.stdout.split("\n", -1)) {
            if (!line.isEmpty()) {
                rows.add(List.of(line.split("\t", -1)));
            }
        }
        return rows;
    }

    private static List<String> withBase(Path file, List<String> args) {
        List<String> all = new ArrayList<>(List.of("-r", file.toString(), "-n"));
        for (String pref : CHECKSUM_PREFS) {
            all.add("-o");
            all.add(pref);
        }
        all.addAll(List.of("-d", "udp.port==4789,vxlan"));
        all.addAll(args);
        return all;
    }

    private record Result(int exit, String stdout, String stderr) {}

    private static Result run(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(require().toString());
        command.addAll(args);
        Path out = Files.createTempFile("tshark", ".out");
        Path err = Files.createTempFile("tshark", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("tshark did not finish in 120 s: " + command);
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("Running as user"))
                    .reduce("", (a, b) -> a + b + "\n");
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), stderr);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for tshark", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
