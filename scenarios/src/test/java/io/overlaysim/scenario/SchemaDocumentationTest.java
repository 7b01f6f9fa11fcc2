package io.overlaysim.scenario;

import io.overlaysim.packet.DropReason;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema documents itself for editors: every property has a description, every def examples or a title. */
class SchemaDocumentationTest {
    @Test
    void everyPropertyIsDescribed() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(Path.of("schema/scenario.schema.json").toFile());
        List<String> undocumented = new ArrayList<>();
        walk(schema, "#", undocumented);

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(undocumented).isEmpty();
    }

    @Test
    void theClassPathCopyIsTheSameSchema() throws IOException {
        ObjectMapper m = new ObjectMapper();
        assertThat(m.readTree(SchemaCheck.class.getResourceAsStream(SchemaCheck.RESOURCE)))
                .isEqualTo(m.readTree(Path.of("schema/scenario.schema.json").toFile()));
    }

    @Test
    void dropReasonsAreTheSchemasClosedSet() throws IOException {
        JsonNode reasons = new ObjectMapper().readTree(Path.of("schema/scenario.schema.json").toFile())
                .path("$defs").path("dropReason").path("enum");
        List<String> names = new ArrayList<>();
        reasons.forEach(r -> names.add(r.asText()));

        assertThat(names).containsExactly(java.util.Arrays.stream(DropReason.values()).map(DropReason::label)
                .toArray(String[]::new));
    }

    private static void walk(JsonNode n, String path, List<String> undocumented) {
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> p : iterable(n.path("properties"))) {
                if (!p.getValue().has("description")) {
                    undocumented.add(path + "/properties/" + p.getKey() + " has no description");
                }
            }
            for (Map.Entry<String, JsonNode> d : iterable(n.path("$defs"))) {
                JsonNode def = d.getValue();
                if (!def.has("examples") && !def.has("title")) {
                    undocumented.add(path + "/$defs/" + d.getKey() + " has neither examples nor a title");
                }
            }
            for (Map.Entry<String, JsonNode> f : iterable(n)) {
                walk(f.getValue(), path + "/" + f.getKey(), undocumented);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                walk(n.get(i), path + "/" + i, undocumented);
            }
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode n) {
        return n::fields;
    }
}
