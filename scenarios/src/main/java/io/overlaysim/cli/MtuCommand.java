package io.overlaysim.cli;

import io.overlaysim.mtu.ClusterPaths;
import io.overlaysim.mtu.DumpsReport;
import io.overlaysim.mtu.MtuProblem;
import io.overlaysim.mtu.MtuProblems;
import io.overlaysim.mtu.PodPath;
import io.overlaysim.mtu.Sweep;
import io.overlaysim.mtu.SweepArgs;
import io.overlaysim.mtu.SweepReport;
import io.overlaysim.mtu.SweepSpec;
import io.overlaysim.mtu.SweepText;
import io.overlaysim.replay.ClusterBuilder;
import io.overlaysim.replay.ClusterModel;
import io.overlaysim.replay.ReplayException;
import io.overlaysim.report.Report;
import io.overlaysim.report.chart.ChartRenderer;
import io.overlaysim.report.format.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code overlaysim mtu}: an MTU and overhead sweep, or a real cluster's path MTUs from its dumps. */
@Command(
        name = "mtu",
        mixinStandardHelpOptions = true,
        description = {
            "MTU and overhead. Without --dumps: a sweep. Every combination of",
            "encapsulation, underlay MTU, datagram size, DF and protocol is simulated",
            "on a two-node Calico-style cluster (pod -> node -> tunnel -> node -> pod)",
            "and reported beside the theory: delivered whole, fragmented, refused with",
            "frag-needed or lost silently; PMTUD convergence; efficiency; goodput.",
            "With --dumps: every pod-to-pod path MTU of a real cluster, the device",
            "that limits it, and the misconfigurations to fix, each with its ip",
            "command. Text on stdout unless --out. Exit 0 when done, 2 on bad input."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  overlaysim mtu --encap none,vxlan --underlay-mtu 1500,9000 --sizes 64..9000/64 --df both",
            "  overlaysim mtu --config scenarios/bundled/mtu-sweep.args --out reports/examples/mtu-sweep",
            "  overlaysim mtu --dumps dumps/worker01 dumps/worker02 dumps/worker03 --format md,html --out out/",
        })
final class MtuCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dumps", arity = "1..*", paramLabel = "DIR", description = "Node folders (ip/bridge dumps, as import reads them); a folder of such folders stands for all.")
    List<Path> dumps;

    @Option(names = "--lenient", description = "With --dumps: skip bad dump lines with a warning each.")
    boolean lenient;

    @Option(names = "--encap", paramLabel = "LIST", description = "none, ipip, vxlan (default: ${DEFAULT-VALUE}).", defaultValue = "none,ipip,vxlan")
    String encap;

    @Option(names = "--underlay-mtu", paramLabel = "LIST", description = "Underlay NIC MTUs (default: ${DEFAULT-VALUE}).", defaultValue = "1500,9000,1460,1450,1400")
    String underlay;

    @Option(names = "--sizes", paramLabel = "FROM..TO/STEP|LIST", description = "Inner IPv4 datagram sizes, headers included (default: ${DEFAULT-VALUE}).", defaultValue = "64..9000/64")
    String sizes;

    @Option(names = "--df", paramLabel = "on|off|both", description = "The DF bit (default: ${DEFAULT-VALUE}).", defaultValue = "both")
    String df;

    @Option(names = "--proto", paramLabel = "LIST", description = "icmp, udp, tcp (default: ${DEFAULT-VALUE}).", defaultValue = "icmp")
    String proto;

    @Option(names = "--pod-mtu", paramLabel = "MTU", description = "The pods' and veths' MTU (default: Calico's, the underlay's less the overhead).")
    String podMtu;

    @Option(names = "--drop-icmp-errors", description = "The nodes drop the ICMP errors they send (plants a PMTUD black hole).")
    boolean dropIcmpErrors;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the report there (every format unless --format).")
    Path out;

    @Option(names = "--format", paramLabel = "LIST", description = "csv, json, md, html (needs --out).")
    String format;

    @Option(names = "--config", paramLabel = "FILE", description = "Read sweep flags from FILE (one or more per line, # comments); flags on the command line win.")
    Path config;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        try {
            if (config != null) {
                applyConfig();
            }
            Set<ReportFiles.Format> formats = format == null ? EnumSet.allOf(ReportFiles.Format.class)
                    : parse(() -> SweepArgs.formats(format));
            if (format != null && out == null) {
                throw new BadInputException("--format: needs --out DIR to write the files into");
            }
            if (dumps != null) {
                return dumps(o, formats);
            }
            SweepSpec s = new SweepSpec(parse(() -> SweepArgs.encapsulations(encap)), parse(() -> SweepArgs.underlayMtus(underlay)),
                    parse(() -> SweepArgs.sizes(sizes)), parse(() -> SweepArgs.df(df)), parse(() -> SweepArgs.protocols(proto)),
                    podMtu == null ? 0 : parse(() -> SweepArgs.podMtu(podMtu)), dropIcmpErrors, SweepSpec.TEN_GIGABIT);
            Report report = SweepReport.build(Sweep.run(s));
            emit(o, report, formats, "mtu-sweep", SweepText.render(report));
            return Overlaysim.EXIT_OK;
        } finally {
            o.flush();
        }
    }

    private int dumps(PrintWriter o, Set<ReportFiles.Format> formats) throws IOException {
        ClusterModel cluster;
        try {
            cluster = ClusterBuilder.read(nodeDirs(dumps), lenient);
        } catch (ReplayException e) {
            throw new BadInputException(e.getMessage());
        }
        List<PodPath> paths = ClusterPaths.of(cluster).all();
        List<MtuProblem> problems = MtuProblems.of(cluster);
        emit(o, DumpsReport.build(cluster, paths, problems), formats, "mtu-paths", DumpsReport.text(paths, problems));
        return Overlaysim.EXIT_OK;
    }

    private void emit(PrintWriter o, Report report, Set<ReportFiles.Format> formats, String base, String text)
            throws IOException {
        if (out == null) {
            o.print(text);
            return;
        }
        for (Path p : ReportFiles.write(report, out, base, formats, ChartRenderer.standard())) {
            o.println(p);
        }
    }

    /** A folder holding node folders stands for them, in name order. */
    static List<Path> nodeDirs(List<Path> dirs) {
        List<Path> outDirs = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                throw new BadInputException(d + ": expected a node folder (holding ip-route.txt), found no folder");
            }
            if (Files.exists(d.resolve("ip-route.txt")) || Files.exists(d.resolve("ip-route.json"))
                    || Files.exists(d.resolve("ip-route-table-all.txt")) || Files.exists(d.resolve("ip-route-table-all.json"))) {
                outDirs.add(d);
                continue;
            }
            try (Stream<Path> s = Files.list(d)) {
                List<Path> inner = s.filter(Files::isDirectory).sorted().toList();
                if (inner.isEmpty()) {
                    throw new BadInputException(d + ": expected a node folder (holding ip-route.txt) or a folder of them");
                }
                outDirs.addAll(inner);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return outDirs;
    }

    /** Reads FILE's flags into the options the command line left unset. */
    private void applyConfig() throws IOException {
        if (!Files.isRegularFile(config)) {
            throw new BadInputException(config + ": no such file (--config)");
        }
        List<String> args = new ArrayList<>();
        for (String line : Files.readAllLines(config)) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                args.addAll(List.of(l.split("\\s+")));
            }
        }
        MtuCommand file = new MtuCommand();
        CommandLine cl = new CommandLine(file);
        CommandLine.ParseResult pr;
        try {
            pr = cl.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new BadInputException(config + ": " + e.getMessage());
        }
        if (file.config != null || file.dumps != null) {
            throw new BadInputException(config + ": --config and --dumps cannot be given in a config file");
        }
        CommandLine.ParseResult mine = spec.commandLine().getParseResult();
        for (CommandLine.Model.OptionSpec opt : pr.matchedOptions()) {
            if (!mine.hasMatchedOption(opt.longestName())) {
                spec.findOption(opt.longestName()).setValue(opt.getValue());
            }
        }
    }

    private static <T> T parse(java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
