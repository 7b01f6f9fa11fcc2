package io.overlaysim.scenario.run;

import io.overlaysim.bgp.BgpSpeaker;
import io.overlaysim.bgp.KernelExport;
import io.overlaysim.device.PointToPointLink;
import io.overlaysim.device.Segment;
import io.overlaysim.node.Network;
import io.overlaysim.node.Node;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * A scenario's network as built: the nodes (in the {@link Network}) and the links by name, for
 * traffic, faults and expectations to find.
 */
final class BuiltNetwork {
    private final Network network;
    private final SequencedMap<String, PointToPointLink> links = new LinkedHashMap<>();
    private final SequencedMap<String, Segment> segments = new LinkedHashMap<>();
    private final SequencedMap<String, PresetSpeaker> presetSpeakers = new LinkedHashMap<>();

    /** A BGP speaker a preset made (a Calico node's BIRD), with its kernel export when BIRD programs routes. */
    record PresetSpeaker(BgpSpeaker speaker, KernelExport export) {
    }

    BuiltNetwork(Network network) {
        this.network = network;
    }

    Network network() {
        return network;
    }

    Node node(String name) {
        return network.node(name);
    }

    void addLink(String name, PointToPointLink link) {
        links.put(name, link);
    }

    void addSegment(String name, Segment segment) {
        segments.put(name, segment);
    }

    SequencedMap<String, Segment> segments() {
        return Collections.unmodifiableSequencedMap(segments);
    }

    /** Adds the speaker a preset made on {@code node}; the run starts it with the declared ones. */
    void addSpeaker(String node, BgpSpeaker speaker, KernelExport export) {
        presetSpeakers.put(node, new PresetSpeaker(speaker, export));
    }

    SequencedMap<String, PresetSpeaker> presetSpeakers() {
        return Collections.unmodifiableSequencedMap(presetSpeakers);
    }

    PointToPointLink link(String name) {
        return links.get(name);
    }

    SequencedMap<String, PointToPointLink> links() {
        return Collections.unmodifiableSequencedMap(links);
    }

    /**
     * The address a node is known by when a scenario names it as a destination: the first
     * primary address of its first device that has one, in device order ({@code lo} last).
     */
    int addressOf(String node) {
        Node n = network.node(node);
        int lo = 0;
        for (var dev : n.devices()) {
            int a = n.address(dev.name());
            if (a != 0 && !dev.name().equals("lo")) {
                return a;
            } else if (a != 0) {
                lo = a;
            }
        }
        return lo;
    }

    /** The node one of whose devices holds {@code address}, or null. */
    Node ownerOf(int address) {
        for (Node n : network.nodes()) {
            for (var dev : n.devices()) {
                for (var ia : n.routes().fib().links().get(dev.name()).addresses()) {
                    if (ia.address().bits() == address) {
                        return n;
                    }
                }
            }
        }
        return null;
    }
}
