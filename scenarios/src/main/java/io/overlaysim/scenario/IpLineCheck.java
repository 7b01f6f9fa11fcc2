package io.overlaysim.scenario;

import io.overlaysim.iproute.LineTokens;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is checked today of the iproute2 lines a scenario holds ({@code routes}, {@code rules},
 * {@code neighbours}, {@code fdb}, and the routes of faults and expectations): that the devices
 * they name ({@code dev X}, {@code iif X}, {@code oif X}) exist on the node. The lines stay text
 * in the model ({@link IpLine}); their full syntax is checked where they are parsed, here.
 */
final class IpLineCheck {
    /** The keywords that name a device, per kind of line. */
    private static final Map<String, Set<String>> DEVICE_KEYWORDS = Map.of(
            "routes", Set.of("dev"),
            "route", Set.of("dev"),
            "rules", Set.of("iif", "oif"),
            "neighbours", Set.of("dev"),
            "fdb", Set.of("dev"));

    private IpLineCheck() {
    }

    /**
     * Checks one line of kind {@code kind} ("routes", "rules", "neighbours", "fdb" or "route")
     * of a node whose devices are {@code devices} (null when unknown, as for an imported node).
     */
    static void check(String kind, IpLine line, Set<String> devices, List<ScenarioError> errors) {
        LineTokens t = line.tokens();
        // TODO(routing): parse the line here with the io.overlaysim.iproute route / rule / neigh / fdb
        // parsers of branch `routing` once merged (RouteParser.parse(t) etc.), turning their
        // DumpParseException (already FILE:LINE:COL in this file, thanks to IpLine.tokens()) into a
        // ScenarioError; the executor will take the parsed objects from the same call.
        if (devices == null) {
            return;
        }
        Set<String> keywords = DEVICE_KEYWORDS.getOrDefault(kind, Set.of());
        for (int i = 0; i + 1 < t.size(); i++) {
            String token = tokenAt(t, i);
            if (keywords.contains(token)) {
                String dev = tokenAt(t, i + 1);
                if (!devices.contains(dev)) {
                    errors.add(new ScenarioError(new SourceLocation(line.at().file(), line.at().line(), t.columnOf(i + 1)),
                            "no device \"" + dev + "\" on this node (in \"" + line.text() + "\"); its devices: "
                                    + Inventory.some(devices, 12)));
                }
            }
        }
    }

    private static String tokenAt(LineTokens t, int index) {
        t.reset(index);
        return t.peek();
    }
}
