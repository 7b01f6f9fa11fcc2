package io.overlaysim.iproute;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.overlaysim.net.Ipv4Address;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Plumbing shared by the link, neighbour and FDB dump parsers: splitting a dump into lines,
 * telling {@code -j} JSON from text, reading a JSON array object by object with positions, and
 * checking addresses.
 */
final class L2Dumps {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private L2Dumps() {
    }

    /** The dump's lines without their line terminators. */
    static List<String> lines(String content) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < content.length(); i++) {
            if (content.charAt(i) == '\n') {
                out.add(stripCr(content.substring(start, i)));
                start = i + 1;
            }
        }
        if (start < content.length()) {
            out.add(stripCr(content.substring(start)));
        }
        return out;
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Whether the first thing that is not a comment or blank is a JSON array or object. */
    static boolean looksLikeJson(String content) {
        for (String line : lines(content)) {
            if (LineTokens.isCommentOrBlank(line)) {
                continue;
            }
            char c = line.strip().charAt(0);
            return c == '[' || c == '{';
        }
        return false;
    }

    /** Reads one JSON object into an entry; may throw {@link DumpParseException}. */
    @FunctionalInterface
    interface JsonReader<T> {
        T read(JsonEntry entry);
    }

    /**
     * Parses a {@code -j} dump: a JSON array of objects, possibly after {@code #} comment lines
     * (blanked, so that positions stay those of the file). In lenient mode an object that does
     * not fit is skipped with a warning; a syntax error ends the parse either way.
     */
    /**
     * A one-entry-per-line dump (text or, by its first character, JSON): comments and blank lines
     * skipped, each bad line an error, or with {@code lenient} a warning and the line skipped.
     */
    static <T> ParsedDump<T> parseLines(String file, String content, boolean lenient,
            java.util.function.Function<LineTokens, T> line, JsonReader<T> json) {
        if (looksLikeJson(content)) {
            return parseJson(file, content, lenient, json);
        }
        List<T> out = new java.util.ArrayList<>();
        List<DumpParseException> warnings = new java.util.ArrayList<>();
        List<String> lines = lines(content);
        for (int i = 0; i < lines.size(); i++) {
            if (LineTokens.isCommentOrBlank(lines.get(i))) {
                continue;
            }
            try {
                out.add(line.apply(LineTokens.of(file, i + 1, lines.get(i))));
            } catch (DumpParseException e) {
                if (!lenient) {
                    throw e;
                }
                warnings.add(e);
            }
        }
        return new ParsedDump<>(out, warnings);
    }

    static <T> ParsedDump<T> parseJson(String file, String content, boolean lenient, JsonReader<T> reader) {
        StringBuilder blanked = new StringBuilder(content.length());
        for (String line : lines(content)) {
            if (!line.strip().startsWith("#")) {
                blanked.append(line);
            }
            blanked.append('\n');
        }
        List<T> entries = new ArrayList<>();
        List<DumpParseException> warnings = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(blanked.toString())) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw at(file, p.currentTokenLocation(), "a JSON array", first == null ? "" : p.getText());
            }
            JsonToken tok;
            while ((tok = p.nextToken()) != JsonToken.END_ARRAY) {
                if (tok == null) {
                    throw at(file, p.currentLocation(), "\"]\"", "");
                }
                JsonLocation loc = p.currentTokenLocation();
                if (tok != JsonToken.START_OBJECT) {
                    throw at(file, loc, "a JSON object", p.getText());
                }
                JsonNode node = MAPPER.readTree(p);
                try {
                    entries.add(reader.read(new JsonEntry(file, loc.getLineNr(), loc.getColumnNr(), (ObjectNode) node)));
                } catch (DumpParseException e) {
                    if (!lenient) {
                        throw e;
                    }
                    warnings.add(e);
                }
            }
            if (p.nextToken() != null) {
                throw at(file, p.currentTokenLocation(), "the end of the file", p.getText());
            }
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            DumpParseException err = new DumpParseException(file, loc == null ? 0 : loc.getLineNr(),
                    loc == null ? 0 : loc.getColumnNr(), "valid JSON (" + e.getOriginalMessage() + ")", "");
            if (!lenient) {
                throw err;
            }
            warnings.add(err);
        } catch (IOException e) {
            throw new DumpParseException(file, 0, 0, "readable JSON", e.getMessage());
        }
        return new ParsedDump<>(entries, warnings);
    }

    private static DumpParseException at(String file, JsonLocation loc, String expected, String found) {
        return new DumpParseException(file, loc.getLineNr(), loc.getColumnNr(), expected, found);
    }

    /** One object of a {@code -j} array, with its position for error messages. */
    record JsonEntry(String file, int line, int column, ObjectNode node) {
        DumpParseException error(String expected, String found) {
            return new DumpParseException(file, line, column, expected, found);
        }

        private static String shown(JsonNode v) {
            return v.isTextual() ? v.asText() : v.toString();
        }

        boolean has(String key) {
            return node.has(key);
        }

        /** A string member, or null when absent (or JSON null). */
        String string(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isValueNode()) {
                throw error("a string for \"" + key + "\"", shown(v));
            }
            return v.asText();
        }

        String requiredString(String key) {
            String s = string(key);
            if (s == null) {
                throw error("a member \"" + key + "\"", "");
            }
            return s;
        }

        Integer integer(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.canConvertToInt() || !v.isIntegralNumber()) {
                throw error("an integer for \"" + key + "\"", shown(v));
            }
            return v.intValue();
        }

        Boolean bool(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isBoolean()) {
                throw error("true or false for \"" + key + "\"", shown(v));
            }
            return v.booleanValue();
        }

        List<String> strings(String key) {
            JsonNode v = node.get(key);
            List<String> out = new ArrayList<>();
            if (v == null || v.isNull()) {
                return out;
            }
            if (!v.isArray()) {
                throw error("an array of strings for \"" + key + "\"", shown(v));
            }
            for (JsonNode e : v) {
                out.add(e.asText());
            }
            return out;
        }

        JsonEntry child(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isObject()) {
                throw error("an object for \"" + key + "\"", shown(v));
            }
            return new JsonEntry(file, line, column, (ObjectNode) v);
        }
    }

    /** Whether a token is an IPv4 or IPv6 address as {@code ip} prints them. */
    static boolean isIpAddress(String s) {
        if (Ipv4Address.isValid(s)) {
            return true;
        }
        if (s.indexOf(':') < 0 || s.length() > 45) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** Consumes an IPv4 or IPv6 address, or fails naming what was expected. */
    static String ipAddress(LineTokens t, String what) {
        String s = t.next(what);
        if (!isIpAddress(s)) {
            throw t.errorAtPrevious(what);
        }
        return s;
    }

    /** Consumes a non-negative decimal integer, or fails naming what was expected. */
    static int number(LineTokens t, String what) {
        String s = t.next(what);
        try {
            int v = Integer.parseInt(s);
            if (v < 0) {
                throw t.errorAtPrevious(what);
            }
            return v;
        } catch (NumberFormatException e) {
            throw t.errorAtPrevious(what);
        }
    }
}
