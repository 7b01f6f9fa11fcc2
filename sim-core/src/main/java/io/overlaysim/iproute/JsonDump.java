package io.overlaysim.iproute;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an {@code ip -j} dump: a JSON array of objects, each returned with the line and column
 * where it starts, so that errors about its fields can name the spot. Broken JSON becomes a
 * {@link DumpParseException} at the streaming parser's location. {@code #} comment lines (the
 * corpus's source headers) are blanked first, which keeps line numbers.
 */
final class JsonDump {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One array element and where it starts. */
    record Element(JsonNode node, int line, int column) {
    }

    private JsonDump() {
    }

    static List<Element> read(String file, String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (String l : text.split("\n", -1)) {
            sb.append(l.stripLeading().startsWith("#") ? "" : l).append('\n');
        }
        List<Element> out = new ArrayList<>();
        try (JsonParser p = MAPPER.createParser(sb.toString())) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw error(file, p.currentTokenLocation(), "a JSON array (\"[\")", p.getText());
            }
            while (true) {
                JsonToken tok = p.nextToken();
                if (tok == JsonToken.END_ARRAY) {
                    break;
                }
                JsonLocation at = p.currentTokenLocation();
                if (tok != JsonToken.START_OBJECT) {
                    throw error(file, at, "a JSON object (\"{\")", tok == null ? "" : p.getText());
                }
                JsonNode n = MAPPER.readTree(p);
                out.add(new Element(n, at.getLineNr(), at.getColumnNr()));
            }
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw error(file, p.currentTokenLocation(), "the end of the file after the array", p.getText());
            }
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String msg = e.getOriginalMessage();
            int cut = msg.indexOf('\n');
            throw new DumpParseException(file, loc == null ? 1 : loc.getLineNr(), loc == null ? 1 : loc.getColumnNr(),
                    "valid JSON", cut < 0 ? msg : msg.substring(0, cut));
        } catch (IOException e) {
            throw new DumpParseException(file, 1, 1, "readable JSON", e.getMessage());
        }
        return out;
    }

    static DumpParseException error(String file, JsonLocation at, String expected, String found) {
        return new DumpParseException(file, at.getLineNr(), at.getColumnNr(), expected, found);
    }

    /** An error about a field of an element. */
    static DumpParseException fieldError(String file, Element e, String field, String expected, JsonNode found) {
        return new DumpParseException(file, e.line(), e.column(), expected + " in \"" + field + "\"",
                found == null ? "" : found.toString());
    }
}
