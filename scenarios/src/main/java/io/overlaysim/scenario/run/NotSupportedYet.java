package io.overlaysim.scenario.run;

import io.overlaysim.scenario.ScenarioError;
import io.overlaysim.scenario.ScenarioException;
import io.overlaysim.scenario.SourceLocation;
import java.util.List;

/**
 * What a valid scenario may ask that the executor cannot build yet, because the capability is
 * still on its way (tunnels and the cluster presets, a segment's line rate and loss, FDB entries).
 * A run stops before simulating anything, with exit code 2 and
 * {@code FILE:LINE:COL: not supported yet: WHAT (WHY)}: results are never faked.
 */
final class NotSupportedYet {
    private NotSupportedYet() {
    }

    /**
     * The error for {@code what} at {@code at}.
     *
     * @param waitsFor what the capability comes with, e.g. "the tunnels of issue 6"
     */
    static ScenarioException at(SourceLocation at, String what, String waitsFor) {
        return new ScenarioException(List.of(new ScenarioError(at, "not supported yet: " + what + " (waits for "
                + waitsFor + ")")));
    }
}
