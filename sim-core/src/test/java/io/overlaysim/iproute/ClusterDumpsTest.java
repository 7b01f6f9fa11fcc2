package io.overlaysim.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cluster dumps under {@code clusters/} (real ones from make-clusters.sh, and the Calico
 * IPIP one written after them): every link, neighbour and FDB file parses, round-trips, and
 * the text and JSON forms of a node agree.
 */
class ClusterDumpsTest {

    static Stream<Path> linkFiles() {
        return Stream.concat(Resources.files("clusters", "ip-link.*").stream(),
                Resources.files("clusters", "ip-addr.*").stream());
    }

    static Stream<Path> neighFiles() {
        return Resources.files("clusters", "ip-neigh.*").stream();
    }

    static Stream<Path> fdbFiles() {
        return Resources.files("clusters", "bridge-fdb.*").stream();
    }

    private static String name(Path p) {
        return p.getParent().getFileName() + "/" + p.getFileName();
    }

    @ParameterizedTest
    @MethodSource("linkFiles")
    void linksParseAndRoundTrip(Path file) {
        List<LinkInfo> links = LinkParser.parse(name(file), Resources.read(file));
        assertThat(links).isNotEmpty();
        assertThat(links.get(0).name()).isEqualTo("lo");
        assertThat(LinkParser.parse("printed", LinkPrinter.print(links))).isEqualTo(links);
    }

    @ParameterizedTest
    @MethodSource("neighFiles")
    void neighboursParseAndRoundTrip(Path file) {
        List<NeighbourEntry> n = NeighbourParser.parse(name(file), Resources.read(file));
        assertThat(n).isNotEmpty();
        assertThat(NeighbourParser.parse("printed", NeighbourPrinter.print(n))).isEqualTo(n);
    }

    @ParameterizedTest
    @MethodSource("fdbFiles")
    void fdbParsesAndRoundTrips(Path file) {
        List<FdbEntry> f = FdbParser.parse(name(file), Resources.read(file));
        assertThat(FdbParser.parse("printed", FdbPrinter.print(f))).isEqualTo(f);
    }

    /** Printing what was parsed gives back iproute2's own text, up to spacing. */
    @ParameterizedTest
    @MethodSource("textLinkDetailFiles")
    void printerReproducesIproute2Text(Path file) {
        String text = Resources.read(file);
        String expected = text.lines().filter(l -> !LineTokens.isCommentOrBlank(l))
                .map(ClusterDumpsTest::squash).collect(Collectors.joining("\n"));
        String printed = LinkPrinter.print(LinkParser.parse(name(file), text)).lines()
                .map(ClusterDumpsTest::squash).collect(Collectors.joining("\n"));
        assertThat(printed).isEqualTo(expected);
    }

    static Stream<Path> textLinkDetailFiles() {
        return Resources.files("clusters", "ip-link.txt").stream();
    }

    static Stream<Path> textLinkFilesWithJson() {
        return textLinkDetailFiles().filter(p -> p.resolveSibling("ip-link.json").toFile().exists());
    }

    private static String squash(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }

    @ParameterizedTest
    @MethodSource("textLinkFilesWithJson")
    void textAndJsonOfANodeAgree(Path txt) {
        Path json = txt.resolveSibling("ip-link.json");
        List<LinkInfo> a = LinkParser.parse(name(txt), Resources.read(txt));
        List<LinkInfo> b = LinkParser.parse(name(json), Resources.read(json));
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            LinkInfo x = a.get(i);
            LinkInfo y = b.get(i);
            assertThat(y.name()).isEqualTo(x.name());
            assertThat(y.link()).isEqualTo(x.link());
            assertThat(y.mtu()).isEqualTo(x.mtu());
            assertThat(y.master()).isEqualTo(x.master());
            assertThat(y.flags()).isEqualTo(x.flags());
            assertThat(y.linkLayer()).isEqualTo(x.linkLayer());
            assertThat(y.details().slave() == null).isEqualTo(x.details().slave() == null);
            if (x.kind() instanceof LinkKind.Vxlan || x.kind() instanceof LinkKind.Veth || x.kind() instanceof LinkKind.Ipip) {
                assertThat(y.kind()).isEqualTo(x.kind());
            } else if (x.kind() != null) {
                assertThat(y.kind().name()).isEqualTo(x.kind().name());
            }
        }
        List<NeighbourEntry> na = NeighbourParser.parse("t", Resources.read(txt.resolveSibling("ip-neigh.txt")));
        List<NeighbourEntry> nb = NeighbourParser.parse("j", Resources.read(txt.resolveSibling("ip-neigh.json")));
        assertThat(nb).containsExactlyElementsOf(na);
        List<FdbEntry> fa = FdbParser.parse("t", Resources.read(txt.resolveSibling("bridge-fdb.txt")));
        List<FdbEntry> fb = FdbParser.parse("j", Resources.read(txt.resolveSibling("bridge-fdb.json")));
        assertThat(fb).containsExactlyElementsOf(fa);
    }

    @Test
    void calicoVxlanNodeIsWhatFelixProgrammed() {
        String dir = "clusters/calico-vxlan/worker01/";
        LinkInfo vx = LinkParser.parse("l", Resources.read(dir + "ip-link.txt")).stream()
                .filter(l -> l.name().equals("vxlan.calico")).findFirst().orElseThrow();
        LinkKind.Vxlan v = (LinkKind.Vxlan) vx.kind();
        assertThat(v.vni()).isEqualTo(4096);
        assertThat(v.dstPort()).isEqualTo(4789);
        assertThat(v.local()).isEqualTo("192.168.0.176");
        assertThat(v.dev()).isEqualTo("enp1s0");
        assertThat(v.learns()).isFalse();
        assertThat(vx.mtu()).isEqualTo(1450);
        List<NeighbourEntry> perm = NeighbourParser.parse("n", Resources.read(dir + "ip-neigh.txt")).stream()
                .filter(n -> "vxlan.calico".equals(n.dev())).toList();
        assertThat(perm).extracting(NeighbourEntry::dst).containsExactlyInAnyOrder("172.16.103.64", "172.16.246.192");
        assertThat(perm).allMatch(NeighbourEntry::isPermanent);
        List<FdbEntry> fdb = FdbParser.parse("f", Resources.read(dir + "bridge-fdb.txt")).stream()
                .filter(f -> "vxlan.calico".equals(f.dev())).toList();
        assertThat(fdb).extracting(FdbEntry::dst).containsExactlyInAnyOrder("192.168.0.146", "192.168.0.241");
        assertThat(fdb).allMatch(f -> f.self() && f.isPermanent());
        // The FDB entry's MAC is the neighbour entry's lladdr: the VXLAN path of DESIGN.md.
        assertThat(fdb).extracting(f -> f.mac().toString())
                .containsExactlyInAnyOrderElementsOf(perm.stream().map(NeighbourEntry::lladdr).toList());
    }

    @Test
    void calicoIpipNodeHasTunl0AndPodsSeeItDown() {
        List<LinkInfo> node = LinkParser.parse("l", Resources.read("clusters/calico-ipip/worker02/ip-link.txt"));
        LinkInfo tunl0 = node.stream().filter(l -> l.name().equals("tunl0")).findFirst().orElseThrow();
        assertThat(tunl0.link()).isEqualTo(new LinkRef.None());
        assertThat(tunl0.mtu()).isEqualTo(1480);
        assertThat(tunl0.isUp()).isTrue();
        assertThat(tunl0.kind()).isEqualTo(new LinkKind.Ipip("any", "any", "any", null, "inherit", null, false, List.of()));
        List<LinkInfo> pod = LinkParser.parse("a", Resources.read("clusters/calico-ipip/worker02/pods/pod-65/ip-addr.txt"));
        assertThat(pod).extracting(LinkInfo::name).containsExactly("lo", "tunl0", "eth0");
        assertThat(pod.get(1).isUp()).isFalse();
        assertThat(pod.get(2).link()).isEqualTo(new LinkRef.Index(4));
        assertThat(node.get(3).name()).startsWith("cali");
        assertThat(node.get(3).link()).isEqualTo(new LinkRef.Index(3));
    }

    @Test
    void flannelNodeHasBridgeAndPorts() {
        String dir = "clusters/flannel-vxlan/worker01/";
        List<LinkInfo> links = LinkParser.parse("l", Resources.read(dir + "ip-link.txt"));
        LinkInfo cni0 = links.stream().filter(l -> l.name().equals("cni0")).findFirst().orElseThrow();
        assertThat(cni0.kind()).isInstanceOf(LinkKind.Bridge.class);
        assertThat(((LinkKind.Bridge) cni0.kind()).stp()).isFalse();
        List<LinkInfo> ports = links.stream().filter(l -> "cni0".equals(l.master())).toList();
        assertThat(ports).hasSize(2).allMatch(l -> l.name().startsWith("veth") && l.details().slave().kind().equals("bridge"));
        LinkKind.Vxlan f = (LinkKind.Vxlan) links.stream().filter(l -> l.name().equals("flannel.1")).findFirst().orElseThrow().kind();
        assertThat(f.vni()).isEqualTo(1);
        assertThat(f.dstPort()).isEqualTo(8472);
        assertThat(f.learns()).isFalse();
    }
}
