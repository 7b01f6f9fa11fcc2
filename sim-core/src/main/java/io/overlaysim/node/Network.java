package io.overlaysim.node;

import io.overlaysim.engine.Simulation;
import io.overlaysim.packet.PacketLedger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes of one run and what they share: the simulation, the packet ledger and the packet
 * observer (the trace, or {@link PacketObserver#NONE}).
 *
 * <pre>{@code
 * Network net = new Network(new Simulation(1));
 * Node a = net.addNode("A");
 * net.ledger().summary().text();
 * }</pre>
 */
public final class Network {
    private final Simulation sim;
    private final PacketLedger ledger = new PacketLedger();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private PacketObserver observer = PacketObserver.NONE;

    public Network(Simulation sim) {
        this.sim = sim;
    }

    public Simulation simulation() {
        return sim;
    }

    public PacketLedger ledger() {
        return ledger;
    }

    public PacketObserver observer() {
        return observer;
    }

    /** Sets who watches the packets' walks (the trace); {@link PacketObserver#NONE} for nobody. */
    public void setObserver(PacketObserver o) {
        this.observer = o == null ? PacketObserver.NONE : o;
    }

    /** A new node (a host or network namespace) with only {@code lo}. */
    public Node addNode(String name) {
        if (nodes.containsKey(name)) {
            throw new IllegalArgumentException("node " + name + " exists");
        }
        Node n = new Node(this, name);
        nodes.put(name, n);
        return n;
    }

    public Node node(String name) {
        Node n = nodes.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no node " + name + " (nodes: " + nodes.keySet() + ")");
        }
        return n;
    }

    /** The nodes in creation order. */
    public List<Node> nodes() {
        return Collections.unmodifiableList(new ArrayList<>(nodes.values()));
    }

    /**
     * A locally administered MAC derived from the node and device names: stable run to run and
     * independent of creation order.
     */
    public static long macFor(String node, String dev) {
        long h = 0xcbf29ce484222325L;
        for (char c : (node + "/" + dev).toCharArray()) {
            h = (h ^ c) * 0x100000001b3L;
        }
        return (h & 0x0000_feff_ffff_ffffL) | 0x0000_0200_0000_0000L;
    }
}
