package io.overlaysim.report.junit;

import java.time.Duration;
import java.util.Objects;

/**
 * One JUnit test case: one expectation of a scenario.
 *
 * @param classname the group CI tools list it under: the scenario's name
 * @param name the expectation, as people read it ({@code pod-a reaches 172.16.103.65})
 * @param time how long evaluating it took (simulated or wall clock: the caller decides)
 * @param outcome passed, failure, error or skipped
 * @param systemOut output belonging to this case alone, or empty (written inside the testcase,
 *                  which Jenkins' and GitLab's readers show but Ant's schema does not allow)
 */
public record TestCase(String classname, String name, Duration time, Outcome outcome, String systemOut) {

    public TestCase {
        requireText("testcase classname", classname);
        requireText("testcase name", name);
        if (time == null || time.isNegative()) {
            throw new IllegalArgumentException("testcase '" + name + "': time must be zero or more, got " + time);
        }
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(systemOut, "systemOut");
    }

    /** A case without its own output. */
    public TestCase(String classname, String name, Duration time, Outcome outcome) {
        this(classname, name, time, outcome, "");
    }

    static void requireText(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + ": expected a non-blank name, got '" + value + "'");
        }
    }
}
