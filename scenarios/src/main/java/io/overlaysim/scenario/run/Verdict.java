package io.overlaysim.scenario.run;

import io.overlaysim.scenario.ExpectationSpec;
import java.util.List;

/**
 * Whether one expectation held, why, and the evidence: the facts that decided it (a ping's
 * summary, the drops seen, a node's table) and, for a failure, the walk of the packet that broke
 * it.
 *
 * @param kind the expectation's key in the scenario file ({@code delivered}, {@code dropped}, ...)
 * @param message one line: what was expected and what happened
 */
public record Verdict(ExpectationSpec expectation, String kind, boolean passed, String message, List<String> evidence) {
    public Verdict {
        evidence = List.copyOf(evidence);
    }

    public String name() {
        return expectation.name();
    }
}
