package io.overlaysim.scenario;

/**
 * One problem in a scenario file, at the key or value that causes it. Prints as
 * {@code FILE:LINE:COL: MESSAGE}, e.g.
 * {@code calico-ipip.yaml:12:5: unknown key "podsPerNod" in presets.calico; allowed: nodes, ...}.
 */
public record ScenarioError(SourceLocation at, String message) implements Comparable<ScenarioError> {
    @Override
    public int compareTo(ScenarioError o) {
        int c = at.compareTo(o.at);
        return c != 0 ? c : message.compareTo(o.message);
    }

    @Override
    public String toString() {
        return at + ": " + message;
    }
}
