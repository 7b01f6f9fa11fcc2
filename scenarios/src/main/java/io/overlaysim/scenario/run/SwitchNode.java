package io.overlaysim.scenario.run;

import io.overlaysim.device.BridgeDevice;
import io.overlaysim.device.EthernetDevice;
import io.overlaysim.device.LinkConfig;
import io.overlaysim.device.PointToPointLink;
import io.overlaysim.engine.Simulation;
import io.overlaysim.node.Network;
import io.overlaysim.node.Node;

/**
 * A switch as the executor builds one: a node holding a bridge {@code br0} whose ports
 * {@code p-NODE} are cabled to the nodes' NICs by point-to-point links, so that each cable has
 * its own rate, delay, queue and loss and can be cut on its own. The presets' LANs and the
 * scenario segments that have a line rate are both built from it.
 */
final class SwitchNode {
    private final Simulation sim;
    private final Node node;
    private final BridgeDevice bridge;
    private final int portMtu;
    private final LinkConfig cable;

    private SwitchNode(Simulation sim, Node node, BridgeDevice bridge, int portMtu, LinkConfig cable) {
        this.sim = sim;
        this.node = node;
        this.bridge = bridge;
        this.portMtu = portMtu;
        this.cable = cable;
    }

    /** A new switch node {@code name} whose ports take frames up to {@code portMtu}. */
    static SwitchNode create(Simulation sim, Network net, String name, int portMtu, LinkConfig cable) {
        Node sw = net.addNode(name);
        BridgeDevice br = sw.addBridge("br0");
        br.setMtu(portMtu);
        return new SwitchNode(sim, sw, br, portMtu, cable);
    }

    Node node() {
        return node;
    }

    /** Cables {@code nic} of {@code owner} to a new port {@code p-OWNER} ({@code p-OWNER-DEV} if taken). */
    PointToPointLink plug(Node owner, EthernetDevice nic) {
        String name = node.deviceOrNull("p-" + owner.name()) == null ? "p-" + owner.name()
                : "p-" + owner.name() + "-" + nic.name();
        EthernetDevice port = node.addEthernet(name);
        port.setMtu(portMtu);
        bridge.addPort(port);
        return PointToPointLink.connect(sim, owner.name() + "/" + nic.name(), nic, port, cable);
    }
}
