package io.overlaysim.report.junit;

import java.util.List;
import java.util.Objects;

/** How one test case (one expectation of a scenario) ended. */
public sealed interface Outcome {

    /** The expectation holds. */
    record Passed() implements Outcome {}

    /**
     * The expectation does not hold.
     *
     * @param type what kind of expectation failed ({@code delivered}, {@code route-present}); the
     *             {@code type} attribute CI tools show next to the message
     * @param message one line: what was expected and what happened
     * @param body free text lines, typically the walk of the packet that broke the expectation
     */
    record Failure(String type, String message, List<String> body) implements Outcome {
        public Failure {
            requireType(type);
            Objects.requireNonNull(message, "message");
            body = List.copyOf(body);
        }
    }

    /** The expectation could not be evaluated (the run itself went wrong). */
    record Error(String type, String message, List<String> body) implements Outcome {
        public Error {
            requireType(type);
            Objects.requireNonNull(message, "message");
            body = List.copyOf(body);
        }
    }

    /**
     * The expectation was not evaluated on purpose (another shard, a filter). Ant's schema has no
     * skipped element; Jenkins, GitLab and the GitHub reporters read {@code <skipped/>}.
     */
    record Skipped(String message) implements Outcome {
        public Skipped {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The one passed outcome. */
    Outcome PASSED = new Passed();

    private static void requireType(String type) {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("failure type: expected a non-blank name, got '" + type + "'");
        }
    }
}
