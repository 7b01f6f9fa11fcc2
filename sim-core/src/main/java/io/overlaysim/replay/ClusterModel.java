package io.overlaysim.replay;

import java.util.List;
import java.util.Optional;

/**
 * A cluster rebuilt from several nodes' dumps: the nodes, the L2 segments between them, the
 * pods behind them, the gateways their routes name and who holds each, the routers nobody
 * dumped, and every finding (the nodes' and the cluster's). Built by {@link ClusterBuilder}.
 *
 * <pre>{@code
 * ClusterModel c = ClusterBuilder.read(List.of(Path.of("d/worker01"), Path.of("d/worker02")), false);
 * c.pods();        // worker01/pod-0 172.16.52.132 behind calib472a44443d, ...
 * c.segments();    // net-192.168.0.0-24: worker01/enp1s0, worker02/enp1s0, gw-192.168.0.1/eth0
 * }</pre>
 *
 * @param nodes the nodes, in the order given
 * @param segments the shared L2 segments
 * @param pods the pod endpoints
 * @param gateways each IPv4 {@code via} of each node's routes, matched
 * @param routers the external routers made for gateways no node holds
 * @param findings the nodes' findings, then the cluster's
 */
public record ClusterModel(List<NodeModel> nodes, List<Segment> segments, List<Pod> pods, List<GatewayMatch> gateways,
                           List<ExternalRouter> routers, List<Finding> findings) {
    public ClusterModel {
        nodes = List.copyOf(nodes);
        segments = List.copyOf(segments);
        pods = List.copyOf(pods);
        gateways = List.copyOf(gateways);
        routers = List.copyOf(routers);
        findings = List.copyOf(findings);
    }

    public Optional<NodeModel> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public List<Pod> podsOf(String node) {
        return pods.stream().filter(p -> p.node().equals(node)).toList();
    }

    /** The segment a device ({@code NODE/DEVICE}) is on. */
    public Optional<Segment> segmentOf(String endpoint) {
        return segments.stream().filter(s -> s.endpoints().contains(endpoint)).findFirst();
    }

    public List<Finding> findings(Finding.Kind kind) {
        return findings.stream().filter(f -> f.kind() == kind).toList();
    }
}
