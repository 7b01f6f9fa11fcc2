package io.overlaysim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Checks a scenario tree against {@code scenario.schema.json} (JSON Schema draft 2020-12, with
 * networknt's validator) and rewrites each violation as a {@link ScenarioError} at the offending
 * key or value, naming what was expected: the allowed keys for an unknown key, the allowed
 * values for an enum, a def's {@code title} ("a duration such as 10s, ...") for a bad value.
 */
final class SchemaCheck {
    /** Where the schema is on the class path (copied there from {@code scenarios/schema/}). */
    static final String RESOURCE = "/io/overlaysim/scenario/scenario.schema.json";

    private final JsonNode schemaTree;
    private final JsonSchema schema;

    private SchemaCheck(JsonNode schemaTree) {
        this.schemaTree = schemaTree;
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaTree);
    }

    /** The schema bundled with the program. */
    static SchemaCheck bundled() {
        try (InputStream in = SchemaCheck.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the scenario schema is missing from the class path: " + RESOURCE);
            }
            return new SchemaCheck(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's own tree, e.g. to list a def's keys. */
    JsonNode schemaTree() {
        return schemaTree;
    }

    /** Every schema violation of the document, one error each, deduplicated. */
    List<ScenarioError> check(LocatedYaml doc) {
        Set<ScenarioError> out = new LinkedHashSet<>();
        for (ValidationMessage m : schema.validate(doc.root())) {
            out.add(toError(doc, m));
        }
        return new ArrayList<>(out);
    }

    private ScenarioError toError(LocatedYaml doc, ValidationMessage m) {
        String pointer = pointer(m.getInstanceLocation());
        String where = display(m.getInstanceLocation());
        JsonNode keyword = schemaNode(m);
        JsonNode owner = schemaOwner(m);
        JsonNode value = m.getInstanceNode();
        String title = owner.path("title").asText(null);
        return switch (m.getType()) {
            case "additionalProperties" -> {
                String key = m.getProperty();
                yield new ScenarioError(doc.at(pointer + "/" + LocatedYaml.escape(key)),
                        "unknown key \"" + key + "\" in " + where + "; allowed: " + names(owner.path("properties")));
            }
            case "required" -> new ScenarioError(doc.valueAt(pointer),
                    "missing key \"" + m.getProperty() + "\" in " + where);
            case "enum" -> new ScenarioError(doc.valueAt(pointer),
                    "expected one of " + join(keyword) + " for " + where + ", found " + found(value));
            case "minProperties", "maxProperties" -> new ScenarioError(doc.valueAt(pointer),
                    owner.has("maxProperties") && owner.path("maxProperties").asInt() == 1
                            ? "expected exactly one of " + names(owner.path("properties")) + " in " + where
                                    + ", found " + (value.isEmpty() ? "none" : names(value))
                            : where + ": " + stripPath(m.getMessage()));
            case "type", "pattern", "minimum", "maximum", "minLength", "format" -> new ScenarioError(doc.valueAt(pointer),
                    "expected " + (title != null ? title : expected(m.getType(), keyword)) + " for " + where
                            + ", found " + found(value));
            case "minItems", "maxItems" -> new ScenarioError(doc.valueAt(pointer),
                    "expected " + (m.getType().equals("minItems") ? "at least " : "at most ") + keyword.asInt()
                            + " items in " + where + ", found " + value.size());
            case "uniqueItems" -> new ScenarioError(doc.valueAt(pointer), "duplicate items in " + where);
            default -> new ScenarioError(doc.valueAt(pointer), where + ": " + stripPath(m.getMessage()));
        };
    }

    /** The schema value of the failing keyword, e.g. the {@code enum} array. */
    private JsonNode schemaNode(ValidationMessage m) {
        return navigate(m.getSchemaLocation().getFragment(), 0);
    }

    /** The (sub)schema that holds the failing keyword, e.g. the object with {@code properties}. */
    private JsonNode schemaOwner(ValidationMessage m) {
        return navigate(m.getSchemaLocation().getFragment(), 1);
    }

    private JsonNode navigate(JsonNodePath fragment, int dropLast) {
        JsonNode n = schemaTree;
        for (int i = 0; i < fragment.getNameCount() - dropLast; i++) {
            Object e = fragment.getElement(i);
            n = e instanceof Integer idx ? n.path(idx) : n.path(String.valueOf(e));
        }
        return n;
    }

    private static String expected(String keyword, JsonNode k) {
        return switch (keyword) {
            case "type" -> k.isArray() ? typeNames(k) : typeName(k.asText());
            case "pattern" -> "text matching /" + k.asText() + "/";
            case "minimum" -> "at least " + k.asText();
            case "maximum" -> "at most " + k.asText();
            case "minLength" -> "at least " + k.asText() + " characters";
            default -> keyword;
        };
    }

    private static String typeNames(JsonNode types) {
        StringJoiner j = new StringJoiner(" or ");
        types.forEach(t -> j.add(typeName(t.asText())));
        return j.toString();
    }

    private static String typeName(String type) {
        return switch (type) {
            case "string" -> "text";
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "boolean" -> "true or false";
            default -> type;
        };
    }

    /** How a found value is shown: quoted text, a number, or its kind. */
    static String found(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isTextual()) {
            return "\"" + v.asText() + "\"";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        return v.asText();
    }

    private static String names(JsonNode object) {
        StringJoiner j = new StringJoiner(", ");
        object.fieldNames().forEachRemaining(j::add);
        return j.toString();
    }

    private static String join(JsonNode array) {
        StringJoiner j = new StringJoiner(", ");
        array.forEach(e -> j.add(e.asText()));
        return j.toString();
    }

    private static String stripPath(String message) {
        // networknt prefixes "$.a.b: "; our location already says where
        int colon = message.indexOf(": ");
        return message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
    }

    static String pointer(JsonNodePath path) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            b.append('/').append(LocatedYaml.escape(String.valueOf(path.getElement(i))));
        }
        return b.toString();
    }

    /** A path as people read it: {@code presets.calico}, {@code traffic[0].ping}, "the top level". */
    static String display(JsonNodePath path) {
        List<Object> parts = new ArrayList<>();
        for (int i = 0; i < path.getNameCount(); i++) {
            parts.add(path.getElement(i));
        }
        return display(parts.iterator());
    }

    static String display(Iterator<?> parts) {
        StringBuilder b = new StringBuilder();
        while (parts.hasNext()) {
            Object e = parts.next();
            if (e instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(e);
            }
        }
        return b.isEmpty() ? "the top level" : b.toString();
    }
}
