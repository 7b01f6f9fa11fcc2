package io.overlaysim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * A position in a scenario tree (a node and its JSON pointer) with typed readers that turn a
 * value that does not parse into a {@link ScenarioError} at that value (and return null, or an
 * empty optional: the scenario is discarded when any error was found).
 */
final class Cursor {
    private final LocatedYaml doc;
    private final JsonNode node;
    private final String pointer;
    private final List<ScenarioError> errors;

    Cursor(LocatedYaml doc, JsonNode node, String pointer, List<ScenarioError> errors) {
        this.doc = doc;
        this.node = node == null ? MissingNode.getInstance() : node;
        this.pointer = pointer;
        this.errors = errors;
    }

    static Cursor root(LocatedYaml doc, List<ScenarioError> errors) {
        return new Cursor(doc, doc.root(), "", errors);
    }

    JsonNode node() {
        return node;
    }

    String pointer() {
        return pointer;
    }

    LocatedYaml doc() {
        return doc;
    }

    Cursor get(String key) {
        return new Cursor(doc, node.get(key), pointer + "/" + LocatedYaml.escape(key), errors);
    }

    Cursor at(int index) {
        return new Cursor(doc, node.get(index), pointer + "/" + index, errors);
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    /** The members of a mapping, in file order. */
    List<Map.Entry<String, Cursor>> members() {
        List<Map.Entry<String, Cursor>> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            out.add(Map.entry(k, get(k)));
        }
        return out;
    }

    /** The items of a list, in order. */
    List<Cursor> items() {
        List<Cursor> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(at(i));
        }
        return out;
    }

    /** Where this is written: its key when it is a member, else its value. */
    SourceLocation where() {
        return doc.at(pointer);
    }

    /** Where this value starts. */
    SourceLocation valueAt() {
        return doc.valueAt(pointer);
    }

    void error(String message) {
        errors.add(new ScenarioError(valueAt(), message));
    }

    void errorAtKey(String message) {
        errors.add(new ScenarioError(where(), message));
    }

    String text() {
        return node.asText();
    }

    String text(String key, String absent) {
        return has(key) ? node.get(key).asText() : absent;
    }

    Optional<String> optText(String key) {
        return has(key) ? Optional.of(node.get(key).asText()) : Optional.empty();
    }

    int integer(String key, int absent) {
        return has(key) ? node.get(key).asInt() : absent;
    }

    OptionalInt optInt(String key) {
        return has(key) ? OptionalInt.of(node.get(key).asInt()) : OptionalInt.empty();
    }

    long longValue(String key, long absent) {
        return has(key) ? node.get(key).asLong() : absent;
    }

    boolean bool(String key, boolean absent) {
        return has(key) ? node.get(key).asBoolean() : absent;
    }

    /** Parses this value with {@code parser}; its exception's message becomes the error. */
    <T> T parse(Function<String, T> parser) {
        try {
            return parser.apply(node.asText());
        } catch (IllegalArgumentException e) { // AddressFormatException included
            error(e.getMessage());
            return null;
        }
    }

    <T> Optional<T> opt(String key, Function<String, T> parser) {
        return has(key) ? Optional.ofNullable(get(key).parse(parser)) : Optional.empty();
    }

    Optional<Duration> duration(String key) {
        return opt(key, Units::duration);
    }

    Duration duration(String key, Duration absent) {
        return duration(key).orElse(absent);
    }

    Optional<Ipv4Address> address(String key) {
        return opt(key, Ipv4Address::parse);
    }

    Optional<Ipv4Prefix> prefix(String key) {
        return opt(key, Ipv4Prefix::parse);
    }

    /** The value as a list of iproute2 lines: a block string split at newlines, or a list of strings. */
    List<IpLine> ipLines() {
        List<IpLine> out = new ArrayList<>();
        if (node.isArray()) {
            for (Cursor item : items()) {
                String t = item.text();
                if (!isBlankOrComment(t)) {
                    SourceLocation at = item.valueAt();
                    out.add(new IpLine(t.strip(), locate(at, t.strip())));
                }
            }
        } else if (node.isTextual()) {
            SourceLocation start = valueAt();
            String[] lines = node.asText().split("\n");
            // a block scalar ('|') starts on the line after its indicator; a plain one on its own line
            boolean block = doc.sourceLine(start.line()).substring(Math.max(0, start.column() - 1)).startsWith("|")
                    || doc.sourceLine(start.line()).substring(Math.max(0, start.column() - 1)).startsWith(">");
            int searchFrom = block ? start.line() + 1 : start.line();
            for (String raw : lines) {
                String t = raw.strip();
                if (isBlankOrComment(t)) {
                    continue;
                }
                int line = searchFrom;
                while (line < searchFrom + 1000 && !doc.sourceLine(line).contains(t)) {
                    line++;
                }
                if (!doc.sourceLine(line).contains(t)) {
                    line = start.line();
                } else {
                    searchFrom = line + 1;
                }
                out.add(new IpLine(t, locate(new SourceLocation(doc.file(), line, 1), t)));
            }
        }
        return out;
    }

    /** The column where {@code text} starts on the line of {@code at} (at's own column when not found). */
    private SourceLocation locate(SourceLocation at, String text) {
        int col = doc.sourceLine(at.line()).indexOf(text, Math.max(0, at.column() - 1));
        if (col < 0) {
            col = doc.sourceLine(at.line()).indexOf(text);
        }
        return col < 0 ? at : new SourceLocation(at.file(), at.line(), col + 1);
    }

    private static boolean isBlankOrComment(String line) {
        String t = line.strip();
        return t.isEmpty() || t.startsWith("#");
    }
}
