package io.overlaysim.iproute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.overlaysim.net.Ipv4Address;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeighbourParserTest {
    // As iproute2 6.1 printed them (`ip neigh; ip neigh show proxy`) in a test namespace.
    private static final String TEXT = """
            # ip neigh
            10.1.0.0 dev vx0 lladdr 66:33:33:33:33:33 PERMANENT\s
            10.1.0.5 dev cali123 FAILED\s
            fe80::1 dev vx0 lladdr 66:33:33:33:33:35 router STALE\s

            10.1.0.7 dev vx0 proxy\s
            192.168.0.1 dev enp1s0 lladdr 52:54:00:12:34:56 extern_learn REACHABLE proto zebra
            """;
    private static final String JSON = """
            [{"dst":"10.1.0.0","dev":"vx0","lladdr":"66:33:33:33:33:33","state":["PERMANENT"]},{"dst":"10.1.0.5","dev":"cali123","state":["FAILED"]},{"dst":"fe80::1","dev":"vx0","lladdr":"66:33:33:33:33:35","router":null,"state":["STALE"]}]
            """;

    @Test
    void textEntries() {
        List<NeighbourEntry> n = NeighbourParser.parse("ip-neigh.txt", TEXT);
        assertThat(n).hasSize(5);
        assertThat(n.get(0)).isEqualTo(new NeighbourEntry("10.1.0.0", "vx0", "66:33:33:33:33:33", false, false,
                List.of(), List.of(NeighbourState.PERMANENT), null));
        assertThat(n.get(0).ipv4()).isEqualTo(Ipv4Address.parse("10.1.0.0"));
        assertThat(n.get(0).mac()).hasToString("66:33:33:33:33:33");
        assertThat(n.get(1).lladdr()).isNull();
        assertThat(n.get(1).states()).containsExactly(NeighbourState.FAILED);
        assertThat(n.get(2).isIpv4()).isFalse();
        assertThat(n.get(2).router()).isTrue();
        assertThat(n.get(3).proxy()).isTrue();
        assertThat(n.get(3).states()).isEmpty();
        assertThat(n.get(4).flags()).containsExactly("extern_learn");
        assertThat(n.get(4).protocol()).isEqualTo("zebra");
    }

    @Test
    void printParseRoundTrip() {
        List<NeighbourEntry> n = NeighbourParser.parse("ip-neigh.txt", TEXT);
        assertThat(NeighbourParser.parse("printed", NeighbourPrinter.print(n))).isEqualTo(n);
    }

    @Test
    void jsonMatchesText() {
        assertThat(NeighbourParser.parse("ip-neigh.json", JSON))
                .isEqualTo(NeighbourParser.parse("ip-neigh.txt", TEXT).subList(0, 3));
    }

    @Test
    void garbageAndLenient() {
        assertThatThrownBy(() -> NeighbourParser.parse("n.txt", "10.0.0.1 dev eth0 lladdr 00:11:22:33:44:55 REACHABEL\n"))
                .isInstanceOf(DumpParseException.class)
                .hasMessage("n.txt:1:44: expected a neighbour attribute (dev, lladdr, router, proxy) or state (REACHABLE, STALE, PERMANENT...), found \"REACHABEL\"");
        assertThatThrownBy(() -> NeighbourParser.parse("n.txt", "\nnot-an-ip dev eth0\n"))
                .hasMessage("n.txt:2:1: expected a neighbour address, found \"not-an-ip\"");
        assertThatThrownBy(() -> NeighbourParser.parse("n.json", "[{\"dst\":\"10.0.0.1\",\"state\":[\"BOGUS\"]}]"))
                .hasMessage("n.json:1:2: expected a neighbour state for \"state\", found \"BOGUS\"");
        ParsedDump<NeighbourEntry> r = NeighbourParser.parse("n.txt", "x y\n10.0.0.1 dev eth0 STALE\n10.0.0.2 dev\n", true);
        assertThat(r.entries()).extracting(NeighbourEntry::dst).containsExactly("10.0.0.1");
        assertThat(r.skipped()).isEqualTo(2);
        assertThat(r.warnings().get(1).getMessage()).isEqualTo("n.txt:3:13: expected a device name, found end of line");
    }
}
