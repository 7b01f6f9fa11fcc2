package io.overlaysim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each deliberately broken file in {@code src/test/resources/broken/} gives exactly the errors
 * of its {@code .expected} golden file (FILE:LINE:COL: MESSAGE, all of them) and exit code 2.
 */
class BrokenScenariosTest {
    private static final Path DIR = Path.of("src/test/resources/broken");

    static Stream<String> brokenFiles() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
            assertThat(names).hasSizeGreaterThanOrEqualTo(10);
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("brokenFiles")
    void validateReportsTheExpectedErrorsAndExitsTwo(String name) throws IOException {
        Path file = DIR.resolve(name);
        CliRun r = CliRun.of("validate", file.toString());

        String expected = Files.readString(DIR.resolve(name.replace(".yaml", ".expected")));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().replace(DIR + "/", "")).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("brokenFiles")
    void loaderThrowsTheSameErrorsSortedByPosition(String name) {
        List<ScenarioError> errors = ScenarioLoader.validate(DIR.resolve(name));

        assertThat(errors).isNotEmpty().isSorted();
        assertThat(errors).allSatisfy(e -> assertThat(e.at().file()).endsWith(name));
    }
}
