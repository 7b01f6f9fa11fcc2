package io.overlaysim.mtu;

/**
 * A misconfiguration a user must fix, where, and the {@code ip} command that fixes it.
 *
 * <pre>{@code
 * worker02/calia1b2c3: veth MTU 1500 is larger than the 1450 bytes vxlan.calico carries
 *   fix: ip link set dev calia1b2c3 mtu 1450
 * }</pre>
 *
 * @param kind which rule it breaks
 * @param node the node to fix it on
 * @param device the device (for a route: the route's device)
 * @param text what is wrong, one sentence
 * @param fix the command, run on {@code node} (in the pod's network namespace for a pod's {@code eth0})
 */
public record MtuProblem(Kind kind, String node, String device, String text, String fix) {

    /** The rules a cluster's MTUs must keep. */
    public enum Kind {
        /** A pod's interface (or its host-side veth) is larger than the tunnel or NIC can carry. */
        POD_MTU_TOO_LARGE("pod-mtu-too-large"),
        /** A tunnel device is larger than its underlay NIC minus the encapsulation. */
        TUNNEL_MTU_TOO_LARGE("tunnel-mtu-too-large"),
        /** A route's {@code mtu} metric is lower than its device's MTU. */
        ROUTE_MTU_BELOW_DEVICE("route-mtu-below-device"),
        /** The nodes' tunnel devices have different MTUs. */
        MIXED_TUNNEL_MTU("mixed-tunnel-mtu"),
        /** The NICs on one L2 segment have different MTUs. */
        MIXED_SEGMENT_MTU("mixed-segment-mtu");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The stable name in reports and JSON. */
        public String id() {
            return id;
        }
    }

    /** {@code NODE/DEVICE}. */
    public String where() {
        return node + "/" + device;
    }
}
