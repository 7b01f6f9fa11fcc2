package io.overlaysim.bgp;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.routing.IpAddress;
import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.NextHop;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteFlag;
import io.overlaysim.routing.RouteMetrics;
import io.overlaysim.routing.RouteProtocol;
import io.overlaysim.routing.RouteType;
import io.overlaysim.routing.TableNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kernel routes Calico's BIRD programs from its best routes (the {@code kernel} protocol and
 * {@code calico_kernel_programming} filter of Calico's {@code bird.cfg.template}, with the
 * {@code krt_tunnel} attribute of Calico's BIRD fork): its own blocks as {@code blackhole BLOCK
 * proto bird}; learned routes in an IPIP pool as {@code via PEER dev tunl0 proto bird onlink}
 * (CrossSubnet: only when the next hop is outside the node's subnet); everything else as
 * {@code via PEER dev NIC proto bird}. Kernel metric 0, so no {@code metric} is printed.
 *
 * <pre>{@code
 * List<CalicoKernelRoutes.KernelRoute> rs = CalicoKernelRoutes.of(speaker.bestRoutes(),
 *         new CalicoKernelRoutes.NodeNetwork(addr, Ipv4Prefix.parse("192.168.0.0/24"), "enp1s0"),
 *         CalicoKernelRoutes.Encapsulation.IPIP, List.of());
 * rs.get(0).line(); // "blackhole 172.16.52.128/26 proto bird"
 * }</pre>
 */
public final class CalicoKernelRoutes {
    private CalicoKernelRoutes() {}

    /** The IP pool's encapsulation ({@code ipipMode}: Always, CrossSubnet, Never). */
    public enum Encapsulation { IPIP, CROSS_SUBNET, NONE }

    /** The device Calico's IPIP routes use. */
    public static final String TUNNEL = "tunl0";
    private static final RouteProtocol BIRD = RouteProtocol.parse("bird");

    /** The node's own address, the subnet of its NIC and the NIC's name. */
    public record NodeNetwork(Ipv4Address address, Ipv4Prefix subnet, String nic) {}

    /** One kernel route: a blackhole (no gateway) or {@code via gateway dev device [onlink]}. */
    public record KernelRoute(Ipv4Prefix destination, Ipv4Address gateway, String device, boolean onlink) {
        public boolean blackhole() {
            return gateway == null;
        }

        /** The route as {@code ip route} prints it. */
        public String line() {
            String dst = destination.length() == 0 ? "default" : destination.length() == 32
                    ? destination.address().toString() : destination.toString();
            if (blackhole()) {
                return "blackhole " + dst + " proto bird";
            }
            return dst + " via " + gateway + " dev " + device + " proto bird" + (onlink ? " onlink" : "");
        }

        /** The route as the routing model holds it. */
        public Route toRoute() {
            IpPrefix dst = IpPrefix.v4(destination);
            if (blackhole()) {
                return new Route(RouteType.BLACKHOLE, dst, null, TableNames.MAIN, 0, BIRD, null, null, null, List.of(),
                        false, null, Set.of(), RouteMetrics.NONE, null, null, Map.of());
            }
            return new Route(RouteType.UNICAST, dst, null, TableNames.MAIN, 0, BIRD, null, null, null,
                    List.of(NextHop.via(new IpAddress.V4(gateway), device)), false, null,
                    onlink ? Set.of(RouteFlag.ONLINK) : Set.of(), RouteMetrics.NONE, null, null, Map.of());
        }
    }

    /**
     * The kernel routes for a node's best routes, in prefix order. {@code ipipPools} are the
     * pools whose routes get the tunnel; empty means every learned route is in one.
     */
    public static List<KernelRoute> of(List<BestRoute> best, NodeNetwork node, Encapsulation mode,
                                       List<Ipv4Prefix> ipipPools) {
        List<KernelRoute> out = new ArrayList<>(best.size());
        for (BestRoute r : best) {
            if (r.local()) {
                out.add(new KernelRoute(r.prefix(), null, null, false));
                continue;
            }
            Ipv4Address via = r.nextHop();
            boolean inPool = ipipPools.isEmpty() || ipipPools.stream().anyMatch(p -> p.covers(r.prefix()));
            boolean tunnel = inPool && switch (mode) {
                case IPIP -> true;
                case CROSS_SUBNET -> !node.subnet().contains(via);
                case NONE -> false;
            };
            out.add(tunnel ? new KernelRoute(r.prefix(), via, TUNNEL, true) : new KernelRoute(r.prefix(), via, node.nic(), false));
        }
        out.sort(Comparator.comparing(KernelRoute::destination));
        return out;
    }

    /** The routes as {@code ip route} lines. */
    public static List<String> lines(List<KernelRoute> routes) {
        return routes.stream().map(KernelRoute::line).toList();
    }
}
