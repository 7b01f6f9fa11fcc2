package io.overlaysim.iproute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class LinkParserTest {

    static Stream<Path> corpusLinkFiles() {
        return Stream.of("addr-*.txt", "link-detail-*.txt", "json-02.json")
                .flatMap(g -> Resources.files("corpus/ip-route", g).stream());
    }

    @ParameterizedTest
    @MethodSource("corpusLinkFiles")
    void everyCorpusLinkFileParsesAndRoundTrips(Path file) {
        String name = file.getFileName().toString();
        List<LinkInfo> links = LinkParser.parse(name, Resources.read(file));
        if (!name.equals("addr-oneline-01.txt")) {
            assertThat(links).isNotEmpty();
        }
        String printed = LinkPrinter.print(links);
        assertThat(LinkParser.parse(name + "#printed", printed)).isEqualTo(links);
    }

    @Test
    void busyboxPodAddrKeepsTunnelAndVethSuffixes() {
        List<LinkInfo> links = LinkParser.parse("addr-pod-01.txt", Resources.read("corpus/ip-route/addr-pod-01.txt"));
        assertThat(links).extracting(LinkInfo::name).containsExactly("lo", "tunl0", "eth0");
        LinkInfo tunl = links.get(1);
        assertThat(tunl.link()).isEqualTo(new LinkRef.None());
        assertThat(tunl.flags()).containsExactly("NOARP");
        assertThat(tunl.mtu()).isEqualTo(1480);
        assertThat(tunl.state()).isNull();
        assertThat(tunl.linkLayer()).isEqualTo(new LinkLayer("ipip", "0.0.0.0", "0.0.0.0", false));
        LinkInfo eth0 = links.get(2);
        assertThat(eth0.link()).isEqualTo(new LinkRef.Index(32));
        assertThat(eth0.flags()).contains("M-DOWN", "LOWER_UP");
        assertThat(eth0.qlen()).isEqualTo(1000);
        assertThat(eth0.address()).isEqualTo("ca:7b:89:d7:3a:5a");
    }

    @Test
    void kubeIpvsDummyIsDownWithNoop() {
        LinkInfo l = LinkParser.parse("a", Resources.read("corpus/ip-route/addr-kube-ipvs0-01.txt")).get(0);
        assertThat(l.ifindex()).isEqualTo(3);
        assertThat(l.name()).isEqualTo("kube-ipvs0");
        assertThat(l.qdisc()).isEqualTo("noop");
        assertThat(l.state()).isEqualTo("DOWN");
        assertThat(l.group()).isEqualTo("default");
        assertThat(l.isUp()).isFalse();
    }

    @Test
    void oneLineAddrOutputHoldsNoLinks() {
        assertThat(LinkParser.parse("o", Resources.read("corpus/ip-route/addr-oneline-01.txt"))).isEmpty();
    }

    @Test
    void flannelVxlanDetails() {
        LinkInfo l = LinkParser.parse("d", Resources.read("corpus/ip-route/link-detail-01.txt")).get(0);
        assertThat(l.name()).isEqualTo("flannel.1");
        assertThat(l.mtu()).isEqualTo(1370);
        assertThat(l.mode()).isEqualTo("DEFAULT");
        assertThat(l.details().promiscuity()).isZero();
        assertThat(l.details().allmulti()).isNull();
        assertThat(l.details().maxMtu()).isEqualTo(65535);
        LinkKind.Vxlan v = (LinkKind.Vxlan) l.kind();
        assertThat(v.vni()).isEqualTo(1);
        assertThat(v.local()).isEqualTo("10.0.0.1");
        assertThat(v.dev()).isEqualTo("abc");
        assertThat(v.srcPortMin()).isZero();
        assertThat(v.srcPortMax()).isZero();
        assertThat(v.dstPort()).isEqualTo(8472);
        assertThat(v.learns()).isFalse();
        assertThat(v.ttl()).isEqualTo("auto");
        assertThat(v.ageing()).isEqualTo("300");
        assertThat(v.udpCsum()).isTrue();
        assertThat(v.udp6ZeroCsumTx()).isFalse();
        assertThat(v.udp6ZeroCsumRx()).isFalse();
        assertThat(v.extra()).isEmpty();
        assertThat(l.details().genericAttribute("gso_max_segs")).isEqualTo("65535");
    }

    @Test
    void jsonAddrKeepsAltnamesAndSkipsAddresses() {
        List<LinkInfo> links = LinkParser.parse("json-02.json", Resources.read("corpus/ip-route/json-02.json"));
        assertThat(links).extracting(LinkInfo::name).containsExactly("lo", "ens3");
        LinkInfo ens3 = links.get(1);
        assertThat(ens3.altNames()).containsExactly("enp0s3");
        assertThat(ens3.qdisc()).isEqualTo("fq");
        assertThat(ens3.state()).isEqualTo("UP");
        assertThat(ens3.qlen()).isEqualTo(1000);
        assertThat(ens3.linkLayer()).isEqualTo(new LinkLayer("ether", "52:54:00:07:9e:d3", "ff:ff:ff:ff:ff:ff", false));
        assertThat(ens3.details()).isNull();
    }

    @Test
    void detailedJsonMatchesText() {
        String text = """
                4: v0@v1: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 qdisc noqueue master br0 state LOWERLAYERDOWN mode DEFAULT group default qlen 1000
                    link/ether fe:b3:d0:35:98:77 brd ff:ff:ff:ff:ff:ff promiscuity 1  allmulti 1 minmtu 68 maxmtu 65535\s
                    veth\s
                    bridge_slave state disabled priority 32 cost 2 hairpin off addrgenmode eui64 numtxqueues 2
                5: vx0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
                    link/ether 36:5f:1d:11:43:f3 brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535\s
                    vxlan id 4096 local 192.168.0.5 dev br0 srcport 0 0 dstport 4789 nolearning ttl auto ageing 300 udpcsum noudp6zerocsumtx noudp6zerocsumrx addrgenmode eui64 numtxqueues 1
                """;
        String json = """
                [{"ifindex":4,"link":"v1","ifname":"v0","flags":["NO-CARRIER","BROADCAST","MULTICAST","UP","M-DOWN"],"mtu":1500,"qdisc":"noqueue","master":"br0","operstate":"LOWERLAYERDOWN","linkmode":"DEFAULT","group":"default","txqlen":1000,"link_type":"ether","address":"fe:b3:d0:35:98:77","broadcast":"ff:ff:ff:ff:ff:ff","promiscuity":1,"allmulti":1,"min_mtu":68,"max_mtu":65535,
                  "linkinfo":{"info_kind":"veth","info_slave_kind":"bridge","info_slave_data":{"state":"disabled","priority":32,"cost":2,"hairpin":false}},"inet6_addr_gen_mode":"eui64","num_tx_queues":2},
                 {"ifindex":5,"ifname":"vx0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1450,"qdisc":"noqueue","operstate":"UNKNOWN","linkmode":"DEFAULT","group":"default","txqlen":1000,"link_type":"ether","address":"36:5f:1d:11:43:f3","broadcast":"ff:ff:ff:ff:ff:ff","promiscuity":0,"allmulti":0,"min_mtu":68,"max_mtu":65535,
                  "linkinfo":{"info_kind":"vxlan","info_data":{"id":4096,"local":"192.168.0.5","link":"br0","port_range":{"low":0,"high":0},"port":4789,"learning":false,"ttl":0,"ageing":300,"udp_csum":true,"udp_zero_csum6_tx":false,"udp_zero_csum6_rx":false}},"inet6_addr_gen_mode":"eui64","num_tx_queues":1}]
                """;
        List<LinkInfo> fromText = LinkParser.parse("t", text);
        List<LinkInfo> fromJson = LinkParser.parse("j", json);
        assertThat(fromJson).isEqualTo(fromText);
        assertThat(fromText.get(0).details().slave().attribute("state")).isEqualTo("disabled");
        assertThat(fromText.get(0).master()).isEqualTo("br0");
        assertThat(fromText.get(0).kind()).isEqualTo(new LinkKind.Veth(List.of()));
    }

    @Test
    void ipipTunnelDetailsRoundTrip() {
        String text = """
                2: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1480 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
                    link/ipip 0.0.0.0 brd 0.0.0.0 promiscuity 0 minmtu 0 maxmtu 0\s
                    ipip any remote any local any ttl inherit nopmtudisc addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535
                """;
        LinkInfo l = LinkParser.parse("t", text).get(0);
        assertThat(l.kind()).isEqualTo(new LinkKind.Ipip("any", "any", "any", null, "inherit", null, false, List.of()));
        assertThat(LinkParser.parse("p", LinkPrinter.print(l))).containsExactly(l);
    }

    @Test
    void garbageGetsFileLineColumn() {
        assertThatThrownBy(() -> LinkParser.parse("ip-link.txt", "# header\n2: eth0: <UP> mtu 1500 qdsic noqueue\n"))
                .isInstanceOf(DumpParseException.class)
                .hasMessage("ip-link.txt:2:24: expected a link attribute (mtu, qdisc, master, state, mode, group, qlen), found \"qdsic\"");
        assertThatThrownBy(() -> LinkParser.parse("ip-link.txt", "hello world\n"))
                .hasMessage("ip-link.txt:1:1: expected a link header (N: name: <FLAGS> mtu ...), found \"hello\"");
        assertThatThrownBy(() -> LinkParser.parse("ip-link.txt", "2: eth0: <UP> mtu big\n"))
                .hasMessage("ip-link.txt:1:19: expected an MTU, found \"big\"");
        assertThatThrownBy(() -> LinkParser.parse("l.txt", "    link/ether 00:11:22:33:44:55\n"))
                .hasMessage("l.txt:1:5: expected a link header (N: name: <FLAGS> mtu ...), found \"link/ether\"");
        assertThatThrownBy(() -> LinkParser.parse("l.txt", "3: vx: <UP> mtu 1450\n    link/ether 00:11:22:33:44:55 promiscuity 0\n    vxlan id x\n"))
                .hasMessage("l.txt:3:14: expected a VNI, found \"x\"");
        assertThatThrownBy(() -> LinkParser.parse("l.json", "[{\"ifindex\":1,\"ifname\":\"lo\",\"mtu\":\"big\"}]"))
                .hasMessage("l.json:1:2: expected an integer for \"mtu\", found \"big\"");
        assertThatThrownBy(() -> LinkParser.parse("l.json", "[{\"ifindex\":1,"))
                .isInstanceOf(DumpParseException.class)
                .hasMessageStartingWith("l.json:2:1: expected valid JSON");
    }

    @Test
    void lenientSkipsBadDevicesAndLinesWithOneWarningEach() {
        String text = """
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN
                    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                2: eth0 <BROADCAST> mtu 1500
                    link/ether 52:54:00:07:9e:d3 brd ff:ff:ff:ff:ff:ff
                3: eth1: <BROADCAST,UP> mtu 1500 qdisc fq state UP
                    link/ether 52:54:00:07:9e:d4 brd ff:ff:ff:ff:ff:ff bogus 1
                """;
        ParsedDump<LinkInfo> r = LinkParser.parse("x.txt", text, true);
        assertThat(r.entries()).extracting(LinkInfo::name).containsExactly("lo", "eth1");
        assertThat(r.skipped()).isEqualTo(2);
        assertThat(r.warnings()).extracting(DumpParseException::line).containsExactly(3, 6);
    }

    @Test
    void oneLineLinkOutputSplitsAtBackslashes() {
        String text = "3: v0@v1: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\\    link/ether 16:be:10:ae:30:02 brd ff:ff:ff:ff:ff:ff\\    altname longname0\n";
        LinkInfo l = LinkParser.parse("o", text).get(0);
        assertThat(l.link()).isEqualTo(new LinkRef.Name("v1"));
        assertThat(l.altNames()).containsExactly("longname0");
        assertThat(l.address()).isEqualTo("16:be:10:ae:30:02");
    }
}
