package io.overlaysim.cli;

import io.overlaysim.iproute.LineTokens;
import io.overlaysim.iproute.RouteGetPrinter;
import io.overlaysim.iproute.RouteQueryParser;
import io.overlaysim.routing.FibLoader;
import io.overlaysim.routing.RouteAnswer;
import io.overlaysim.routing.RouteLookup;
import io.overlaysim.routing.RouteQuery;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code overlaysim route get}: what {@code ip route get} would print on the node the dumps come
 * from. Without {@code --addrs} the node's addresses are inferred from the routes as the corpus
 * answers were made.
 *
 * <pre>
 * overlaysim route get --routes ip-route.txt 172.16.103.65
 * overlaysim route get --routes ip-route.txt --json 8.8.8.8 from 192.168.0.176
 * overlaysim route get --routes ip-route.txt --batch queries.txt
 * </pre>
 */
@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        description = "Answer `ip route get` from an `ip route` dump, as the kernel would.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  overlaysim route get --routes ip-route.txt 172.16.103.65",
            "  overlaysim route get --routes ip-route-table-all.txt --addrs ip-addr.txt --rules ip-rule.txt \\",
            "      8.8.8.8 from 172.16.52.132 iif calib472a44443d",
            "  overlaysim route get --json --routes ip-route.json 172.16.52.140     # {\"error\":\"Invalid argument\"}",
            "  overlaysim route get --routes ip-route.txt --batch queries.txt       # one answer per line",
            "",
            "Exit codes: 0 answered (a lookup the kernel refuses is an answer: RTNETLINK answers: ...),",
            "2 a bad dump or query (FILE:LINE:COL: expected ..., found ...)."
        })
final class RouteGetCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--routes", required = true, description = "`ip route [show table all]` text or `ip -j route` JSON")
    Path routes;

    @Option(names = "--addrs", description = "`ip addr` (plain, -o, -br or -j) output")
    Path addrs;

    @Option(names = "--rules", description = "`ip rule` output")
    Path rules;

    @Option(names = "--json", description = "print what `ip -j route get` prints")
    boolean json;

    @Option(names = "--lenient", description = "skip bad dump lines with a warning each")
    boolean lenient;

    @Option(names = "--batch", description = "one query per line (DEST [from SRC] [iif DEV] [oif DEV] [mark N])")
    Path batch;

    @Parameters(description = "DEST [from SRC] [iif DEV] [oif DEV] [mark N]")
    List<String> query = new ArrayList<>();

    @Override
    public void run() {
        if ((batch == null) == query.isEmpty()) {
            throw new BadInputException("give either a query (DEST [from SRC] ...) or --batch FILE, not both or neither");
        }
        List<RouteQuery> queries = new ArrayList<>();
        List<String> devices = new ArrayList<>();
        if (batch != null) {
            String[] lines = NodeRouting.read(batch).split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (!LineTokens.isCommentOrBlank(lines[i])) {
                    queries.add(RouteQueryParser.parse(LineTokens.of(batch.toString(), i + 1, lines[i])));
                }
            }
        } else {
            queries.add(RouteQueryParser.parse(LineTokens.of("<arguments>", 1, String.join(" ", query))));
        }
        for (RouteQuery q : queries) {
            if (q.iif() != null && !devices.contains(q.iif())) {
                devices.add(q.iif());
            }
            if (q.oif() != null && !devices.contains(q.oif())) {
                devices.add(q.oif());
            }
        }
        NodeRouting node = NodeRouting.load(routes, addrs, rules, lenient, devices);
        PrintWriter err = spec.commandLine().getErr();
        for (String w : node.warnings()) {
            err.println("overlaysim: warning: " + w + " (line skipped)");
        }
        if (lenient && !node.warnings().isEmpty()) {
            err.println("overlaysim: " + node.warnings().size() + " line(s) skipped");
        }
        for (FibLoader.Outcome o : node.report().failed()) {
            err.println("overlaysim: note: " + routes + ":" + o.line() + ": the kernel refuses this route ("
                    + o.message() + "); answering without it");
        }
        RouteLookup lookup = new RouteLookup(node.fib());
        try {
            BufferedWriter out = new BufferedWriter(spec.commandLine().getOut(), 1 << 16);
            for (RouteQuery q : queries) {
                RouteAnswer a = lookup.get(q);
                if (json) {
                    String j = RouteGetPrinter.json(a);
                    out.write(batch == null && a.ok() ? "[" + j + "]" : j);
                } else if (batch != null) {
                    out.write(RouteGetPrinter.text(a).replace("\n", "\\"));
                } else {
                    out.write(RouteGetPrinter.text(a));
                }
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
