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

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"run", "validate", "trace", "route get", "route", "import", "mtu", "version"})
    void everyCommandHasHelpWithExamples(String command) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command.split(" ")));
        args.add("--help");
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Usage: overlaysim " + command).contains("Examples:").contains("  overlaysim " + command);
    }
}
