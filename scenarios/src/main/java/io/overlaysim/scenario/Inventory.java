package io.overlaysim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.SequencedSet;
import java.util.StringJoiner;

/**
 * Every name a scenario defines, declared or made by a preset: nodes and pods with their
 * devices, links and segments, BGP speakers. References are checked against it.
 */
final class Inventory {
    /**
     * A node or pod.
     *
     * @param devices null when unknown until built (an imported node)
     * @param origin "declared", "imported", or the preset that makes it
     */
    record Node(String name, SequencedSet<String> devices, String origin, boolean pod) {
        boolean knowsDevices() {
            return devices != null;
        }
    }

    final SequencedMap<String, Node> nodes = new LinkedHashMap<>();
    /** Link and segment names, with what defines them. */
    final Map<String, String> links = new LinkedHashMap<>();
    /** Devices attached to a link or segment, with which. */
    final Map<String, String> attached = new LinkedHashMap<>();
    /** Nodes that run a BGP speaker. */
    final SequencedSet<String> speakers = new LinkedHashSet<>();

    Node node(String name) {
        return nodes.get(name);
    }

    /** Up to {@code max} of the names, then "...". */
    static String some(Iterable<String> names, int max) {
        StringJoiner j = new StringJoiner(", ");
        int n = 0;
        for (String s : names) {
            if (n++ == max) {
                j.add("...");
                break;
            }
            j.add(s);
        }
        return n == 0 ? "none" : j.toString();
    }

    /** The known nodes that are not pods, for messages. */
    List<String> hostNames() {
        List<String> out = new ArrayList<>();
        nodes.values().stream().filter(n -> !n.pod()).forEach(n -> out.add(n.name()));
        return out;
    }
}
