package io.overlaysim.scenario;

import io.overlaysim.net.Ipv4Address;

/** Reference checks against an {@link Inventory}, reporting at the referring value. */
final class References {
    private References() {
    }

    /** Whether node (or pod) {@code name} exists; an error at {@code at} (its key when {@code atKey}) when not. */
    static boolean node(Inventory inv, String name, Cursor at, boolean atKey) {
        if (inv.nodes.containsKey(name)) {
            return true;
        }
        String message = "unknown node \"" + name + "\"; nodes: " + Inventory.some(inv.hostNames(), 12);
        if (atKey) {
            at.errorAtKey(message);
        } else {
            at.error(message);
        }
        return false;
    }

    /** Whether the device exists (an imported node's devices are not known before it is built). */
    static boolean device(Inventory inv, DeviceRef ref, Cursor at) {
        Inventory.Node n = inv.node(ref.node());
        if (n == null) {
            at.error("unknown " + (ref.node().contains("/") ? "pod" : "node") + " \"" + ref.node() + "\" in \""
                    + ref + "\"; " + (ref.node().contains("/") ? "pods: " + pods(inv) : "nodes: "
                    + Inventory.some(inv.hostNames(), 12)));
            return false;
        }
        if (n.knowsDevices() && !n.devices().contains(ref.device())) {
            at.error("node \"" + ref.node() + "\" has no device \"" + ref.device() + "\"; its devices: "
                    + Inventory.some(n.devices(), 12));
            return false;
        }
        return true;
    }

    private static String pods(Inventory inv) {
        return Inventory.some(inv.nodes.values().stream().filter(Inventory.Node::pod).map(Inventory.Node::name).toList(), 8);
    }

    /** Whether a traffic endpoint names a pod or node, or is an IPv4 address. */
    static boolean target(Inventory inv, String text, Cursor at) {
        if (Ipv4Address.isValid(text) || inv.nodes.containsKey(text)) {
            return true;
        }
        if (text.matches("[0-9.]+")) {
            at.error("expected an IPv4 address (a.b.c.d), found \"" + text + "\"");
        } else if (text.contains("/")) {
            at.error("\"" + text + "\" names no pod or node; pods: " + pods(inv));
        } else {
            at.error("\"" + text + "\" names no pod or node; nodes: " + Inventory.some(inv.hostNames(), 12));
        }
        return false;
    }
}
