package io.overlaysim.cli;

import io.overlaysim.scenario.ScenarioError;
import io.overlaysim.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code overlaysim validate SCENARIO...}: checks scenario files without running them. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Check scenario files against the scenario schema and resolve their references,",
            "without running them. Prints OK FILE for each valid file, and every error of the",
            "others as FILE:LINE:COL: MESSAGE. Exit code 0 when all are valid, 2 otherwise."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  overlaysim validate scenarios/bundled/default.yaml",
            "  overlaysim validate scenarios/bundled/*.yaml",
            "",
            "An error looks like:",
            "  calico-ipip.yaml:12:5: unknown key \"podsPerNod\" in presets.calico; allowed: nodes, ...",
            "",
            "Editors validate and complete scenario files that start with:",
            "  # yaml-language-server: $schema=../schema/scenario.schema.json"
        })
final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SCENARIO", description = "Scenario files (YAML).")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allValid = true;
        for (Path file : files) {
            List<ScenarioError> errors = ScenarioLoader.validate(file);
            if (errors.isEmpty()) {
                out.println("OK " + file);
            } else {
                allValid = false;
                errors.forEach(err::println);
            }
        }
        out.flush();
        err.flush();
        return allValid ? Overlaysim.EXIT_OK : Overlaysim.EXIT_BAD_INPUT;
    }
}
