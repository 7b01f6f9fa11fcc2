package io.overlaysim.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a scenario file into a {@link Scenario}, or reports every error in it as
 * {@code FILE:LINE:COL: MESSAGE}. Three stages, as a compiler has: the YAML is read with the
 * location of every key and value (syntax errors, duplicate keys); the tree is checked against
 * {@code scenario.schema.json} (unknown keys with the allowed ones, wrong types, values outside
 * an enum); then, on a well-formed tree, the values are parsed (addresses, durations, rates) and
 * references are resolved (nodes, pods, devices, links, traffic, speakers). Each stage reports
 * all of its errors; a later stage runs only when the earlier ones found none.
 *
 * <pre>{@code
 * Scenario s = ScenarioLoader.load(Path.of("scenarios/bundled/default.yaml"));
 * List<ScenarioError> errors = ScenarioLoader.validate(Path.of("broken.yaml"));
 * }</pre>
 */
public final class ScenarioLoader {
    private ScenarioLoader() {
    }

    /** Loads a scenario file; errors name the file as given. */
    public static Scenario load(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(List.of(new ScenarioError(SourceLocation.startOf(name), "no such file")));
        } catch (IOException e) {
            throw new ScenarioException(List.of(new ScenarioError(SourceLocation.startOf(name),
                    "cannot read: " + e.getMessage())));
        }
        Path dir = file.toAbsolutePath().getParent();
        return load(name, text, dir);
    }

    /**
     * Loads a scenario from text.
     *
     * @param name the file name for messages
     * @param baseDir the folder that relative paths (node imports) start from
     * @throws ScenarioException with every error found
     */
    public static Scenario load(String name, String text, Path baseDir) {
        List<ScenarioError> errors = new ArrayList<>();
        LocatedYaml doc = LocatedYaml.read(name, text, errors);
        if (doc.root() == null) {
            throw failure(errors);
        }
        // duplicate keys leave a usable tree (the first one counts): go on, and report the rest too
        List<ScenarioError> schemaErrors = Schema.CHECK.check(doc);
        if (!schemaErrors.isEmpty()) {
            errors.addAll(schemaErrors);
            throw failure(errors);
        }
        Cursor root = Cursor.root(doc, errors);
        int before = errors.size();
        Scenario scenario = bind(root, baseDir);
        boolean valuesParsed = errors.size() == before;
        try {
            Inventory inv = new Inventory();
            new TopologyCheck(root, scenario, baseDir, inv, errors).run();
            PresetCheck.run(root.get("presets"), scenario.presets());
            new ActionCheck(root, scenario, inv, errors).run();
        } catch (RuntimeException e) {
            // A value that did not parse left a gap the reference checks trip on; its error is
            // already reported, and is the one to fix first.
            if (valuesParsed) {
                throw e;
            }
        }
        if (!errors.isEmpty()) {
            throw failure(errors);
        }
        return scenario;
    }

    /** Every error of a scenario file, sorted by line and column; empty when it is valid. */
    public static List<ScenarioError> validate(Path file) {
        try {
            load(file);
            return List.of();
        } catch (ScenarioException e) {
            return e.errors();
        }
    }

    private static Scenario bind(Cursor root, Path baseDir) {
        TopologyBinder topology = new TopologyBinder(baseDir);
        ActionBinder actions = new ActionBinder();
        return new Scenario(root.doc().file(), root.text("name", ""), root.text("description", ""),
                root.longValue("seed", Scenario.DEFAULT_SEED), root.duration("duration", Scenario.DEFAULT_DURATION),
                topology.nodes(root.get("nodes")), topology.links(root.get("links")),
                topology.segments(root.get("segments")), topology.bgp(root.get("bgp")),
                topology.presets(root.get("presets")), actions.traffic(root.get("traffic")),
                actions.faults(root.get("faults")), actions.expectations(root.get("expect")),
                actions.capture(root.get("capture")));
    }

    private static ScenarioException failure(List<ScenarioError> errors) {
        return new ScenarioException(errors.stream().distinct().sorted().toList());
    }

    /** The bundled schema, read once: an immutable, thread-safe validator. */
    private static final class Schema {
        static final SchemaCheck CHECK = SchemaCheck.bundled();
    }
}
