package io.overlaysim.cli;

import io.overlaysim.replay.ClusterModel;
import io.overlaysim.replay.DeviceKind;
import io.overlaysim.replay.ExternalRouter;
import io.overlaysim.replay.Finding;
import io.overlaysim.replay.GatewayMatch;
import io.overlaysim.replay.NodeDevice;
import io.overlaysim.replay.NodeModel;
import io.overlaysim.replay.Pod;
import io.overlaysim.replay.Segment;
import io.overlaysim.replay.TunnelConfig;
import io.overlaysim.routing.Route;
import java.util.List;
import java.util.stream.Collectors;

/** The text of {@code import --explain}: what each node has, how the cluster hangs together, and every finding. */
final class ImportExplain {
    private final StringBuilder out = new StringBuilder();

    private ImportExplain() {
    }

    static String of(ClusterModel c) {
        return new ImportExplain().run(c);
    }

    private String run(ClusterModel c) {
        for (NodeModel n : c.nodes()) {
            line("node " + n.name() + " (" + n.cni().name().toLowerCase(java.util.Locale.ROOT) + "; from "
                    + n.files().size() + " files; address " + (n.underlayAddress() == null ? "unknown" : n.underlayAddress()) + ")");
            for (NodeDevice d : n.devices()) {
                if (d.kind() == DeviceKind.LOOPBACK) {
                    continue;
                }
                String addrs = n.addressesOf(d.name()).stream().map(a -> a.address() + "/" + a.prefixLength())
                        .collect(Collectors.joining(" "));
                line(String.format("  %-16s %-8s mtu %-5d %s%s%s%s", d.name(), d.kind().yamlName(), d.mtu(), addrs,
                        tunnel(d.tunnel()), d.master() != null ? " master " + d.master() : "",
                        d.evidence() == NodeDevice.Evidence.NAMED_ONLY ? "  (named only)" : ""));
            }
            line("  " + n.routes().stream().filter(Route::isV4).count() + " IPv4 routes in " + n.tableIds().size()
                    + (n.tableIds().size() == 1 ? " table, " : " tables, ") + n.rules().size() + " rules" + (n.defaultRules() ? " (defaults)" : "") + ", "
                    + n.neighbours().size() + " neighbours, " + n.fdb().size() + " FDB entries");
            line("");
        }
        line("segments");
        for (Segment s : c.segments()) {
            line("  " + s.name() + "  " + s.prefix() + "  mtu " + s.mtu() + "  " + String.join(", ", s.endpoints()));
        }
        line("gateways");
        for (GatewayMatch g : c.gateways()) {
            line("  " + g.node() + ": " + g.route().destination() + " via " + g.gateway() + " -> " + g.owner() + "/"
                    + g.ownerDevice() + (g.external() ? " (external router)" : ""));
        }
        line("pods");
        for (Pod p : c.pods()) {
            line("  " + p.fullName() + "  " + p.address() + "/" + p.prefixLength() + "  behind " + p.hostDevice()
                    + "  gateway " + p.gateway() + (p.hostProxyArp() ? "  proxy ARP on the host side" : "")
                    + (p.mac() != null ? "  mac " + p.mac() : ""));
        }
        if (!c.routers().isEmpty()) {
            line("external routers");
            for (ExternalRouter r : c.routers()) {
                line("  " + r.name() + "  " + r.address() + "/" + r.prefixLength() + " on " + r.segment() + ", used by "
                        + String.join(", ", r.usedBy()));
            }
        }
        findings("inferred", c.findings(Finding.Kind.INFERRED));
        findings("contradictions", c.findings(Finding.Kind.CONTRADICTION));
        findings("ambiguous", c.findings(Finding.Kind.AMBIGUITY));
        return out.toString();
    }

    private void findings(String title, List<Finding> fs) {
        line("");
        line(title + " (" + fs.size() + ")");
        fs.forEach(f -> line("  " + f.subject() + ": " + f.text()));
    }

    private static String tunnel(TunnelConfig t) {
        return switch (t) {
            case TunnelConfig.Vxlan x -> " vni " + x.vni() + " port " + x.port() + (x.local() != null ? " local " + x.local() : "")
                    + (x.dev() != null ? " dev " + x.dev() : "");
            case TunnelConfig.Ipip p -> " ipip" + (p.local() != null ? " local " + p.local() : " local any")
                    + (p.remote() != null ? " remote " + p.remote() : " remote any");
            case null -> "";
        };
    }

    private void line(String s) {
        out.append(s.stripTrailing()).append('\n');
    }
}
