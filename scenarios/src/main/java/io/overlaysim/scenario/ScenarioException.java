package io.overlaysim.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario file that is not valid: every error found in it, in file order, one per line. */
public final class ScenarioException extends RuntimeException {
    private final transient List<ScenarioError> errors;

    public ScenarioException(List<ScenarioError> errors) {
        super(errors.stream().map(ScenarioError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    /** The errors, sorted by line and column. */
    public List<ScenarioError> errors() {
        return errors;
    }
}
