package io.overlaysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidateCommandTest {
    @Test
    void helpHasExamplesAndTheSchemaComment() {
        CliRun r = CliRun.of("validate", "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: overlaysim validate", "Examples:",
                "overlaysim validate scenarios/bundled/*.yaml", "# yaml-language-server: $schema=");
    }

    @Test
    void aMissingFileIsAnErrorWithExitTwo() {
        CliRun r = CliRun.of("validate", "no/such/scenario.yaml");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("no/such/scenario.yaml:1:1: no such file" + System.lineSeparator());
    }

    @Test
    void noFileIsAUsageError() {
        assertThat(CliRun.of("validate").exitCode()).isEqualTo(2);
    }
}
