package io.overlaysim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.replay.ClusterModel;
import io.overlaysim.replay.ReplayException;
import io.overlaysim.scenario.Scenario;
import io.overlaysim.scenario.ScenarioError;
import io.overlaysim.scenario.ScenarioException;
import io.overlaysim.scenario.imported.ImportedCluster;
import io.overlaysim.scenario.run.PacketProbe;
import io.overlaysim.trace.PacketWalk;
import io.overlaysim.trace.Trace;
import io.overlaysim.trace.TraceJson;
import io.overlaysim.trace.TraceText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code overlaysim trace}: one packet and its reply across the cluster rebuilt from dumps (the
 * network {@code overlaysim import} describes), its walk printed step by step, each route lookup
 * with the line that matched; {@code --json} gives the same walk with stable names.
 */
@Command(
        name = "trace",
        mixinStandardHelpOptions = true,
        description = {
            "Simulate one packet and its reply across the cluster rebuilt from node folders of ip/bridge",
            "dumps (as `overlaysim import` reads them), and print its walk, numbered, each route lookup",
            "with the route that matched in `ip route` syntax. Exit code 0 when the packet was simulated",
            "(whatever became of it), 2 on bad input."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  overlaysim trace --dumps dumps/ --from worker01/pod-0 --to 172.16.103.65",
            "  overlaysim trace --dumps dumps/h1 dumps/r1 dumps/h2 --from h1 --to 10.0.2.20 --size 1450 --df",
            "  overlaysim trace --dumps dumps/ --from 10.0.1.10 --to 10.0.2.20 --proto udp --json --pcap out/",
        })
final class TraceCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dumps", arity = "1..*", required = true, paramLabel = "DIR",
            description = "Node folders, or a folder of them (as for `overlaysim import`).")
    List<Path> dumps;

    @Option(names = "--from", required = true, paramLabel = "ADDR|NODE", description = "The sender: a node (or pod) or one of its addresses.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ADDR", description = "The destination address.")
    String to;

    @Option(names = "--proto", paramLabel = "icmp|udp|tcp", defaultValue = "icmp",
            description = "icmp (an echo request; default), udp (a datagram to the echo port 7) or tcp (a SYN to port 80,"
                    + " answered by a listener's SYN-ACK, or a RST).")
    String proto;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "84",
            description = "The IP datagram's total length (default 84, ping's).")
    int size;

    @Option(names = "--df", description = "Set Don't Fragment.")
    boolean df;

    @Option(names = "--pcap", paramLabel = "DIR", description = "Write a pcapng capture of every device the packets crossed.")
    Path pcap;

    @Option(names = "--json", description = "Print the walk as JSON: outcome, reason, steps, reply.")
    boolean json;

    @Option(names = "--lenient", description = "Skip bad dump lines with a warning each instead of failing.")
    boolean lenient;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!Ipv4Address.isValid(to)) {
            throw new BadInputException("--to " + to + ": expected an IPv4 address");
        }
        PacketProbe.Proto p = switch (proto.toLowerCase(Locale.ROOT)) {
            case "icmp" -> PacketProbe.Proto.ICMP;
            case "udp" -> PacketProbe.Proto.UDP;
            case "tcp" -> {
                if (spec.commandLine().getParseResult().hasMatchedOption("--size")) {
                    throw new BadInputException("--size: does not apply to --proto tcp, whose probe is the SYN"
                            + " (44 bytes: IP, TCP and the MSS option)");
                }
                yield PacketProbe.Proto.TCP;
            }
            default -> throw new BadInputException("--proto " + proto + ": expected icmp, udp or tcp");
        };
        Scenario scenario = scenario();
        PacketProbe.Result r;
        try {
            r = PacketProbe.run(scenario, new PacketProbe.Request(from, Ipv4Address.parse(to), p, size, df),
                    Optional.ofNullable(pcap));
        } catch (ScenarioException e) {
            // the lines are those of the scenario the dumps make: name the dumps instead
            throw new BadInputException(String.join("\n", e.errors().stream().map(x -> "the cluster of "
                    + String.join(" ", dumps.stream().map(Path::toString).toList()) + ": " + x.message()).toList()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        out.print(json ? json(r) + "\n" : text(r));
        if (!json && !r.captures().isEmpty()) {
            out.println("captures: " + String.join(", ", r.captures().stream().map(Path::toString).toList()));
        }
        out.flush();
        return Overlaysim.EXIT_OK;
    }

    private Scenario scenario() {
        List<Path> folders = ImportCommand.nodeFolders(dumps);
        try {
            ClusterModel c = ImportedCluster.read(folders, Collections.nCopies(folders.size(), null), lenient);
            return ImportedCluster.scenario(c, "trace", "the scenario of the dumps", Path.of("."));
        } catch (ReplayException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private static String text(PacketProbe.Result r) {
        Trace t = r.trace();
        PacketWalk end = t.end(r.packet());
        StringBuilder sb = new StringBuilder("outcome: ").append(end.outcome().label());
        if (end.reason() != null) {
            sb.append(" (").append(end.reason().label()).append(" at ").append(end.steps().getLast().node()).append(')');
        }
        sb.append('\n').append(TraceText.render(t, r.packet()));
        boolean linked = r.reply() >= 0 && t.walk(r.reply()).parent() == r.packet();
        if (r.reply() >= 0 && !linked) {
            sb.append("reply:\n").append(TraceText.render(t, r.reply()));
        }
        return sb.toString();
    }

    /** The shape: outcome, reason, steps ({@code node}, {@code kind}, {@code dev}, {@code route}, ...), reply. */
    private static String json(PacketProbe.Result r) {
        ObjectNode o = TraceJson.tree(r.trace(), r.packet());
        if (r.reply() >= 0 && !o.has("reply")) {
            o.set("reply", TraceJson.tree(r.trace(), r.reply()));
        }
        if (!o.has("reply")) {
            o.putNull("reply");
        }
        ArrayNode crossed = o.putArray("crossed");
        r.crossed().forEach(d -> crossed.add(d.toString()));
        try {
            return MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
