package io.overlaysim.scenario;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.net.MacAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SequencedMap;

/**
 * Binds the "what to build" half of a schema-valid scenario tree into records: nodes, links,
 * segments, BGP speakers and presets. Values that do not parse become errors at their spot.
 */
final class TopologyBinder {
    private final Path baseDir;

    TopologyBinder(Path baseDir) {
        this.baseDir = baseDir;
    }

    SequencedMap<String, NodeSpec> nodes(Cursor nodes) {
        SequencedMap<String, NodeSpec> out = new LinkedHashMap<>();
        for (Map.Entry<String, Cursor> e : nodes.members()) {
            out.put(e.getKey(), node(e.getKey(), e.getValue()));
        }
        return Collections.unmodifiableSequencedMap(out);
    }

    private NodeSpec node(String name, Cursor n) {
        SequencedMap<String, DeviceSpec> devices = new LinkedHashMap<>();
        for (Map.Entry<String, Cursor> e : n.get("devices").members()) {
            devices.put(e.getKey(), device(name, e.getKey(), e.getValue()));
        }
        List<AddressSpec> addresses = new ArrayList<>();
        for (Cursor a : n.get("addresses").items()) {
            AddressSpec spec = address(a);
            if (spec != null) {
                addresses.add(spec);
            }
        }
        return new NodeSpec(name, n.optText("import").map(baseDir::resolve),
                Collections.unmodifiableSequencedMap(devices), List.copyOf(addresses),
                n.get("routes").ipLines(), n.get("rules").ipLines(), n.get("neighbours").ipLines(),
                n.get("fdb").ipLines(), sysctls(n.get("sysctls")), n.where());
    }

    private DeviceSpec device(String nodeName, String name, Cursor d) {
        DeviceKind kind = DeviceKind.of(d.text("kind", "ethernet"));
        Optional<TunnelSpec> tunnel = switch (kind) {
            case VXLAN -> Optional.of(new TunnelSpec.Vxlan(d.integer("id", 0),
                    d.integer("port", TunnelSpec.Vxlan.IANA_PORT), d.address("local"), d.optText("dev"),
                    d.bool("learning", true), outer(d, "ttl"), outer(d, "tos"), d.optText("df"),
                    srcPort(d, 0), srcPort(d, 1)));
            case IPIP -> Optional.of(new TunnelSpec.Ipip(d.address("local"), d.address("remote"), d.optText("dev"),
                    outer(d, "ttl"), outer(d, "tos"), d.bool("pmtudisc", true)));
            default -> Optional.empty();
        };
        Optional<DeviceRef> peer = d.optText("peer").map(p -> p.contains("/") ? DeviceRef.parse(p) : new DeviceRef(nodeName, p));
        return new DeviceSpec(name, kind, d.optInt("mtu"), d.opt("mac", MacAddress::parse), d.bool("up", true),
                peer, d.optText("master"), tunnel);
    }

    private static TunnelSpec.OuterField outer(Cursor d, String key) {
        if (!d.has(key)) {
            return TunnelSpec.OuterField.DEFAULT;
        }
        Cursor v = d.get(key);
        return v.node().isTextual() ? TunnelSpec.OuterField.INHERIT : TunnelSpec.OuterField.fixed(v.node().asInt());
    }

    private static int srcPort(Cursor d, int end) {
        if (!d.has("srcport")) {
            return -1;
        }
        String[] parts = d.text("srcport", "").split("-");
        int port = Integer.parseInt(parts[end]);
        if (port < 1 || port > 65535 || Integer.parseInt(parts[0]) > Integer.parseInt(parts[1])) {
            if (end == 0) {
                d.get("srcport").error("expected a port range MIN-MAX with 1 <= MIN <= MAX <= 65535, found \""
                        + d.text("srcport", "") + "\"");
            }
            return -1;
        }
        return port;
    }

    /** {@code 192.168.0.176/24 dev enp1s0}, or the same as a mapping. */
    private static AddressSpec address(Cursor a) {
        String addr;
        String dev;
        String scope = "global";
        if (a.node().isTextual()) {
            String[] t = a.text().strip().split("\\s+");
            if (t.length != 3 || !t[1].equals("dev")) {
                a.error("expected an address as \"ADDRESS/LEN dev DEVICE\", found \"" + a.text() + "\"");
                return null;
            }
            addr = t[0];
            dev = t[2];
        } else {
            addr = a.text("address", "");
            dev = a.text("dev", "");
            scope = a.text("scope", scope);
            a = a.get("address");
        }
        if (!addr.contains("/")) {
            a.error("expected an address with its prefix length (a.b.c.d/len), found \"" + addr + "\"");
            return null;
        }
        String addrText = addr;
        Ipv4Address ip = a.parse(x -> Ipv4Prefix.parseInterfaceAddress(addrText));
        if (ip == null) {
            return null;
        }
        return new AddressSpec(ip, Integer.parseInt(addr.substring(addr.indexOf('/') + 1)), dev, scope);
    }

    private static Sysctls sysctls(Cursor s) {
        return new Sysctls(s.optInt("ip_forward"), perDevice(s.get("rp_filter")), perDevice(s.get("proxy_arp")),
                s.optInt("fib_multipath_hash_policy"), s.bool("drop_icmp_errors", false));
    }

    private static SequencedMap<String, Integer> perDevice(Cursor c) {
        SequencedMap<String, Integer> out = new LinkedHashMap<>();
        if (c.node().isInt()) {
            out.put("all", c.node().asInt());
        } else if (c.node().isNumber()) {
            out.put("all", c.node().asInt());
        } else {
            for (Map.Entry<String, Cursor> e : c.members()) {
                out.put(e.getKey(), e.getValue().node().asInt());
            }
        }
        return Collections.unmodifiableSequencedMap(out);
    }

    static ChannelSpec channel(Cursor c) {
        return new ChannelSpec(c.opt("bandwidth", Units::bandwidth), c.duration("delay"), percent(c, "loss"),
                c.optInt("queue"), c.optInt("mtu"));
    }

    static double percent(Cursor c, String key) {
        if (!c.has(key)) {
            return 0;
        }
        Double p = c.get(key).parse(Units::percent);
        return p == null ? 0 : p;
    }

    List<LinkSpec> links(Cursor links) {
        List<LinkSpec> out = new ArrayList<>();
        for (Cursor l : links.items()) {
            Cursor ends = l.get("endpoints");
            out.add(new LinkSpec(l.optText("name"), DeviceRef.parse(ends.at(0).text()),
                    DeviceRef.parse(ends.at(1).text()), channel(l), l.where()));
        }
        return List.copyOf(out);
    }

    SequencedMap<String, SegmentSpec> segments(Cursor segments) {
        SequencedMap<String, SegmentSpec> out = new LinkedHashMap<>();
        for (Map.Entry<String, Cursor> e : segments.members()) {
            List<DeviceRef> ends = e.getValue().get("endpoints").items().stream()
                    .map(c -> DeviceRef.parse(c.text())).toList();
            out.put(e.getKey(), new SegmentSpec(e.getKey(), ends, channel(e.getValue()), e.getValue().where()));
        }
        return Collections.unmodifiableSequencedMap(out);
    }

    static BgpSpec.Timers timers(Cursor t) {
        return t.present()
                ? new BgpSpec.Timers(t.duration("hold"), t.duration("keepalive"), t.duration("connectRetry"))
                : BgpSpec.Timers.DEFAULT;
    }

    BgpSpec bgp(Cursor bgp) {
        SequencedMap<String, BgpSpec.Speaker> speakers = new LinkedHashMap<>();
        for (Map.Entry<String, Cursor> e : bgp.get("speakers").members()) {
            Cursor s = e.getValue();
            List<BgpSpec.Peer> peers = new ArrayList<>();
            for (Cursor p : s.get("peers").items()) {
                peers.add(new BgpSpec.Peer(p.address("address").orElse(null),
                        p.has("asn") ? OptionalLong.of(p.longValue("asn", 0)) : OptionalLong.empty(),
                        p.bool("passive", false), p.bool("rrClient", false), timers(p.get("timers"))));
            }
            List<Ipv4Prefix> announce = new ArrayList<>();
            for (Cursor a : s.get("announce").items()) {
                Ipv4Prefix prefix = a.parse(Ipv4Prefix::parse);
                if (prefix != null) {
                    announce.add(prefix);
                }
            }
            speakers.put(e.getKey(), new BgpSpec.Speaker(e.getKey(), s.longValue("asn", 0), s.address("routerId"),
                    s.address("clusterId"), List.copyOf(announce),
                    BgpSpec.Tunnel.valueOf(constant(s.text("tunnel", "none"))), timers(s.get("timers")),
                    List.copyOf(peers)));
        }
        return new BgpSpec(timers(bgp.get("timers")), Collections.unmodifiableSequencedMap(speakers));
    }

    List<PresetSpec> presets(Cursor p) {
        List<PresetSpec> out = new ArrayList<>();
        if (p.has("calico")) {
            out.add(calico(p.get("calico")));
        }
        if (p.has("flannel")) {
            out.add(flannel(p.get("flannel")));
        }
        if (p.has("cilium")) {
            out.add(cilium(p.get("cilium")));
        }
        if (p.has("chain")) {
            Cursor c = p.get("chain");
            out.add(new PresetSpec.Chain(c.integer("routers", 1), c.prefix("subnet").orElse(DEFAULT_ROUTER_SUBNET),
                    channel(c.get("link"))));
        }
        if (p.has("star")) {
            Cursor c = p.get("star");
            out.add(new PresetSpec.Star(c.integer("leaves", 1), c.prefix("subnet").orElse(DEFAULT_ROUTER_SUBNET),
                    channel(c.get("link"))));
        }
        return List.copyOf(out);
    }

    private static final Ipv4Prefix DEFAULT_ROUTER_SUBNET = Ipv4Prefix.parse("10.0.0.0/16");

    private PresetSpec.Calico calico(Cursor c) {
        Cursor mtu = c.get("mtu");
        List<Ipv4Prefix> subnets = new ArrayList<>();
        for (Cursor s : c.get("subnets").items()) {
            Ipv4Prefix prefix = s.parse(Ipv4Prefix::parse);
            if (prefix != null) {
                subnets.add(prefix);
            }
        }
        if (subnets.isEmpty()) {
            subnets.add(Ipv4Prefix.parse("192.168.0.0/24"));
        }
        return new PresetSpec.Calico(clusterNodes(c, c.integer("podsPerNode", 1)),
                PresetSpec.CalicoMode.valueOf(constant(c.text("mode", "ipip"))),
                PresetSpec.BgpTopology.valueOf(constant(c.text("bgp", "fullMesh"))), c.integer("routeReflectors", 1),
                c.longValue("asn", PresetSpec.Calico.DEFAULT_ASN), timers(c.get("bgpTimers")),
                c.bool("felixProgramsRoutes", false), c.prefix("podCidr").orElse(Ipv4Prefix.parse("172.16.0.0/16")),
                c.integer("blockSize", 26), c.text("nic", "enp1s0"), List.copyOf(subnets), mtu.integer("nic", 1500),
                mtu.optInt("tunnel"), mtu.optInt("pod"), channel(c.get("underlay")));
    }

    private PresetSpec.Flannel flannel(Cursor c) {
        Cursor mtu = c.get("mtu");
        return new PresetSpec.Flannel(clusterNodes(c, c.integer("podsPerNode", 1)),
                PresetSpec.FlannelBackend.valueOf(constant(c.text("backend", "vxlan"))),
                c.prefix("podCidr").orElse(Ipv4Prefix.parse("10.244.0.0/16")), c.integer("subnetLen", 24),
                c.text("nic", "eth0"), c.prefix("subnet").orElse(Ipv4Prefix.parse("192.168.0.0/24")),
                mtu.integer("nic", 1500), mtu.optInt("pod"), channel(c.get("underlay")));
    }

    private PresetSpec.Cilium cilium(Cursor c) {
        Cursor mtu = c.get("mtu");
        java.util.Map<String, Ipv4Address> routers = new java.util.LinkedHashMap<>();
        java.util.Map<String, List<IpLine>> routes = new java.util.LinkedHashMap<>();
        Cursor nodes = c.get("nodes");
        if (nodes.node().isArray()) {
            for (Cursor n : nodes.items()) {
                String name = n.text("name", "");
                n.address("routerIp").ifPresent(a -> routers.put(name, a));
                if (n.has("routes")) {
                    routes.put(name, n.get("routes").ipLines());
                }
            }
        }
        return new PresetSpec.Cilium(clusterNodes(c, c.integer("podsPerNode", 1)), routers, routes,
                c.prefix("podCidr").orElse(Ipv4Prefix.parse("10.42.0.0/16")), c.integer("subnetLen", 24),
                c.text("nic", "eth0"), c.prefix("subnet").orElse(Ipv4Prefix.parse("192.168.1.0/24")),
                c.integer("port", 8472), c.integer("podIdentity", 256), mtu.integer("nic", 1500), mtu.optInt("route"),
                channel(c.get("underlay")));
    }

    /** The cluster's nodes: a count named PREFIX01, PREFIX02, ... or the listed ones. */
    private static List<PresetSpec.ClusterNode> clusterNodes(Cursor c, int podsPerNode) {
        List<PresetSpec.ClusterNode> out = new ArrayList<>();
        Cursor nodes = c.get("nodes");
        if (!nodes.node().isArray()) {
            int count = nodes.present() ? nodes.node().asInt() : 3;
            for (String name : PresetNames.clusterNodeNames(c.text("namePrefix", "worker"), count)) {
                out.add(new PresetSpec.ClusterNode(name, Optional.empty(), OptionalInt.empty(), Optional.empty(),
                        podsPerNode, List.of()));
            }
            return List.copyOf(out);
        }
        for (Cursor n : nodes.items()) {
            Cursor pods = n.get("pods");
            List<Ipv4Address> podAddresses = new ArrayList<>();
            int podCount = podsPerNode;
            if (pods.node().isArray()) {
                for (Cursor p : pods.items()) {
                    Ipv4Address a = p.parse(Ipv4Address::parse);
                    if (a != null) {
                        podAddresses.add(a);
                    }
                }
            } else if (pods.present()) {
                podCount = pods.node().asInt();
            }
            out.add(new PresetSpec.ClusterNode(n.text("name", ""), n.address("address"), n.optInt("subnet"),
                    n.prefix("block"), podCount, List.copyOf(podAddresses)));
        }
        return List.copyOf(out);
    }

    /** {@code crossSubnet} → {@code CROSS_SUBNET}, {@code host-gw} → {@code HOST_GW}. */
    static String constant(String yamlName) {
        return yamlName.replaceAll("([a-z])([A-Z])", "$1_$2").replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }
}
