package io.overlaysim.cli;

import io.overlaysim.replay.ClusterBuilder;
import io.overlaysim.replay.ClusterModel;
import io.overlaysim.replay.NodeBuilder;
import io.overlaysim.replay.NodeDumps;
import io.overlaysim.replay.NodeModel;
import io.overlaysim.replay.ReplayException;
import io.overlaysim.scenario.imported.ScenarioYaml;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code overlaysim import}: checks dumps, explains what a cluster's dumps imply, writes them as a scenario. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Rebuild nodes from their ip/bridge dumps. Each DIR is a node's folder, named after the node,",
            "holding ip-route.txt (or ip-route-table-all.txt) and optionally ip-addr.txt, ip-link.txt",
            "(ip -d link), ip-rule.txt, ip-neigh.txt, bridge-fdb.txt (.json for -j output); a folder of",
            "such folders stands for all of them. Writes the scenario equivalent to the dumps (on",
            "stdout, or --out FILE). Exit code 0 when all dumps parse, 2 otherwise."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  overlaysim import --check dumps/worker01/ip-route.txt dumps/worker01/ip-link.json",
            "  overlaysim import --explain dumps/worker01 dumps/worker02 dumps/worker03",
            "  overlaysim import dumps/ --out cluster.yaml && overlaysim validate cluster.yaml",
        })
final class ImportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR|FILE", description = "Node folders (or dump files with --check).")
    List<Path> paths;

    @Option(names = "--check", description = "Parse each FILE as a dump (kind told by its name or content) and say what it holds.")
    boolean check;

    @Option(names = "--explain", description = "Print what was inferred and what was ambiguous, instead of the scenario.")
    boolean explain;

    @Option(names = "--lenient", description = "Skip bad lines with a warning each instead of failing.")
    boolean lenient;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the scenario there instead of printing it.")
    Path outFile;

    @Option(names = "--name", paramLabel = "NAME", description = "The scenario's name (default: the cluster folder's).")
    String name;

    @Option(names = "--schema", paramLabel = "REF", description = "The $schema reference written in the first line"
            + " (default: the path to scenarios/schema/scenario.schema.json when found, else its file name).")
    String schema;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return check ? check(out, err) : build(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int check(PrintWriter out, PrintWriter err) {
        boolean ok = true;
        int skipped = 0;
        for (Path p : paths) {
            if (!Files.isRegularFile(p)) {
                err.println(p + ": no such file");
                ok = false;
                continue;
            }
            DumpCheck c = DumpCheck.of(p.toString(), NodeRouting.read(p));
            if (c.summary() != null) {
                out.println(c.summary());
            }
            if (c.fatal()) {
                ok = false;
                c.problems().forEach(err::println);
            } else if (lenient) {
                c.problems().forEach(m -> err.println("warning: " + m));
                skipped += c.problems().size();
            } else {
                c.problems().forEach(err::println);
                ok &= c.problems().isEmpty();
            }
        }
        if (lenient) {
            out.println(skipped + (skipped == 1 ? " line" : " lines") + " skipped");
        }
        return ok ? Overlaysim.EXIT_OK : Overlaysim.EXIT_BAD_INPUT;
    }

    private int build(PrintWriter out, PrintWriter err) {
        List<Path> nodes = nodeFolders(paths);
        ClusterModel c;
        List<String> warnings = new ArrayList<>();
        try {
            List<NodeModel> models = new ArrayList<>();
            for (Path p : nodes) {
                NodeDumps d = NodeDumps.read(p, lenient);
                warnings.addAll(d.warnings());
                models.add(NodeBuilder.build(d));
            }
            c = ClusterBuilder.build(models);
        } catch (ReplayException e) {
            throw new BadInputException(e.getMessage());
        }
        warnings.forEach(w -> err.println("warning: " + w));
        if (lenient) {
            err.println(warnings.size() + (warnings.size() == 1 ? " line" : " lines") + " skipped");
        }
        if (explain) {
            out.print(ImportExplain.of(c));
            return Overlaysim.EXIT_OK;
        }
        String text = ScenarioYaml.write(c, scenarioName(nodes), schemaRef());
        if (outFile == null) {
            out.print(text);
        } else {
            try {
                Files.writeString(outFile, text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println("wrote " + outFile + ": " + c.nodes().size() + " nodes, " + c.pods().size() + " pods, "
                    + c.segments().size() + " segments, " + c.routers().size() + " external routers");
        }
        return Overlaysim.EXIT_OK;
    }

    /** The node folders: each DIR that holds a route dump, else its subfolders that do, in name order. */
    static List<Path> nodeFolders(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                throw new BadInputException(p + ": not a folder (a node's folder of dumps; --check takes files)");
            }
            if (NodeDumps.isNodeFolder(p)) {
                out.add(p);
                continue;
            }
            try (Stream<Path> s = Files.list(p)) {
                List<Path> sub = s.filter(Files::isDirectory).filter(NodeDumps::isNodeFolder).sorted().toList();
                if (sub.isEmpty()) {
                    throw new BadInputException(p + ": holds no route dump (" + String.join(", ", NodeDumps.ROUTE_FILES)
                            + "), nor do its subfolders");
                }
                out.addAll(sub);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private String scenarioName(List<Path> nodes) {
        String n = name;
        if (n == null) {
            Path parent = nodes.get(0).toAbsolutePath().normalize().getParent();
            n = parent == null || parent.getFileName() == null ? "imported" : parent.getFileName().toString();
        }
        n = n.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
        return n.isEmpty() ? "imported" : n;
    }

    private String schemaRef() {
        if (schema != null) {
            return schema;
        }
        Path base = outFile == null ? Path.of("").toAbsolutePath() : outFile.toAbsolutePath().normalize().getParent();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (String rel : List.of("scenarios/schema/scenario.schema.json", "schema/scenario.schema.json")) {
                Path s = dir.resolve(rel);
                if (Files.isRegularFile(s)) {
                    return base.relativize(s).toString().replace('\\', '/');
                }
            }
        }
        return "scenario.schema.json";
    }
}
