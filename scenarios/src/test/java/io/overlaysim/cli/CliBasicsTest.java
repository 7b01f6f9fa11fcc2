package io.overlaysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CliBasicsTest {
    @Test
    void versionNamesTheProgramAndJava() {
        CliRun r = CliRun.of("version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("overlaysim 0.").contains("java ");
    }

    @Test
    void unknownCommandOrFlagIsUsageErrorWithExitTwo() {
        CliRun r = CliRun.of("frobnicate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument").contains("frobnicate");
        assertThat(CliRun.of("version", "--bogus").exitCode()).isEqualTo(2);
    }

    @Test
    void generatesABashCompletionScriptNamingEveryCommand() {
        CliRun r = CliRun.of("generate-completion");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("complete -F").contains("route").contains("validate").contains("version");
    }
}
