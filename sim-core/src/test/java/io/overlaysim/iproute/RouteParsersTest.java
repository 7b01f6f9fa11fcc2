package io.overlaysim.iproute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.overlaysim.routing.InterfaceAddress;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteFlag;
import io.overlaysim.routing.RouteProtocol;
import io.overlaysim.routing.RouteType;
import io.overlaysim.routing.RuleAction;
import io.overlaysim.routing.RuleSet;
import io.overlaysim.routing.TableNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The {@code ip route}, {@code ip -j route}, {@code ip addr}, {@code ip rule} and monitor parsers on the corpus. */
class RouteParsersTest {
    static final List<String> NOT_ROUTES = List.of("addr-", "link-detail", "rule-");

    static Path corpus() throws Exception {
        return Path.of(RouteParsersTest.class.getResource("/corpus/ip-route").toURI());
    }

    static String read(String name) throws Exception {
        return Files.readString(corpus().resolve(name));
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusRouteDumpParsesAndRoundTrips() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus())) {
            files = s.filter(p -> p.toString().endsWith(".txt"))
                    .filter(p -> NOT_ROUTES.stream().noneMatch(n -> p.getFileName().toString().startsWith(n)))
                    .sorted().toList();
        }
        assertThat(files).hasSize(23);
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            TableNames names = new TableNames();
            RouteDump d = new RouteTextParser(names, false).parse(p.getFileName().toString(), Files.readString(p));
            assertThat(d.entries()).isNotEmpty();
            RoutePrinter printer = new RoutePrinter(names);
            String printed = printer.text(d.routes());
            RouteDump again = new RouteTextParser(names, false).parse("printed", printed);
            assertThat(again.routes()).isEqualTo(d.routes());
            String json = printer.json(d.routes());
            assertThat(new RouteJsonParser(names, false).parse("printed.json", json).routes()).isEqualTo(d.routes());
        }));
    }

    @Test
    void realDumpSyntaxIsUnderstood() throws Exception {
        TableNames names = new TableNames();
        List<Route> vx = new RouteTextParser(names, false).parse("v", read("calico-vxlan-01.txt")).routes();
        assertThat(vx.get(1).type()).isEqualTo(RouteType.BLACKHOLE);
        assertThat(vx.get(1).protocol()).isEqualTo(new RouteProtocol(80));
        assertThat(vx.get(4).hopFlags(vx.get(4).firstHop())).contains(RouteFlag.ONLINK);

        List<Route> mp = new RouteTextParser(names, false).parse("m", read("multipath-01.txt")).routes();
        assertThat(mp.get(1).nexthops()).hasSize(4).allSatisfy(h -> assertThat(h.flags()).containsExactly(RouteFlag.ONLINK));
        assertThat(mp.get(1).metric()).isEqualTo(20L);

        List<Route> named = new RouteTextParser(names, false).parse("n", read("table-all-named-01.txt")).routes();
        assertThat(names.name(named.get(0).table())).isEqualTo("mgmt1");
        assertThat(named.get(2).table()).isNotEqualTo(named.get(0).table());
        assertThat(named.get(14).flags()).containsExactly(RouteFlag.LINKDOWN);

        List<Route> cil = new RouteTextParser(names, false).parse("c", read("cilium-vxlan-01.txt")).routes();
        assertThat(cil.get(0).table()).isEqualTo(2004);
        assertThat(cil.get(2).metrics().mtu()).isEqualTo(1370);

        List<Route> v6 = new RouteTextParser(names, false).parse("6", read("ipv6-multipath-01.txt")).routes();
        assertThat(v6.get(0).isV4()).isFalse();
        assertThat(v6.get(0).nexthops()).hasSize(8);
        assertThat(v6.get(0).pref()).isEqualTo("medium");
        assertThat(v6.get(0).expires()).isEqualTo(1799);
        List<Route> ot = new RouteTextParser(names, false).parse("o", read("router-openthread-ipv6-01.txt")).routes();
        assertThat(ot.get(0).destination().toString()).isEqualTo("::/0");
        assertThat(ot.get(0).source().toString()).isEqualTo("240e:3b0:3255:1bad::/64");
    }

    @Test
    void garbageGetsFileLineColumn() {
        RouteTextParser p = new RouteTextParser(new TableNames(), false);
        assertThatThrownBy(() -> p.parse("r.txt", "# x\n10.0.0.0/24 dev eth0\n10.1.0.0/24 via 10.0.0.300 dev eth0\n"))
                .isInstanceOf(DumpParseException.class)
                .hasMessage("r.txt:3:17: expected a gateway address, found \"10.0.0.300\"");
        assertThatThrownBy(() -> p.parse("r.txt", "10.0.0.0/24 dev eth0 bogus 1\n"))
                .hasMessageStartingWith("r.txt:1:22: expected a route attribute");
        assertThatThrownBy(() -> p.parse("r.txt", "10.0.0.1/24 dev eth0\n"))
                .hasMessageStartingWith("r.txt:1:1: expected a destination prefix");
    }

    @Test
    void lenientModeSkipsBadLinesWithAWarningEach() {
        RouteDump d = new RouteTextParser(new TableNames(), true)
                .parse("r.txt", "default via 10.0.0.1 dev eth0\nnonsense here\n10.0.0.0/24 dev eth0 proto 999\n10.0.0.0/24 dev eth0\n");
        assertThat(d.routes()).hasSize(2);
        assertThat(d.skipped()).isEqualTo(2);
        assertThat(d.warnings().get(0)).startsWith("r.txt:2:1:");
        assertThat(d.warnings().get(1)).startsWith("r.txt:3:28: expected a protocol name or number 0..255");
    }

    @Test
    void jsonRoutesParseAndBrokenJsonSaysWhere() throws Exception {
        // json-01.json is valid JSON despite its poster's re-wrapping
        List<Route> r = new RouteJsonParser(new TableNames(), false).parse("json-01.json", read("json-01.json")).routes();
        assertThat(r).hasSize(2);
        assertThat(r.get(0).gateway().toString()).isEqualTo("172.17.0.1");
        assertThat(r.get(1).protocol()).isEqualTo(RouteProtocol.KERNEL);
        String broken = "[\n  {\"dst\":\"default\",\"gateway\":\"172.17.0.1\"\n  {\"dst\":\"x\"}\n]\n";
        assertThatThrownBy(() -> new RouteJsonParser(new TableNames(), false).parse("b.json", broken))
                .isInstanceOf(DumpParseException.class).hasMessageStartingWith("b.json:3:3: expected valid JSON");
        assertThatThrownBy(() -> new RouteJsonParser(new TableNames(), false).parse("c.json", "[{\"dst\":\"1.2.3/8\"}]"))
                .hasMessage("c.json:1:2: expected an IP prefix in \"dst\", found \"1.2.3/8\"");
    }

    @Test
    void addressesFromEveryAddrFormat() throws Exception {
        List<InterfaceAddress> pod = AddrParser.parse("p", read("addr-pod-01.txt"));
        assertThat(pod).extracting(a -> a.device() + " " + a.address() + "/" + a.prefixLength())
                .containsExactly("lo 127.0.0.1/8", "eth0 192.168.255.200/32");
        List<InterfaceAddress> one = AddrParser.parse("o", read("addr-oneline-01.txt"));
        assertThat(one).hasSize(6);
        assertThat(one.get(1).broadcast().toString()).isEqualTo("172.19.188.31");
        assertThat(AddrParser.parse("k", read("addr-kube-ipvs0-01.txt"))).singleElement()
                .satisfies(a -> assertThat(a.device()).isEqualTo("kube-ipvs0"));
        assertThat(AddrParser.parse("b", "lo UNKNOWN 127.0.0.1/8 ::1/128\neth0@if5 UP 10.1.2.3/24 fe80::1/64\n"))
                .extracting(InterfaceAddress::device).containsExactly("lo", "eth0");
        List<InterfaceAddress> js = AddrJsonParser.parse("j", read("json-02.json"));
        assertThat(js).extracting(a -> a.device() + " " + a.address() + "/" + a.prefixLength())
                .containsExactly("lo 127.0.0.1/8", "ens3 64.188.70.209/32");
    }

    @Test
    void rulesParse() throws Exception {
        TableNames names = new TableNames();
        RuleSet rs = RuleParser.parse("r", read("rule-splitvpn-02.txt"), names);
        assertThat(rs.rules()).extracting(r -> r.priority()).containsExactly(0, 32000, 32500, 32766, 32767);
        assertThat(rs.rules().get(2).from().toString()).isEqualTo("203.221.213.209/32");
        assertThat(rs.rules().get(2).action()).isEqualTo(new RuleAction.Lookup(201));
        assertThatThrownBy(() -> RuleParser.parse("r", "100 from all lookup main\n", names))
                .hasMessage("r:1:1: expected a priority followed by a colon (\"32766:\"), found \"100\"");
    }

    @Test
    void monitorOutputIsAChangeLog() throws Exception {
        List<RouteMonitorParser.RouteEvent> ev = RouteMonitorParser.parse("m", read("monitor-calico-01.txt"), new TableNames(), false);
        assertThat(ev).hasSize(20);
        assertThat(ev.get(4)).isInstanceOf(RouteMonitorParser.RouteEvent.Deleted.class);
        assertThat(ev.get(0)).isInstanceOf(RouteMonitorParser.RouteEvent.Added.class);
        assertThat(ev.get(6).route().type()).isEqualTo(RouteType.BLACKHOLE);
    }
}
