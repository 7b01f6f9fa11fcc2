package io.overlaysim.scenario.imported;

import io.overlaysim.iproute.DumpParseException;
import io.overlaysim.replay.ClusterBuilder;
import io.overlaysim.replay.ClusterModel;
import io.overlaysim.replay.NodeBuilder;
import io.overlaysim.replay.NodeDumps;
import io.overlaysim.replay.NodeModel;
import io.overlaysim.replay.ReplayException;
import io.overlaysim.scenario.Scenario;
import io.overlaysim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster rebuilt from node folders of {@code ip} / {@code bridge} dumps, as a scenario: the
 * path {@code overlaysim import} writes (dumps, node models, {@link ClusterModel}, scenario text
 * by {@link ScenarioYaml}) and the executor then reads back, so that a scenario's imported nodes
 * and {@code overlaysim trace} build exactly what {@code import} prints.
 *
 * <pre>{@code
 * ClusterModel c = ImportedCluster.read(List.of(Path.of("dumps/r1"), Path.of("dumps/h1")), List.of("r1", "h1"), false);
 * Scenario s = ImportedCluster.scenario(c, "routers", "dumps (imported)", Path.of("."));
 * }</pre>
 */
public final class ImportedCluster {
    private static final List<String> BASES = List.of("ip-route-table-all", "ip-route", "ip-addr", "ip-link", "ip-rule",
            "ip-neigh", "bridge-fdb");

    private ImportedCluster() {
    }

    /**
     * Reads node folders, naming each node {@code names[i]} (a folder's own name when null).
     *
     * @throws ReplayException when a folder holds no route dump, or two nodes share a name
     * @throws DumpParseException on a bad line (strict unless {@code lenient})
     */
    public static ClusterModel read(List<Path> dirs, List<String> names, boolean lenient) {
        List<NodeModel> models = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            Path dir = dirs.get(i);
            String name = names.get(i);
            if (name == null) {
                models.add(NodeBuilder.build(NodeDumps.read(dir, lenient)));
                continue;
            }
            if (!NodeDumps.isNodeFolder(dir)) {
                throw new ReplayException(dir + ": holds no route dump (" + String.join(", ", NodeDumps.ROUTE_FILES) + ")");
            }
            models.add(NodeBuilder.build(NodeDumps.of(name, files(dir), lenient)));
        }
        return ClusterBuilder.build(models);
    }

    /** The dump files of a folder by path, in the order {@code NodeDumps.read} takes them. */
    private static Map<String, String> files(Path dir) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String base : BASES) {
            for (String ext : List.of(".txt", ".json")) {
                Path p = dir.resolve(base + ext);
                if (Files.isRegularFile(p)) {
                    try {
                        files.put(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return files;
    }

    /**
     * The cluster as the scenario {@code overlaysim import} writes, loaded back.
     *
     * @param source the name its (generated) lines are reported under
     */
    public static Scenario scenario(ClusterModel c, String name, String source, Path baseDir) {
        return ScenarioLoader.load(source, ScenarioYaml.write(c, name, "scenario.schema.json"), baseDir);
    }
}
