package io.overlaysim.scenario;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedMap;
import java.util.SequencedSet;

/**
 * The names a preset makes (nodes, pods, their devices, links and segments): the contract
 * between a scenario's references and the executor that expands the preset. Naming only; no
 * addresses, routes or simulation.
 */
public final class PresetNames {
    /** The router that joins a cluster's subnets and is its nodes' default gateway. */
    public static final String GATEWAY = "gateway";

    private PresetNames() {
    }

    /** The names and devices one preset makes. */
    public record Made(String preset, SequencedMap<String, SequencedSet<String>> nodeDevices,
            SequencedSet<String> pods, SequencedSet<String> links, SequencedMap<String, String> attachments) {
    }

    /** {@code worker01, worker02, ...}: the prefix and a two-digit (or longer) 1-based number. */
    public static List<String> clusterNodeNames(String prefix, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(String.format("%s%02d", prefix, i));
        }
        return out;
    }

    /** {@code worker01/pod-0}: the pod's name, a node of its own whose device is {@code eth0}. */
    public static String podName(String node, int index) {
        return node + "/pod-" + index;
    }

    /** Calico's host-side veth of a pod: {@code cali} and 11 hex digits of the SHA-1 of the pod's name. */
    public static String calicoVeth(String pod) {
        return "cali" + sha1Hex(pod).substring(0, 11);
    }

    /** Flannel's (the bridge plugin's) host-side veth of a pod: {@code veth} and 8 hex digits. */
    public static String flannelVeth(String pod) {
        return "veth" + sha1Hex(pod).substring(0, 8);
    }

    /** Cilium's host-side veth of a pod: {@code lxc} and 12 hex digits of the SHA-1 of the pod's name (15 characters, IFNAMSIZ). */
    public static String ciliumVeth(String pod) {
        return "lxc" + sha1Hex(pod).substring(0, 12);
    }

    /** The segment(s) of a cluster: {@code lan} for one subnet, else {@code lan0}, {@code lan1}, ... */
    public static List<String> lanNames(int subnets) {
        if (subnets == 1) {
            return List.of("lan");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < subnets; i++) {
            out.add("lan" + i);
        }
        return out;
    }

    /** What {@code preset} makes. */
    public static Made of(PresetSpec preset) {
        SequencedMap<String, SequencedSet<String>> nodes = new LinkedHashMap<>();
        SequencedSet<String> pods = new LinkedHashSet<>();
        SequencedSet<String> links = new LinkedHashSet<>();
        SequencedMap<String, String> attached = new LinkedHashMap<>();
        return switch (preset) {
            case PresetSpec.Calico c -> {
                for (PresetSpec.ClusterNode n : c.nodes()) {
                    SequencedSet<String> devs = devices("lo", c.nic());
                    switch (c.mode()) {
                        case IPIP, CROSS_SUBNET -> devs.add("tunl0");
                        case VXLAN -> devs.add("vxlan.calico");
                        case NONE -> { }
                    }
                    nodes.put(n.name(), devs);
                    for (int i = 0; i < n.pods(); i++) {
                        String pod = podName(n.name(), i);
                        devs.add(calicoVeth(pod));
                        pods.add(pod);
                    }
                }
                List<String> lans = lanNames(c.subnets().size());
                for (int i = 0; i < c.nodes().size(); i++) {
                    PresetSpec.ClusterNode n = c.nodes().get(i);
                    attached.put(n.name() + "/" + c.nic(), lans.get(n.subnet().orElse(i % lans.size()) % lans.size()));
                }
                gateway(nodes, lans, attached);
                links.addAll(lans);
                addPods(nodes, pods);
                yield new Made("calico", nodes, pods, links, attached);
            }
            case PresetSpec.Flannel f -> {
                for (PresetSpec.ClusterNode n : f.nodes()) {
                    SequencedSet<String> devs = devices("lo", f.nic(), "cni0");
                    if (f.backend() == PresetSpec.FlannelBackend.VXLAN) {
                        devs.add("flannel.1");
                    }
                    nodes.put(n.name(), devs);
                    for (int i = 0; i < n.pods(); i++) {
                        String pod = podName(n.name(), i);
                        devs.add(flannelVeth(pod));
                        pods.add(pod);
                    }
                }
                f.nodes().forEach(n -> attached.put(n.name() + "/" + f.nic(), "lan"));
                gateway(nodes, List.of("lan"), attached);
                links.add("lan");
                addPods(nodes, pods);
                yield new Made("flannel", nodes, pods, links, attached);
            }
            case PresetSpec.Cilium c -> {
                for (PresetSpec.ClusterNode n : c.nodes()) {
                    SequencedSet<String> devs = devices("lo", c.nic(), "cilium_host", "cilium_net", "cilium_vxlan");
                    nodes.put(n.name(), devs);
                    for (int i = 0; i < n.pods(); i++) {
                        String pod = podName(n.name(), i);
                        devs.add(ciliumVeth(pod));
                        pods.add(pod);
                    }
                }
                c.nodes().forEach(n -> attached.put(n.name() + "/" + c.nic(), "lan"));
                gateway(nodes, List.of("lan"), attached);
                links.add("lan");
                addPods(nodes, pods);
                yield new Made("cilium", nodes, pods, links, attached);
            }
            case PresetSpec.Chain c -> {
                nodes.put("a", devices("lo", "eth0"));
                for (int i = 1; i <= c.routers(); i++) {
                    nodes.put("r" + i, devices("lo", "eth0", "eth1"));
                }
                nodes.put("b", devices("lo", "eth0"));
                for (int i = 0; i <= c.routers(); i++) {
                    links.add("l" + i);
                    attached.put((i == 0 ? "a" : "r" + i) + (i == 0 ? "/eth0" : "/eth1"), "l" + i);
                    attached.put((i == c.routers() ? "b" : "r" + (i + 1)) + "/eth0", "l" + i);
                }
                yield new Made("chain", nodes, pods, links, attached);
            }
            case PresetSpec.Star s -> {
                SequencedSet<String> hub = devices("lo");
                nodes.put("hub", hub);
                for (int i = 1; i <= s.leaves(); i++) {
                    hub.add("eth" + i);
                    nodes.put("leaf" + i, devices("lo", "eth0"));
                    links.add("l" + i);
                    attached.put("hub/eth" + i, "l" + i);
                    attached.put("leaf" + i + "/eth0", "l" + i);
                }
                yield new Made("star", nodes, pods, links, attached);
            }
        };
    }

    private static void gateway(SequencedMap<String, SequencedSet<String>> nodes, List<String> lans,
            SequencedMap<String, String> attached) {
        SequencedSet<String> devs = devices("lo");
        for (int i = 0; i < lans.size(); i++) {
            devs.add("eth" + i);
            attached.put(GATEWAY + "/eth" + i, lans.get(i));
        }
        nodes.put(GATEWAY, devs);
    }

    private static void addPods(SequencedMap<String, SequencedSet<String>> nodes, SequencedSet<String> pods) {
        for (String pod : pods) {
            nodes.put(pod, devices("lo", "eth0"));
        }
    }

    private static SequencedSet<String> devices(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }

    private static String sha1Hex(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }
}
