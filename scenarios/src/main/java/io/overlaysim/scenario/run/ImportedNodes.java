package io.overlaysim.scenario.run;

import io.overlaysim.iproute.DumpParseException;
import io.overlaysim.replay.ClusterModel;
import io.overlaysim.replay.ReplayException;
import io.overlaysim.scenario.NodeSpec;
import io.overlaysim.scenario.Scenario;
import io.overlaysim.scenario.ScenarioError;
import io.overlaysim.scenario.ScenarioException;
import io.overlaysim.scenario.SegmentSpec;
import io.overlaysim.scenario.SourceLocation;
import io.overlaysim.scenario.Sysctls;
import io.overlaysim.scenario.imported.ImportedCluster;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Replaces a scenario's imported nodes ({@code import: DIR}) with what their dumps describe:
 * all the imported folders are read as one cluster (so that shared segments, gateways and pods
 * are inferred across them, as {@code overlaysim import} does), written as the scenario
 * {@code import} would write, loaded back, and merged in: the nodes themselves, their pods (as
 * nodes behind veths), the external routers their gateways need, and the inferred segments. The
 * scenario's own {@code sysctls} beside an {@code import} are applied after the dumps'.
 */
final class ImportedNodes {
    /**
     * The expanded scenario, with the sysctls to apply over the dumps' and where each imported
     * node (pods and routers too) was asked for, for messages.
     */
    record Expanded(Scenario scenario, Map<String, Sysctls> overrides, Map<String, SourceLocation> origins) {
    }

    private ImportedNodes() {
    }

    static Expanded expand(Scenario s) {
        List<NodeSpec> imported = s.nodes().values().stream().filter(NodeSpec::isImported).toList();
        if (imported.isEmpty()) {
            return new Expanded(s, Map.of(), Map.of());
        }
        SourceLocation first = imported.getFirst().at();
        ClusterModel c;
        try {
            c = ImportedCluster.read(imported.stream().map(n -> n.importDir().orElseThrow()).toList(),
                    imported.stream().map(NodeSpec::name).toList(), false);
        } catch (ReplayException | DumpParseException e) {
            throw error(first, "cannot import the dumps: " + e.getMessage());
        }
        Scenario sub = ImportedCluster.scenario(c, s.name().isEmpty() ? "imported" : s.name(),
                s.source() + " (imported from dumps)", Path.of("."));
        Map<String, SourceLocation> origins = new LinkedHashMap<>();
        Map<String, Sysctls> overrides = new LinkedHashMap<>();
        SequencedMap<String, NodeSpec> nodes = new LinkedHashMap<>();
        for (NodeSpec n : s.nodes().values()) {
            if (!n.isImported()) {
                nodes.put(n.name(), n);
                continue;
            }
            NodeSpec m = sub.nodes().get(n.name());
            nodes.put(n.name(), at(m, n.at()));
            origins.put(n.name(), n.at());
            overrides.put(n.name(), n.sysctls());
        }
        for (NodeSpec m : sub.nodes().values()) {
            if (s.nodes().containsKey(m.name())) {
                if (!s.nodes().get(m.name()).isImported()) {
                    throw error(s.nodes().get(m.name()).at(), "node \"" + m.name()
                            + "\" is declared here and also made by the imported dumps (a pod or an external router)");
                }
                continue;
            }
            // a pod is named NODE/POD: its host's import line; an external router: the first import's
            int slash = m.name().indexOf('/');
            SourceLocation at = slash > 0 && origins.containsKey(m.name().substring(0, slash))
                    ? origins.get(m.name().substring(0, slash)) : first;
            nodes.put(m.name(), at(m, at));
            origins.put(m.name(), at);
        }
        SequencedMap<String, SegmentSpec> segments = new LinkedHashMap<>(s.segments());
        for (SegmentSpec seg : sub.segments().values()) {
            if (segments.containsKey(seg.name())) {
                throw error(segments.get(seg.name()).at(), "segment \"" + seg.name()
                        + "\" is declared here and also inferred from the imported dumps");
            }
            segments.put(seg.name(), new SegmentSpec(seg.name(), seg.endpoints(), seg.channel(), first));
        }
        Scenario merged = new Scenario(s.source(), s.name(), s.description(), s.seed(), s.duration(), nodes, s.links(),
                segments, s.bgp(), s.presets(), s.traffic(), s.faults(), s.expectations(), s.capture());
        return new Expanded(merged, overrides, origins);
    }

    private static NodeSpec at(NodeSpec n, SourceLocation at) {
        return new NodeSpec(n.name(), n.importDir(), n.devices(), n.addresses(), n.routes(), n.rules(), n.neighbours(),
                n.fdb(), n.sysctls(), at);
    }

    private static ScenarioException error(SourceLocation at, String message) {
        return new ScenarioException(List.of(new ScenarioError(at, message)));
    }
}
