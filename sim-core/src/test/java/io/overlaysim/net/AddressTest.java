package io.overlaysim.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {
    @Test
    void ipv4RoundTripsAndIsNetworkOrder() {
        Ipv4Address a = Ipv4Address.parse("192.168.0.176");
        assertThat(a.bits()).isEqualTo(0xC0A800B0);
        assertThat(a).hasToString("192.168.0.176");
        assertThat(a.octet(0)).isEqualTo(192);
        assertThat(Ipv4Address.parse("255.255.255.255").isLimitedBroadcast()).isTrue();
        assertThat(Ipv4Address.parse("0.0.0.0").isAny()).isTrue();
        assertThat(Ipv4Address.parse("10.0.0.1").compareTo(Ipv4Address.parse("192.168.0.1"))).isNegative();
        assertThat(Ipv4Address.parse("200.0.0.1").compareTo(Ipv4Address.parse("10.0.0.1"))).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1..2.3", "a.b.c.d", "1.2.3.4 ", "1.2.3.0004", "1.2.3."})
    void ipv4RejectsGarbageNamingTheText(String text) {
        assertThatThrownBy(() -> Ipv4Address.parse(text))
                .isInstanceOf(AddressFormatException.class)
                .hasMessage("expected an IPv4 address (a.b.c.d), found \"" + text + "\"");
    }

    @Test
    void prefixIsStrictAboutHostBitsWhenAsked() {
        Ipv4Prefix p = Ipv4Prefix.parse("172.16.52.128/26");
        assertThat(p.length()).isEqualTo(26);
        assertThat(p.contains(Ipv4Address.parse("172.16.52.132"))).isTrue();
        assertThat(p.contains(Ipv4Address.parse("172.16.52.192"))).isFalse();
        assertThat(p.broadcast()).hasToString("172.16.52.191");
        assertThat(p.mask()).isEqualTo(0xFFFFFFC0);
        assertThat(Ipv4Prefix.parse("10.1.2.3")).hasToString("10.1.2.3/32");
        assertThat(Ipv4Prefix.parse("0.0.0.0/0").isDefault()).isTrue();

        assertThatThrownBy(() -> Ipv4Prefix.parse("192.168.0.176/24"))
                .isInstanceOf(AddressFormatException.class)
                .hasMessageContaining("found \"192.168.0.176/24\"")
                .hasMessageContaining("192.168.0.0/24");
        assertThat(Ipv4Prefix.parse("192.168.0.176/24", true)).hasToString("192.168.0.0/24");
        assertThat(Ipv4Prefix.parseInterfaceAddress("192.168.0.176/24")).hasToString("192.168.0.176");
        assertThatThrownBy(() -> Ipv4Prefix.parse("10.0.0.0/33")).isInstanceOf(AddressFormatException.class);
        assertThatThrownBy(() -> Ipv4Prefix.parse("10.0.0.0/")).isInstanceOf(AddressFormatException.class);
        assertThat(Ipv4Prefix.parse("10.0.0.0/8").covers(Ipv4Prefix.parse("10.1.0.0/16"))).isTrue();
        assertThat(Ipv4Prefix.parse("10.1.0.0/16").covers(Ipv4Prefix.parse("10.0.0.0/8"))).isFalse();
    }

    @Test
    void macParsesAndPrintsLikeIproute2() {
        MacAddress m = MacAddress.parse("EE:EE:EE:EE:EE:EE");
        assertThat(m).hasToString("ee:ee:ee:ee:ee:ee");
        byte[] b = new byte[8];
        MacAddress.parse("02:42:ac:11:00:02").write(b, 1);
        assertThat(MacAddress.read(b, 1)).hasToString("02:42:ac:11:00:02");
        assertThat(MacAddress.BROADCAST.isBroadcast()).isTrue();
        assertThat(MacAddress.parse("01:00:5e:00:00:01").isMulticast()).isTrue();
        assertThatThrownBy(() -> MacAddress.parse("02:42:ac:11:00"))
                .hasMessage("expected a MAC address (xx:xx:xx:xx:xx:xx), found \"02:42:ac:11:00\"");
    }
}
