package io.overlaysim.iproute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.overlaysim.net.MacAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class FdbParserTest {
    // As iproute2 6.1 printed them (`bridge fdb`) in a test namespace, plus bridge-port entries.
    private static final String TEXT = """
            33:33:00:00:00:01 dev cali123 self permanent
            66:33:33:33:33:33 dev vx0 dst 10.0.0.9 self permanent
            00:00:00:00:00:00 dev vx1 dst 239.1.1.1 via cali123 self permanent
            02:42:ac:11:00:02 dev veth1 master cni0\s
            5a:8e:b8:3e:ee:bd dev veth1 vlan 1 master cni0 permanent
            aa:bb:cc:dd:ee:ff dev vx0 dst 10.0.0.3 port 4789 vni 4096 extern_learn offload sticky master br0 static
            """;
    private static final String JSON = """
            [{"mac":"33:33:00:00:00:01","ifname":"cali123","flags":["self"],"state":"permanent"},{"mac":"66:33:33:33:33:33","ifname":"vx0","dst":"10.0.0.9","flags":["self"],"state":"permanent"},{"mac":"00:00:00:00:00:00","ifname":"vx1","dst":"239.1.1.1","viaIf":"cali123","flags":["self"],"state":"permanent"},{"mac":"02:42:ac:11:00:02","ifname":"veth1","flags":[],"master":"cni0","state":""}]
            """;

    @Test
    void textEntries() {
        List<FdbEntry> f = FdbParser.parse("bridge-fdb.txt", TEXT);
        assertThat(f).hasSize(6);
        assertThat(f.get(1)).isEqualTo(new FdbEntry(MacAddress.parse("66:33:33:33:33:33"), "vx0", "10.0.0.9",
                null, null, null, null, null, null, null, List.of("self"), null, "permanent"));
        assertThat(f.get(1).self()).isTrue();
        assertThat(f.get(1).isPermanent()).isTrue();
        assertThat(f.get(2).via()).isEqualTo("cali123");
        assertThat(f.get(2).mac().isZero()).isTrue();
        assertThat(f.get(3).master()).isEqualTo("cni0");
        assertThat(f.get(3).isDynamic()).isTrue();
        assertThat(f.get(4).vlan()).isEqualTo(1);
        FdbEntry last = f.get(5);
        assertThat(last.port()).isEqualTo(4789);
        assertThat(last.vni()).isEqualTo(4096);
        assertThat(last.flags()).containsExactly("extern_learn", "offload", "sticky");
        assertThat(last.master()).isEqualTo("br0");
        assertThat(last.isStatic()).isTrue();
    }

    @Test
    void printParseRoundTrip() {
        List<FdbEntry> f = FdbParser.parse("bridge-fdb.txt", TEXT);
        assertThat(FdbParser.parse("printed", FdbPrinter.print(f))).isEqualTo(f);
        assertThat(FdbPrinter.print(f.get(1))).isEqualTo("66:33:33:33:33:33 dev vx0 dst 10.0.0.9 self permanent");
    }

    @Test
    void jsonMatchesText() {
        assertThat(FdbParser.parse("bridge-fdb.json", JSON)).isEqualTo(FdbParser.parse("t", TEXT).subList(0, 4));
    }

    @Test
    void masterFlagAndMasterBridgeAreTold() {
        FdbEntry e = FdbParser.parse("f", "aa:bb:cc:dd:ee:ff dev eth0 self master master br0 permanent\n").get(0);
        assertThat(e.flags()).containsExactly("self", "master");
        assertThat(e.master()).isEqualTo("br0");
        assertThat(FdbParser.parse("p", FdbPrinter.print(e))).containsExactly(e);
    }

    @Test
    void garbageAndLenient() {
        assertThatThrownBy(() -> FdbParser.parse("bridge-fdb.txt", "66:33:33:33:33 dev vx0\n"))
                .isInstanceOf(DumpParseException.class)
                .hasMessage("bridge-fdb.txt:1:1: expected a MAC address, found \"66:33:33:33:33\"");
        assertThatThrownBy(() -> FdbParser.parse("bridge-fdb.txt", "66:33:33:33:33:33 dev vx0 dst 10.0.0.300 self\n"))
                .hasMessage("bridge-fdb.txt:1:31: expected a VTEP address, found \"10.0.0.300\"");
        assertThatThrownBy(() -> FdbParser.parse("bridge-fdb.txt", "66:33:33:33:33:33 dev vx0 slef permanent\n"))
                .hasMessageStartingWith("bridge-fdb.txt:1:27: expected an FDB attribute");
        ParsedDump<FdbEntry> r = FdbParser.parse("f", "garbage\n66:33:33:33:33:33 dev vx0 self permanent\n", true);
        assertThat(r.entries()).hasSize(1);
        assertThat(r.skipped()).isEqualTo(1);
    }
}
