package io.overlaysim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocatedYamlTest {
    private static final String TEXT = """
            name: x
            nodes:
              worker01/pod-0:
                devices:
                  eth0: {mtu: 1500}
            traffic:
              - ping: {name: p}
            """;

    @Test
    void everyKeyAndValueHasItsLineAndColumn() {
        List<ScenarioError> errors = new ArrayList<>();
        LocatedYaml y = LocatedYaml.read("f.yaml", TEXT, errors);

        assertThat(errors).isEmpty();
        assertThat(y.at("/name")).hasToString("f.yaml:1:1");
        assertThat(y.valueAt("/name")).hasToString("f.yaml:1:7");
        // a key holding a slash is escaped as in RFC 6901
        assertThat(y.at("/nodes/worker01~1pod-0")).hasToString("f.yaml:3:3");
        assertThat(y.at("/nodes/worker01~1pod-0/devices/eth0/mtu")).hasToString("f.yaml:5:14");
        assertThat(y.valueAt("/nodes/worker01~1pod-0/devices/eth0/mtu")).hasToString("f.yaml:5:19");
        assertThat(y.valueAt("/traffic/0")).hasToString("f.yaml:7:5");
        assertThat(y.at("/traffic/0/ping/name")).hasToString("f.yaml:7:12");
        // an unknown pointer falls back to its nearest known ancestor
        assertThat(y.valueAt("/traffic/0/ping/count")).hasToString("f.yaml:7:11");
        assertThat(y.root().get("nodes").get("worker01/pod-0").get("devices").get("eth0").get("mtu").asInt()).isEqualTo(1500);
    }

    @Test
    void duplicateKeysAreErrorsAndTheFirstOneCounts() {
        List<ScenarioError> errors = new ArrayList<>();
        LocatedYaml y = LocatedYaml.read("f.yaml", "name: a\nseed: 1\nname: b\n", errors);

        assertThat(errors).extracting(ScenarioError::toString)
                .containsExactly("f.yaml:3:1: duplicate key \"name\" (first at line 1)");
        assertThat(y.root().get("name").asText()).isEqualTo("a");
    }

    @Test
    void aliasesAndEmptyFilesAndSyntaxErrorsAreReported() {
        List<ScenarioError> errors = new ArrayList<>();
        LocatedYaml.read("a.yaml", "base: &b 1500\nmtu: *b\n", errors);
        LocatedYaml.read("e.yaml", "# nothing\n", errors);
        LocatedYaml.read("s.yaml", "a: [1, 2\n", errors);

        assertThat(errors).extracting(ScenarioError::toString).containsExactly(
                "a.yaml:2:6: YAML aliases (*b) are not supported; write the value out",
                "e.yaml:1:1: the file holds no scenario (it is empty)",
                "s.yaml:2:1: YAML syntax error: expected ',' or ']', but got <stream end> (while parsing a flow sequence that starts at line 1)");
    }
}
