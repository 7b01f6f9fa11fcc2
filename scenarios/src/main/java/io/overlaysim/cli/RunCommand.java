package io.overlaysim.cli;

import io.overlaysim.report.junit.JunitXmlWriter;
import io.overlaysim.report.junit.TestSuite;
import io.overlaysim.scenario.Scenario;
import io.overlaysim.scenario.ScenarioException;
import io.overlaysim.scenario.ScenarioLoader;
import io.overlaysim.scenario.run.ResultJson;
import io.overlaysim.scenario.run.ResultJunit;
import io.overlaysim.scenario.run.RunResult;
import io.overlaysim.scenario.run.ScenarioRun;
import io.overlaysim.scenario.run.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code overlaysim run SCENARIO...}: runs scenarios and checks their expectations. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run scenario files: build the network, send the traffic, apply the faults, and check",
            "every expectation. Exit code 0 when every expectation holds, 1 when one fails,",
            "2 for a bad scenario, a bad option, or what cannot be simulated yet."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  overlaysim run scenarios/bundled/routers-chain.yaml",
            "  overlaysim run scenarios/bundled/*.yaml --junit results.xml --json results.json",
            "  overlaysim run scenarios/bundled/routers-chain.yaml --out captures/   # one pcapng per device",
            "  overlaysim run scenarios/bundled/*.yaml --shard 2/4                   # the 2nd of 4 CI jobs"
        })
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SCENARIO", description = "Scenario files (YAML).")
    List<Path> files;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write the capture files the scenarios ask for here (a folder per scenario when several run).")
    Path out;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML: a testsuite per scenario, a testcase per expectation.")
    Path junit;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Write the results as JSON: verdicts, final routing tables, device counters, the ledger.")
    Path json;

    @Option(names = "--seed", paramLabel = "N", description = "Use this seed instead of each scenario's own.")
    Long seed;

    @Option(names = "--shard", paramLabel = "i/n", description = "Run only every n-th scenario, starting with the i-th (1-based).")
    String shard;

    @Option(names = "--no-color", description = "Plain output, even on a terminal.")
    boolean noColor;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Ansi ansi = noColor ? Ansi.OFF : Ansi.AUTO;
        boolean interactive = !noColor && System.console() != null && System.getenv("CI") == null;
        List<Path> chosen = shard(files, shard);
        List<RunResult> results = new ArrayList<>();
        boolean badInput = false;
        for (Path file : chosen) {
            Scenario scenario;
            RunResult r;
            ProgressBar bar = interactive ? new ProgressBar(err, file.getFileName().toString()) : null;
            try {
                scenario = ScenarioLoader.load(file);
                Optional<Path> captures = Optional.ofNullable(out)
                        .map(dir -> chosen.size() > 1 ? dir.resolve(scenario.name()) : dir);
                r = ScenarioRun.run(scenario, new ScenarioRun.Options(
                        seed == null ? OptionalLong.empty() : OptionalLong.of(seed), captures,
                        bar == null ? ScenarioRun.Progress.NONE : bar));
            } catch (ScenarioException e) {
                if (bar != null) {
                    bar.clear();
                }
                badInput = true;
                e.errors().forEach(x -> err.println(x));
                continue;
            }
            if (bar != null) {
                bar.clear();
            }
            results.add(r);
            print(stdout, ansi, file, r);
        }
        if (json != null) {
            write(json, ResultJson.of(results));
        }
        if (junit != null) {
            List<TestSuite> suites = results.stream().map(ResultJunit::suite).toList();
            try (Writer w = Files.newBufferedWriter(junit, StandardCharsets.UTF_8)) {
                JunitXmlWriter.write(suites, w);
            }
        }
        stdout.flush();
        err.flush();
        if (badInput) {
            return Overlaysim.EXIT_BAD_INPUT;
        }
        return results.stream().allMatch(RunResult::passed) ? Overlaysim.EXIT_OK : Overlaysim.EXIT_FAILED;
    }

    /** The scenarios of shard {@code i/n}: the i-th, (i+n)-th, ... in the order given. */
    static List<Path> shard(List<Path> files, String shard) {
        if (shard == null) {
            return files;
        }
        String[] parts = shard.split("/", -1);
        int i;
        int n;
        try {
            i = Integer.parseInt(parts[0]);
            n = parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            n = -1;
            i = 0;
        }
        if (n < 1 || i < 1 || i > n) {
            throw new BadInputException("--shard: expected i/n with 1 <= i <= n (e.g. 2/4), found \"" + shard + "\"");
        }
        List<Path> out = new ArrayList<>();
        for (int k = i - 1; k < files.size(); k += n) {
            out.add(files.get(k));
        }
        return out;
    }

    private static void print(PrintWriter out, Ansi ansi, Path file, RunResult r) {
        long failed = r.failures();
        String head = failed == 0 ? ansi.string("@|bold,green PASS|@") : ansi.string("@|bold,red FAIL|@");
        out.println(head + " " + r.scenario().name() + " (" + file + "): "
                + (failed == 0 ? r.verdicts().size() + " expectations hold"
                        : failed + " of " + r.verdicts().size() + " expectations failed")
                + String.format(", %.1f s simulated in %.2f s", r.scenario().duration().toNanos() / 1e9,
                        r.wall().toNanos() / 1e9));
        for (Verdict v : r.verdicts()) {
            if (v.passed()) {
                continue;
            }
            out.println("  " + ansi.string("@|red x|@") + " " + v.expectation().where() + ": " + v.kind() + " "
                    + ansi.string("@|bold " + escape(v.name()) + "|@") + ": " + v.message());
            v.evidence().stream().limit(12).forEach(line -> out.println("      " + line));
            if (v.evidence().size() > 12) {
                out.println("      ... (" + (v.evidence().size() - 12) + " more lines in --junit / --json)");
            }
        }
        out.println("  " + ansi.string("@|faint " + escape(r.ledger().text().replace("\n", "; ").replaceAll(";\\s+", "; ")) + "|@"));
    }

    /** Keeps picocli's markup out of text that may hold {@code |@} or {@code @|}. */
    private static String escape(String s) {
        return s.replace("@|", "@ |").replace("|@", "| @");
    }

    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
