package io.overlaysim.replay;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.MacAddress;
import io.overlaysim.routing.Route;
import java.util.List;

/**
 * A pod endpoint inferred behind a node's veth, with the set-up its CNI gives the pod's side.
 *
 * <pre>{@code
 * worker01/pod-0  172.16.52.132/32 eth0 <-> calib472a44443d   default via 169.254.1.1 dev eth0
 * }</pre>
 *
 * @param node the node it runs on
 * @param name its name on that node ({@code pod-0}, in address order)
 * @param address its address
 * @param prefixLength the length on its {@code eth0} (32 for Calico, the bridge's for Flannel)
 * @param hostDevice the host side of its veth ({@code cali...}, {@code veth...}, {@code lxc...})
 * @param device its side of the veth ({@code eth0})
 * @param mac its MAC (from the node's neighbour entry), or null when no dump tells
 * @param mtu its {@code eth0}'s MTU (the host side's)
 * @param cni whose set-up it gets
 * @param routes its routes, as the CNI installs them
 * @param hostProxyArp whether the host side answers ARP by proxy (Calico's {@code proxy_arp=1})
 * @param bridge the bridge its host side is a port of, or null
 * @param addressFrom how its address was found, in words
 */
public record Pod(String node, String name, Ipv4Address address, int prefixLength, String hostDevice, String device,
                  MacAddress mac, int mtu, Cni cni, List<Route> routes, boolean hostProxyArp, String bridge,
                  String addressFrom) {
    public Pod {
        routes = List.copyOf(routes);
    }

    /** {@code NODE/POD}, as scenarios name pods. */
    public String fullName() {
        return node + "/" + name;
    }

    /** The first hop of its default route. */
    public Ipv4Address gateway() {
        return routes.stream().filter(r -> r.destination().isDefault() && r.gateway() != null)
                .map(r -> new Ipv4Address(r.gateway().v4bits())).findFirst().orElse(null);
    }
}
