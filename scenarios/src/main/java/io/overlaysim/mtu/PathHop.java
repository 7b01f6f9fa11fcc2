package io.overlaysim.mtu;

/**
 * One device a pod-to-pod path crosses, with the largest inner datagram it lets through.
 *
 * <pre>{@code
 * worker01/vxlan.calico  1450  tunnel
 * worker01/enp1s0        1450  underlay NIC 1500 - 50 (VXLAN)
 * }</pre>
 *
 * @param node the node (or {@code NODE/POD} for a pod's own interface)
 * @param device the device
 * @param limit the largest inner IPv4 datagram this hop passes whole
 * @param role what the hop is, in words ({@code pod eth0}, {@code tunnel}, {@code route mtu}, ...)
 */
public record PathHop(String node, String device, int limit, String role) {

    /** {@code NODE/DEVICE}. */
    public String where() {
        return node + "/" + device;
    }
}
