package io.overlaysim.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.Set;

/**
 * The checks a schema cannot express on the "what to build" half of a scenario: clashing
 * names, devices and nodes that links, addresses, routes, bridges, veths and tunnels refer to
 * but nobody defines, kind-specific keys on the wrong kind, import folders that hold no dump.
 * Fills the {@link Inventory} that {@link ActionCheck} then checks references against.
 */
final class TopologyCheck {
    /** Device keys that apply to some kinds only. */
    private static final Map<String, Set<DeviceKind>> KIND_KEYS = Map.ofEntries(
            Map.entry("peer", Set.of(DeviceKind.VETH)),
            Map.entry("id", Set.of(DeviceKind.VXLAN)),
            Map.entry("port", Set.of(DeviceKind.VXLAN)),
            Map.entry("learning", Set.of(DeviceKind.VXLAN)),
            Map.entry("df", Set.of(DeviceKind.VXLAN)),
            Map.entry("srcport", Set.of(DeviceKind.VXLAN)),
            Map.entry("local", Set.of(DeviceKind.VXLAN, DeviceKind.IPIP)),
            Map.entry("dev", Set.of(DeviceKind.VXLAN, DeviceKind.IPIP)),
            Map.entry("ttl", Set.of(DeviceKind.VXLAN, DeviceKind.IPIP)),
            Map.entry("tos", Set.of(DeviceKind.VXLAN, DeviceKind.IPIP)),
            Map.entry("remote", Set.of(DeviceKind.IPIP)),
            Map.entry("pmtudisc", Set.of(DeviceKind.IPIP)));
    private static final List<String> NOT_WITH_IMPORT = List.of("devices", "addresses", "routes", "rules", "neighbours", "fdb");
    private static final List<String> DUMP_FILES = List.of("ip-route.txt", "ip-route-table-all.txt", "ip-route.json");

    private final Cursor root;
    private final Scenario scenario;
    private final Path baseDir;
    private final Inventory inv;
    private final List<ScenarioError> errors;

    TopologyCheck(Cursor root, Scenario scenario, Path baseDir, Inventory inv, List<ScenarioError> errors) {
        this.root = root;
        this.scenario = scenario;
        this.baseDir = baseDir;
        this.inv = inv;
        this.errors = errors;
    }

    void run() {
        for (PresetSpec p : scenario.presets()) {
            PresetNames.Made made = PresetNames.of(p);
            Cursor at = root.get("presets").get(made.preset());
            for (Map.Entry<String, SequencedSet<String>> e : made.nodeDevices().entrySet()) {
                if (inv.nodes.containsKey(e.getKey())) {
                    at.errorAtKey("the " + made.preset() + " preset makes node \"" + e.getKey()
                            + "\", which the " + inv.node(e.getKey()).origin() + " preset makes too");
                } else {
                    inv.nodes.put(e.getKey(), new Inventory.Node(e.getKey(), e.getValue(), "the " + made.preset() + " preset",
                            made.pods().contains(e.getKey())));
                }
            }
            made.links().forEach(l -> inv.links.putIfAbsent(l, "the " + made.preset() + " preset"));
            made.attachments().forEach((dev, link) ->
                    inv.attached.putIfAbsent(dev, "\"" + link + "\" of the " + made.preset() + " preset"));
            if (p instanceof PresetSpec.Calico c && c.bgp() != PresetSpec.BgpTopology.NONE) {
                c.nodes().forEach(n -> inv.speakers.add(n.name()));
            }
        }
        Cursor nodes = root.get("nodes");
        for (NodeSpec n : scenario.nodes().values()) {
            Cursor at = nodes.get(n.name());
            Inventory.Node clash = inv.node(n.name());
            if (clash != null) {
                at.errorAtKey("duplicate node name \"" + n.name() + "\": " + clash.origin() + " makes it too");
                continue;
            }
            SequencedSet<String> devices = n.isImported() ? null : new LinkedHashSet<>(n.devices().keySet());
            if (devices != null) {
                devices.add("lo");
            }
            inv.nodes.put(n.name(), new Inventory.Node(n.name(), devices, n.isImported() ? "imported" : "declared",
                    n.name().contains("/")));
        }
        for (NodeSpec n : scenario.nodes().values()) {
            node(n, nodes.get(n.name()));
        }
        links();
        bgp();
    }

    private void node(NodeSpec n, Cursor at) {
        if (n.isImported()) {
            for (String key : NOT_WITH_IMPORT) {
                if (at.has(key)) {
                    at.get(key).errorAtKey("\"" + key + "\" cannot be given beside \"import\" (only sysctls can)");
                }
            }
            Path dir = n.importDir().orElseThrow();
            if (!Files.isDirectory(dir)) {
                at.get("import").error("no such folder: " + baseDir.relativize(dir) + " (relative to the scenario's folder)");
            } else if (DUMP_FILES.stream().noneMatch(f -> Files.isRegularFile(dir.resolve(f)))) {
                at.get("import").error("the folder " + at.text("import", "") + " holds none of " + String.join(", ", DUMP_FILES));
            }
            return;
        }
        for (DeviceSpec d : n.devices().values()) {
            device(n, d, at.get("devices").get(d.name()));
        }
        for (Cursor a : at.get("addresses").items()) {
            String[] words = a.text().strip().split("\\s+");
            if (a.node().isObject()) {
                localDevice(n, a.text("dev", ""), a.get("dev"), "address");
            } else if (words.length == 3) {
                localDevice(n, words[2], a, "address");
            }
        }
        for (String key : List.of("routes", "rules", "neighbours", "fdb")) {
            List<IpLine> lines = switch (key) {
                case "routes" -> n.routes();
                case "rules" -> n.rules();
                case "neighbours" -> n.neighbours();
                default -> n.fdb();
            };
            for (IpLine line : lines) {
                IpLineCheck.check(key, line, inv.node(n.name()).devices(), errors);
            }
        }
        for (String key : List.of("rp_filter", "proxy_arp")) {
            Cursor c = at.get("sysctls").get(key);
            if (c.node().isObject()) {
                for (Map.Entry<String, Cursor> e : c.members()) {
                    if (!e.getKey().equals("all") && !e.getKey().equals("default")) {
                        localDevice(n, e.getKey(), e.getValue(), key);
                    }
                }
            }
        }
    }

    private void device(NodeSpec n, DeviceSpec d, Cursor at) {
        for (Map.Entry<String, Cursor> e : at.members()) {
            Set<DeviceKind> kinds = KIND_KEYS.get(e.getKey());
            if (kinds != null && !kinds.contains(d.kind())) {
                e.getValue().errorAtKey("key \"" + e.getKey() + "\" applies to kind "
                        + String.join(" or ", kinds.stream().map(DeviceKind::yamlName).sorted().toList())
                        + ", not " + d.kind().yamlName());
            }
        }
        switch (d.kind()) {
            case VETH -> {
                if (d.peer().isEmpty()) {
                    at.errorAtKey("veth \"" + d.name() + "\" needs its \"peer\" (DEVICE or NODE/DEVICE)");
                } else {
                    DeviceRef peer = d.peer().get();
                    if (References.device(inv, peer, at.get("peer"))) {
                        Inventory.Node pn = inv.node(peer.node());
                        NodeSpec declared = scenario.nodes().get(peer.node());
                        if (declared != null && pn.knowsDevices() && declared.devices().containsKey(peer.device())
                                && declared.devices().get(peer.device()).kind() != DeviceKind.VETH) {
                            at.get("peer").error("the peer " + peer + " is a "
                                    + declared.devices().get(peer.device()).kind().yamlName() + ", not a veth");
                        }
                    }
                }
            }
            case VXLAN -> {
                if (!at.has("id")) {
                    at.errorAtKey("vxlan \"" + d.name() + "\" needs its VNI, \"id\"");
                }
            }
            default -> { }
        }
        d.tunnel().flatMap(TunnelSpec::dev).ifPresent(dev -> localDevice(n, dev, at.get("dev"), "lower device"));
        d.master().ifPresent(m -> {
            if (localDevice(n, m, at.get("master"), "bridge") && n.devices().containsKey(m)
                    && n.devices().get(m).kind() != DeviceKind.BRIDGE) {
                at.get("master").error("\"" + m + "\" is a " + n.devices().get(m).kind().yamlName() + ", not a bridge");
            }
        });
    }

    /** Whether device {@code dev} exists on {@code n}, reporting at {@code at} when not. */
    private boolean localDevice(NodeSpec n, String dev, Cursor at, String what) {
        if (dev.equals("lo") || n.devices().containsKey(dev)) {
            return true;
        }
        at.error("node \"" + n.name() + "\" has no device \"" + dev + "\" (" + what + "); its devices: "
                + Inventory.some(inv.node(n.name()).devices(), 12));
        return false;
    }

    private void links() {
        List<Cursor> links = root.get("links").items();
        for (int i = 0; i < scenario.links().size(); i++) {
            LinkSpec l = scenario.links().get(i);
            Cursor at = links.get(i);
            String label = "links[" + i + "]";
            l.name().ifPresent(name -> defineLink(name, label, at.get("name")));
            attach(l.a(), label, at.get("endpoints").at(0));
            attach(l.b(), label, at.get("endpoints").at(1));
        }
        for (SegmentSpec s : scenario.segments().values()) {
            Cursor at = root.get("segments").get(s.name());
            String label = "segment \"" + s.name() + "\"";
            defineLink(s.name(), label, at);
            List<Cursor> ends = at.get("endpoints").items();
            for (int i = 0; i < s.endpoints().size(); i++) {
                attach(s.endpoints().get(i), label, ends.get(i));
            }
        }
    }

    private void defineLink(String name, String label, Cursor at) {
        String previous = inv.links.putIfAbsent(name, label);
        if (previous != null) {
            at.errorAtKey("duplicate link name \"" + name + "\": " + previous + " has it too");
        }
    }

    private void attach(DeviceRef ref, String label, Cursor at) {
        if (!References.device(inv, ref, at)) {
            return;
        }
        String previous = inv.attached.putIfAbsent(ref.toString(), label);
        if (previous != null) {
            at.error(ref + " is already attached to " + previous);
        }
    }

    private void bgp() {
        Cursor speakers = root.get("bgp").get("speakers");
        for (BgpSpec.Speaker s : scenario.bgp().speakers().values()) {
            Cursor at = speakers.get(s.node());
            if (References.node(inv, s.node(), at, true)) {
                if (!inv.speakers.add(s.node())) {
                    at.errorAtKey("node \"" + s.node() + "\" already runs a BGP speaker (made by a preset)");
                }
                Inventory.Node n = inv.node(s.node());
                if (s.tunnel() != BgpSpec.Tunnel.NONE && n.knowsDevices() && !n.devices().contains("tunl0")) {
                    // Calico's BIRD names the device: krt_tunnel = "tunl0"
                    at.get("tunnel").error("node \"" + s.node() + "\" has no tunl0 device for the " + s.tunnel().yamlName()
                            + " routes of its speaker; its devices: " + Inventory.some(n.devices(), 12));
                }
            }
        }
    }
}
