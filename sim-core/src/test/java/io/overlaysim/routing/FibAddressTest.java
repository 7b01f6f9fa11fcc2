package io.overlaysim.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.iproute.RoutePrinter;
import io.overlaysim.net.Ipv4Address;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code fib_add_ifaddr}: what adding an address creates, printed as {@code ip route show table all} prints it. */
class FibAddressTest {
    @Test
    void anAddressMakesTheKernelsRoutes() {
        Fib fib = new Fib(FibConfig.oracle());
        fib.links().add("eth0");
        fib.addAddress(InterfaceAddress.of("eth0", Ipv4Address.parse("10.0.0.2"), 24));
        RoutePrinter p = new RoutePrinter(fib.tableNames());
        List<String> lines = fib.routes().stream().map(r -> p.text(RoutePrinter.kernelForm(r))).sorted().toList();
        // what `ip route show table all` printed in a fresh namespace after `ip addr add 10.0.0.2/24 dev eth0`
        assertThat(lines).containsExactlyInAnyOrder(
                "10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.2 ",
                "local 10.0.0.2 dev eth0 table local proto kernel scope host src 10.0.0.2 ",
                "broadcast 10.0.0.255 dev eth0 table local proto kernel scope link src 10.0.0.2 ",
                "local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 ",
                "local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 ",
                "broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1 ");
    }

    @Test
    void aSecondAddressInTheSameSubnetIsSecondaryAndAddsOnlyItsLocalRoute() {
        Fib fib = new Fib(FibConfig.oracle());
        fib.links().add("eth0");
        fib.addAddress(InterfaceAddress.of("eth0", Ipv4Address.parse("10.0.0.2"), 24));
        List<Route> made = fib.addAddress(InterfaceAddress.of("eth0", Ipv4Address.parse("10.0.0.3"), 24));
        assertThat(made).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(RouteType.LOCAL);
            assertThat(r.prefsrc().toString()).as("src is the primary").isEqualTo("10.0.0.2");
        });
        RouteAnswer a = new RouteLookup(fib).get(RouteQuery.to(Ipv4Address.parseBits("10.0.0.9")));
        assertThat(((RouteAnswer.Found) a).prefsrc()).isEqualTo(Ipv4Address.parseBits("10.0.0.2"));
    }

    @Test
    void noPrefixRouteLeavesMainAlone() {
        Fib fib = new Fib(FibConfig.oracle());
        fib.addAddress(new InterfaceAddress("eth0", Ipv4Address.parse("10.0.0.2"), 24, null, null, "global", null, false, true));
        assertThat(fib.routes()).noneMatch(r -> r.table() == TableNames.MAIN);
        assertThat(new RouteLookup(fib).get(RouteQuery.to(Ipv4Address.parseBits("10.0.0.9"))).ok()).isFalse();
    }
}
