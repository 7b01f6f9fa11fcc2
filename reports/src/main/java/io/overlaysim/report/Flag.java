package io.overlaysim.report;

import java.util.Objects;

/**
 * A mark on a cell or a row that readers must see: a code for machines, a message for people.
 *
 * @param severity how loudly to show it
 * @param code stable, lower-case, dash-separated identifier ({@code disagrees-with-theory})
 * @param message what is wrong, for people
 */
public record Flag(Severity severity, String code, String message) {

    /** How loudly a flag is shown. */
    public enum Severity {
        INFO, WARNING, ERROR;

        /** Lower-case name, as written in JSON and as an HTML class. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The code of {@link #disagreesWithTheory(String)}. */
    public static final String DISAGREES_WITH_THEORY = "disagrees-with-theory";

    public Flag {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (code == null || !code.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException(
                    "flag code: expected lower-case words joined by '-', got " + code);
        }
    }

    /** The flag the MTU sweep puts where the simulation and the theory differ. */
    public static Flag disagreesWithTheory(String message) {
        return new Flag(Severity.WARNING, DISAGREES_WITH_THEORY, message);
    }

    /** A warning. */
    public static Flag warning(String code, String message) {
        return new Flag(Severity.WARNING, code, message);
    }

    /** An error. */
    public static Flag error(String code, String message) {
        return new Flag(Severity.ERROR, code, message);
    }

    /** An informational flag. */
    public static Flag info(String code, String message) {
        return new Flag(Severity.INFO, code, message);
    }
}
