package io.overlaysim.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document read into a Jackson tree, with the source location of every key and value
 * by JSON pointer ({@code /presets/calico/podsPerNode}), so that any check on the tree can
 * point at the spot in the file. Duplicate keys, anchors/aliases and syntax errors become
 * {@link ScenarioError}s while reading.
 */
public final class LocatedYaml {
    private static final JsonNodeFactory NODES = new JsonNodeFactory(true);
    private final String file;
    private final String[] lines;
    private final Map<String, SourceLocation> keys = new HashMap<>();
    private final Map<String, SourceLocation> values = new HashMap<>();
    private JsonNode root;

    private LocatedYaml(String file, String text) {
        this.file = file;
        this.lines = text.split("\r?\n", -1);
    }

    /**
     * Reads one YAML document. The root is {@code null} when the text has a syntax error or is
     * empty; the reason is in {@code errors}.
     */
    public static LocatedYaml read(String file, String text, List<ScenarioError> errors) {
        LocatedYaml y = new LocatedYaml(file, text);
        try (JsonParser p = new YAMLFactory().createParser(new StringReader(text))) {
            JsonToken first = p.nextToken();
            if (first == null) {
                errors.add(new ScenarioError(SourceLocation.startOf(file), "the file holds no scenario (it is empty)"));
                return y;
            }
            y.root = y.readValue(p, "", errors);
            if (p.nextToken() != null) {
                errors.add(new ScenarioError(y.location(p.currentTokenLocation()),
                        "expected one YAML document, found a second one"));
            }
        } catch (JsonProcessingException e) {
            y.root = null;
            errors.add(syntaxError(file, e));
        } catch (IOException e) {
            y.root = null;
            errors.add(new ScenarioError(SourceLocation.startOf(file), "cannot read: " + e.getMessage()));
        }
        return y;
    }

    private static ScenarioError syntaxError(String file, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            // SnakeYAML knows the problem and where the construct it was reading started
            String context = m.getContext() == null ? "" : " (" + m.getContext()
                    + (m.getContextMark() == null ? "" : " that starts at line " + (m.getContextMark().getLine() + 1)) + ")";
            return new ScenarioError(new SourceLocation(file, m.getProblemMark().getLine() + 1,
                    m.getProblemMark().getColumn() + 1), "YAML syntax error: " + m.getProblem() + context);
        }
        JsonLocation l = e.getLocation();
        String msg = e.getOriginalMessage();
        // SnakeYAML's messages repeat the location and quote the line over several lines: keep the first.
        int nl = msg == null ? -1 : msg.indexOf('\n');
        String first = nl < 0 ? String.valueOf(msg) : msg.substring(0, nl);
        SourceLocation at = l == null || l.getLineNr() < 1
                ? SourceLocation.startOf(file)
                : new SourceLocation(file, l.getLineNr(), Math.max(1, l.getColumnNr()));
        return new ScenarioError(at, "YAML syntax error: " + first.strip());
    }

    private JsonNode readValue(JsonParser p, String pointer, List<ScenarioError> errors) throws IOException {
        SourceLocation here = location(p.currentTokenLocation());
        values.putIfAbsent(pointer, here);
        if (p instanceof YAMLParser yp && yp.isCurrentAlias()) {
            errors.add(new ScenarioError(here, "YAML aliases (*" + p.getText() + ") are not supported; write the value out"));
            return NODES.nullNode();
        }
        return switch (p.currentToken()) {
            case START_OBJECT -> readObject(p, pointer, errors);
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(readValue(p, pointer + "/" + i++, errors));
                }
                yield a;
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            default -> NODES.nullNode();
        };
    }

    private ObjectNode readObject(JsonParser p, String pointer, List<ScenarioError> errors) throws IOException {
        ObjectNode o = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            String child = pointer + "/" + escape(name);
            SourceLocation keyAt = location(p.currentTokenLocation());
            p.nextToken();
            if (o.has(name)) {
                errors.add(new ScenarioError(keyAt, "duplicate key \"" + name + "\" (first at line "
                        + keys.get(child).line() + ")"));
                skipValue(p);
                continue;
            }
            keys.put(child, keyAt);
            o.set(name, readValue(p, child, errors));
        }
        return o;
    }

    private static void skipValue(JsonParser p) throws IOException {
        if (p.currentToken().isStructStart()) {
            p.skipChildren();
        }
    }

    private SourceLocation location(JsonLocation l) {
        return new SourceLocation(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    /** Escapes one JSON-pointer reference token (RFC 6901 §3). */
    public static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /** The file name as given. */
    public String file() {
        return file;
    }

    /** The document's root, or null when it could not be read. */
    public JsonNode root() {
        return root;
    }

    /**
     * Where the thing at {@code pointer} is written: its key when it is an object member (so that
     * "unknown key" points at the key), else its value; the nearest ancestor when neither is known.
     */
    public SourceLocation at(String pointer) {
        SourceLocation k = keys.get(pointer);
        return k != null ? k : valueAt(pointer);
    }

    /** Where the value at {@code pointer} starts (its nearest ancestor's spot when unknown). */
    public SourceLocation valueAt(String pointer) {
        String p = pointer;
        while (true) {
            SourceLocation v = values.get(p);
            if (v != null) {
                return v;
            }
            SourceLocation k = keys.get(p);
            if (k != null) {
                return k;
            }
            if (p.isEmpty()) {
                return SourceLocation.startOf(file);
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** The raw source line (1-based), or "" beyond the end. */
    public String sourceLine(int line) {
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }
}
