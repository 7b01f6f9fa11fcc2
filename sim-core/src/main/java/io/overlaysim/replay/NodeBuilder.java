package io.overlaysim.replay;

import io.overlaysim.iproute.FdbEntry;
import io.overlaysim.iproute.LinkInfo;
import io.overlaysim.iproute.LinkKind;
import io.overlaysim.iproute.NeighbourEntry;
import io.overlaysim.iproute.RouteDump;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.MacAddress;
import io.overlaysim.replay.Finding.Kind;
import io.overlaysim.replay.Finding.Topic;
import io.overlaysim.routing.AddressInference;
import io.overlaysim.routing.FibLoader;
import io.overlaysim.routing.InterfaceAddress;
import io.overlaysim.routing.NextHop;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RuleSet;
import io.overlaysim.routing.TableNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link NodeModel} from a node's {@link NodeDumps}: devices from {@code ip -d link}
 * (else {@code ip link} or {@code ip addr}, kinds guessed from names), then every device that
 * routes, addresses, neighbours, FDB or bridges name; tunnels without details get their CNI's
 * defaults; addresses from {@code ip addr}, else inferred from the routes' {@code src}
 * ({@link AddressInference}). Every guess and every disagreement between dumps is a {@link Finding}.
 */
public final class NodeBuilder {
    private final NodeDumps d;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Dev> devs = new LinkedHashMap<>();
    private final boolean linkDump;

    private NodeBuilder(NodeDumps d) {
        this.d = d;
        this.linkDump = d.links() != null || d.addrLinks() != null;
    }

    /** Builds the node. */
    public static NodeModel build(NodeDumps dumps) {
        return new NodeBuilder(dumps).run();
    }

    /** A device being put together. */
    private static final class Dev {
        String name;
        int ifindex;
        DeviceKind kind;
        Integer mtu;
        MacAddress mac;
        boolean up = true;
        String master;
        TunnelConfig tunnel;
        String peerNamespace;
        NodeDevice.Evidence evidence;

        NodeDevice done() {
            return new NodeDevice(name, ifindex, kind, mtu == null ? 1500 : mtu, mac, up, master, tunnel, peerNamespace, evidence);
        }
    }

    private NodeModel run() {
        String node = d.node();
        if (d.links() != null) {
            d.links().forEach(l -> devs.put(l.name(), fromLink(l)));
        }
        if (d.addrLinks() != null) {
            for (LinkInfo l : d.addrLinks()) {
                Dev have = devs.get(l.name());
                if (have == null) {
                    devs.put(l.name(), fromLink(l));
                } else if (have.mtu != null && have.mtu != l.mtu()) {
                    add(Kind.CONTRADICTION, Topic.MTU, l.name(), "ip link says MTU " + have.mtu + ", ip addr says "
                            + l.mtu() + "; ip link believed");
                }
            }
        }
        for (Dev v : devs.values()) {
            if (v.kind == null) {
                guessKind(v);
            }
        }
        List<RouteDump.Entry> entries = d.routes().entries().stream().filter(e -> !e.deleted()).toList();
        for (RouteDump.Entry e : entries) {
            for (NextHop h : e.route().nexthops()) {
                if (h.device() != null) {
                    need(h.device(), "route line " + e.line(), null);
                }
            }
        }
        List<InterfaceAddress> addresses = addresses(entries);
        for (InterfaceAddress a : addresses) {
            need(a.device(), "the address " + a.address() + "/" + a.prefixLength(), null);
        }
        if (d.neighbours() != null) {
            for (NeighbourEntry n : d.neighbours()) {
                if (n.dev() != null) {
                    need(n.dev(), "ip neigh (" + n.dst() + ")", null);
                }
            }
        }
        if (d.fdb() != null) {
            for (FdbEntry f : d.fdb()) {
                if (f.dev() != null) {
                    need(f.dev(), "bridge fdb (" + f.mac() + ")", null);
                }
                if (f.master() != null) {
                    need(f.master(), "bridge fdb (master of " + f.dev() + ")", DeviceKind.BRIDGE);
                }
            }
        }
        for (Dev v : List.copyOf(devs.values())) {
            if (v.master != null) {
                need(v.master, "the master of " + v.name, DeviceKind.BRIDGE);
            }
            if (v.tunnel instanceof TunnelConfig.Vxlan x && x.dev() != null) {
                need(x.dev(), "the lower device of " + v.name, null);
            }
        }
        String underDev = underlayDevice(entries.stream().map(RouteDump.Entry::route).toList(), addresses);
        Ipv4Address underAddr = firstAddress(addresses, underDev);
        for (Dev v : devs.values()) {
            tunnelDefaults(v, underDev, underAddr);
        }
        checkMtus(underDev);
        checkSources(entries, addresses);
        RuleSet rules = d.rules();
        if (rules == null) {
            rules = RuleSet.defaults();
            add(Kind.INFERRED, Topic.RULES, node, "no ip rule dump: the kernel's default rules assumed"
                    + " (0 lookup local, 32766 lookup main, 32767 lookup default)");
        }
        List<NodeDevice> devices = devs.values().stream().map(Dev::done).toList();
        return new NodeModel(node, Cni.of(devs.keySet()), devices, addresses,
                entries.stream().map(RouteDump.Entry::route).toList(), d.tables(), rules.rules(), rules.isDefault(),
                d.neighbours() == null ? List.of() : d.neighbours(), d.fdb() == null ? List.of() : d.fdb(),
                findings, d.files());
    }

    private Dev fromLink(LinkInfo l) {
        Dev v = new Dev();
        v.name = l.name();
        v.ifindex = l.ifindex();
        v.mtu = l.mtu();
        v.up = l.isUp();
        v.master = l.master();
        // ip -j link gives only the namespace's id (link_netnsid), the text form its name
        v.peerNamespace = l.linkNetns() != null ? l.linkNetns() : l.linkNetnsId() != null ? "netnsid " + l.linkNetnsId() : null;
        if (l.linkLayer() != null && l.linkLayer().isEther() && l.address() != null) {
            v.mac = MacAddress.parse(l.address());
        }
        v.evidence = l.details() != null ? NodeDevice.Evidence.LINK_DETAILS : NodeDevice.Evidence.LINK;
        if (l.details() != null) {
            v.kind = switch (l.kind()) {
                case LinkKind.Vxlan x -> {
                    v.tunnel = new TunnelConfig.Vxlan(x.vni() == null ? 0 : x.vni(), x.dstPort() == null ? 8472 : x.dstPort(),
                            x.local() == null || !Ipv4Address.isValid(x.local()) ? null : Ipv4Address.parse(x.local()),
                            x.dev(), x.learns(), x.flags().contains("external"));
                    yield DeviceKind.VXLAN;
                }
                case LinkKind.Ipip p -> {
                    v.tunnel = new TunnelConfig.Ipip(address(p.local()), address(p.remote()), p.dev(), p.ttl(), p.pmtudisc());
                    yield DeviceKind.IPIP;
                }
                case LinkKind.Veth ignored -> DeviceKind.VETH;
                case LinkKind.Bridge ignored -> DeviceKind.BRIDGE;
                case LinkKind.Other ignored -> DeviceKind.OTHER;
                case null -> l.linkLayer() != null && l.linkLayer().type().equals("loopback")
                        ? DeviceKind.LOOPBACK : DeviceKind.ETHERNET;
            };
        }
        return v;
    }

    private static Ipv4Address address(String s) {
        return s == null || !Ipv4Address.isValid(s) || s.equals("0.0.0.0") ? null : Ipv4Address.parse(s);
    }

    /** A device known from ip link / ip addr without -d: its kind from its link type, peer and name. */
    private void guessKind(Dev v) {
        DeviceKind byName = Cni.kindByName(v.name);
        if (byName == DeviceKind.ETHERNET && v.peerNamespace != null) {
            byName = DeviceKind.VETH;
        }
        v.kind = byName;
        if (byName != DeviceKind.ETHERNET && byName != DeviceKind.LOOPBACK) {
            add(Kind.INFERRED, Topic.DEVICE, v.name, "no ip -d link: taken for " + article(byName.yamlName())
                    + (v.peerNamespace != null && !v.name.startsWith("cali") ? " (its peer is in namespace " + v.peerNamespace + ")"
                    : " by its name"));
        }
    }

    /** Makes sure a named device exists, adding it (and saying so) when no dump listed it. */
    private void need(String name, String where, DeviceKind forced) {
        Dev have = devs.get(name);
        if (have != null) {
            if (forced == DeviceKind.BRIDGE && have.kind != DeviceKind.BRIDGE && have.evidence != NodeDevice.Evidence.LINK_DETAILS) {
                have.kind = DeviceKind.BRIDGE;
            }
            return;
        }
        Dev v = new Dev();
        v.name = name;
        v.kind = forced != null ? forced : Cni.kindByName(name);
        v.evidence = NodeDevice.Evidence.NAMED_ONLY;
        Cni.Default def = Cni.tunnelDefault(name);
        v.mtu = v.kind == DeviceKind.LOOPBACK ? 65536 : def != null ? def.mtu() : 1500;
        devs.put(name, v);
        if (v.kind == DeviceKind.LOOPBACK) {
            return; // every namespace has lo
        }
        String what = article(v.kind.yamlName()) + (forced != null ? "" : " by its name") + ", MTU " + v.mtu
                + (def != null || v.kind == DeviceKind.LOOPBACK ? "" : " (assumed)");
        if (linkDump) {
            add(Kind.CONTRADICTION, Topic.DEVICE, name, where + " names it, but no link dump lists it; added as " + what);
        } else {
            add(Kind.INFERRED, Topic.DEVICE, name, "named only in " + where + ": " + what);
        }
    }

    private List<InterfaceAddress> addresses(List<RouteDump.Entry> entries) {
        if (d.addresses() != null) {
            return d.addresses();
        }
        List<FibLoader.Line> lines = entries.stream().map(e -> new FibLoader.Line(e.line(), e.route())).toList();
        List<InterfaceAddress> out = new ArrayList<>();
        for (AddressInference.Inferred i : AddressInference.infer(lines)) {
            InterfaceAddress a = i.address();
            out.add(a);
            String how = i.why().contains("local-table") ? "the local table's entry on line " + i.line()
                    : "the src of the route on line " + i.line();
            add(Kind.INFERRED, Topic.ADDRESS, a.device(), "no ip addr dump: address " + a.address() + "/" + a.prefixLength()
                    + " from " + how + (a.noPrefixRoute() ? " (noprefixroute)" : ""));
        }
        return out;
    }

    /** The device of the first IPv4 default route in main, else of the first connected prefix that is not a tunnel's. */
    static String underlayDevice(List<Route> routes, List<InterfaceAddress> addresses) {
        for (Route r : routes) {
            if (r.isV4() && r.table() == TableNames.MAIN && r.destination().isDefault() && r.device() != null) {
                return r.device();
            }
        }
        for (InterfaceAddress a : addresses) {
            if (a.prefixLength() < 32 && !a.address().isLoopback() && Cni.kindByName(a.device()) == DeviceKind.ETHERNET) {
                return a.device();
            }
        }
        return null;
    }

    static Ipv4Address firstAddress(List<InterfaceAddress> addresses, String dev) {
        return addresses.stream().filter(a -> a.device().equals(dev)).map(InterfaceAddress::address).findFirst().orElse(null);
    }

    static Ipv4Address underlay(NodeModel n) {
        String dev = underlayDevice(n.routes(), n.addresses());
        return dev == null ? null : firstAddress(n.addresses(), dev);
    }

    private void tunnelDefaults(Dev v, String underDev, Ipv4Address underAddr) {
        if (!(v.kind == DeviceKind.VXLAN || v.kind == DeviceKind.IPIP) || v.tunnel != null) {
            return;
        }
        Cni.Default def = Cni.tunnelDefault(v.name);
        String said;
        if (def == null || (v.kind == DeviceKind.VXLAN) != (def.tunnel() instanceof TunnelConfig.Vxlan)) {
            def = v.kind == DeviceKind.VXLAN
                    ? new Cni.Default(new TunnelConfig.Vxlan(1, 4789, null, null, true, false), 1450, "")
                    : new Cni.Default(new TunnelConfig.Ipip(null, null, null, null, null), 1480, "");
            said = v.kind == DeviceKind.VXLAN ? "no CNI uses this name: VNI 1, port 4789 (IANA), learning assumed"
                    : "any remote, any local assumed";
            add(Kind.AMBIGUITY, Topic.TUNNEL, v.name, "no ip -d link and " + said);
        } else {
            said = def.said();
        }
        if (v.mtu == null) {
            v.mtu = def.mtu();
        }
        if (def.tunnel() instanceof TunnelConfig.Vxlan x) {
            v.tunnel = new TunnelConfig.Vxlan(x.vni(), x.port(), underAddr, underDev, x.learning(), x.external());
            if (!said.isEmpty()) {
                add(Kind.INFERRED, Topic.TUNNEL, v.name, "no ip -d link: " + said
                        + (underAddr != null ? "; local " + underAddr + " dev " + underDev + ", the default route's device" : ""));
            }
        } else {
            v.tunnel = def.tunnel();
            if (!said.isEmpty()) {
                add(Kind.INFERRED, Topic.TUNNEL, v.name, "no ip -d link: " + said);
            }
        }
    }

    /** A tunnel's MTU must leave room for its header over the lower device's (VXLAN 50 bytes, IPIP 20). */
    private void checkMtus(String underDev) {
        for (Dev v : devs.values()) {
            if (!(v.tunnel != null) || v.evidence == NodeDevice.Evidence.NAMED_ONLY) {
                continue;
            }
            String lower = v.tunnel instanceof TunnelConfig.Vxlan x && x.dev() != null ? x.dev()
                    : v.tunnel instanceof TunnelConfig.Ipip p && p.dev() != null ? p.dev() : underDev;
            Dev l = lower == null ? null : devs.get(lower);
            if (l == null || l.mtu == null || l.evidence == NodeDevice.Evidence.NAMED_ONLY) {
                continue;
            }
            int overhead = v.kind == DeviceKind.VXLAN ? 50 : 20;
            if (v.mtu + overhead > l.mtu) {
                add(Kind.CONTRADICTION, Topic.MTU, v.name, "MTU " + v.mtu + " plus the " + overhead + "-byte "
                        + v.kind.yamlName() + " overhead exceeds " + lower + "'s MTU " + l.mtu
                        + ": full-size inner packets will not fit");
            }
        }
    }

    /** Every {@code src} of a route must be an address of the node, when {@code ip addr} lists them. */
    private void checkSources(List<RouteDump.Entry> entries, List<InterfaceAddress> addresses) {
        if (d.addresses() == null) {
            return;
        }
        for (RouteDump.Entry e : entries) {
            Route r = e.route();
            if (r.isV4() && r.prefsrc() != null && r.prefsrc().isV4()) {
                Ipv4Address src = new Ipv4Address(r.prefsrc().v4bits());
                if (addresses.stream().noneMatch(a -> a.address().equals(src))) {
                    add(Kind.CONTRADICTION, Topic.ADDRESS, Objects.toString(r.device(), d.node()),
                            "route line " + e.line() + " says src " + src + ", which ip addr does not list");
                }
            }
        }
    }

    private static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    private void add(Kind kind, Topic topic, String subject, String text) {
        String s = subject.equals(d.node()) ? subject : d.node() + "/" + subject;
        findings.add(new Finding(kind, topic, s, text));
    }
}
