package io.overlaysim.mtu;

import io.overlaysim.replay.ClusterModel;
import io.overlaysim.report.Cell;
import io.overlaysim.report.Column;
import io.overlaysim.report.Flag;
import io.overlaysim.report.Report;
import io.overlaysim.report.Section;
import io.overlaysim.report.Table;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The MTUs of a real cluster as a report and as the text {@code overlaysim mtu --dumps} prints:
 * the path MTU of every pair of pods with the device that limits it, then the misconfigurations
 * with their fixes.
 *
 * <pre>
 * FROM             TO               PATH MTU  LIMITED BY
 * worker01/pod-0   worker02/pod-0       1450  worker01/pod-0/eth0 (pod eth0)
 * </pre>
 */
public final class DumpsReport {

    private DumpsReport() {}

    /** The report of a cluster's paths and problems. */
    public static Report build(ClusterModel cluster, List<PodPath> paths, List<MtuProblem> problems) {
        var t = Table.builder()
                .column(Column.text("from", "From"))
                .column(Column.text("from_address", "From address"))
                .column(Column.text("to", "To"))
                .column(Column.text("to_address", "To address"))
                .column(Column.bytes("path_mtu", "Path MTU"))
                .column(Column.text("limited_by", "Limited by"))
                .column(Column.text("path", "Path"));
        for (PodPath p : paths) {
            PathHop l = p.limitedBy();
            Cell mtu = Cell.of(p.complete() ? (Object) (long) p.mtu() : null);
            if (!p.complete()) {
                mtu = mtu.flag(Flag.error("path-incomplete", p.problem()));
            }
            t.row(p.from(), p.fromAddress(), p.to(), p.toAddress(), mtu,
                    l == null ? "" : l.where() + " (" + l.role() + ")", hops(p));
        }
        var f = Table.builder()
                .column(Column.text("problem", "Problem"))
                .column(Column.text("node", "Node"))
                .column(Column.text("device", "Device"))
                .column(Column.text("what", "What is wrong"))
                .column(Column.text("fix", "Fix"));
        for (MtuProblem p : problems) {
            f.row(Cell.of(p.kind().id()).flag(Flag.warning(p.kind().id(), p.text())), p.node(), p.device(), p.text(), p.fix());
        }
        Section fixes = Section.of("problems", "Misconfigurations", f.build())
                .withDescription("What a user must fix, node and device named, with the ip command that fixes it"
                        + " (run on that node; a pod's eth0 in the pod's network namespace).");
        if (problems.isEmpty()) {
            fixes = fixes.withNote("No MTU misconfiguration found.");
        }
        return Report.titled("Path MTUs of a cluster from its dumps")
                .meta("Nodes", cluster.nodes().stream().map(n -> n.name()).collect(Collectors.joining(", ")))
                .meta("Pods", String.valueOf(cluster.pods().size()))
                .meta("Walk", "pod eth0 and its routes, host veth, the host's route lookup (route mtu metrics"
                        + " included), tunnel or NIC, the underlay NICs less the overhead, the receiving host's"
                        + " lookup, the destination pod's veth")
                .section(Section.of("paths", "Path MTU of every pair of pods", t.build())
                        .withDescription("The largest IPv4 datagram that crosses each path whole, and the first"
                                + " device that limits it."))
                .section(fixes);
    }

    private static String hops(PodPath p) {
        return p.hops().stream().map(h -> h.where() + " " + h.limit()).collect(Collectors.joining(" > "));
    }

    /** The readable text: a table of paths, then the problems and their fixes. */
    public static String text(List<PodPath> paths, List<MtuProblem> problems) {
        int wf = Math.max(4, paths.stream().mapToInt(p -> p.from().length() + p.fromAddress().length() + 3).max().orElse(0));
        int wt = Math.max(2, paths.stream().mapToInt(p -> p.to().length() + p.toAddress().length() + 3).max().orElse(0));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-" + wf + "s  %-" + wt + "s  %8s  %s%n", "FROM", "TO", "PATH MTU", "LIMITED BY"));
        for (PodPath p : paths) {
            PathHop l = p.limitedBy();
            sb.append(String.format("%-" + wf + "s  %-" + wt + "s  %8s  %s%n", p.from() + " (" + p.fromAddress() + ")",
                    p.to() + " (" + p.toAddress() + ")", p.complete() ? String.valueOf(p.mtu()) : "-",
                    p.complete() ? l.where() + " (" + l.role() + ")" : "incomplete: " + p.problem()));
        }
        sb.append('\n');
        if (problems.isEmpty()) {
            sb.append("No MTU misconfiguration found.\n");
        } else {
            sb.append(problems.size()).append(problems.size() == 1 ? " misconfiguration" : " misconfigurations")
                    .append(" to fix:\n");
            for (MtuProblem p : problems) {
                sb.append("  ").append(p.where()).append(": ").append(p.text()).append('\n');
                sb.append("    fix: ").append(p.fix()).append('\n');
            }
        }
        return sb.toString();
    }
}
