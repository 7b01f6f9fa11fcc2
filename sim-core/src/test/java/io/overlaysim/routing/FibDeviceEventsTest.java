package io.overlaysim.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.iproute.RoutePrinter;
import io.overlaysim.net.Ipv4Address;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Device and address events against what {@code ip -4 route show table all} printed in a network
 * namespace (Linux 6.x) after:
 *
 * <pre>
 * ip link add v0 type veth peer name v1; ip link add w0 type veth peer name w1; (all up)
 * ip addr add 10.1.1.1/24 dev v0; ip addr add 10.2.2.1/24 dev w0; ip addr add 10.2.2.9/24 dev w0
 * ip route add 10.8.0.0/16 nexthop via 10.1.1.2 dev v0 nexthop via 10.2.2.2 dev w0
 * ip route add 10.7.0.0/16 via 10.2.2.2 dev w0
 * ip route add 10.6.0.0/16 dev w0 src 10.2.2.9
 * </pre>
 */
class FibDeviceEventsTest {
    private static final List<String> LO = List.of("local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1",
            "local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1",
            "broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1");
    private Fib fib;

    static IpAddress ip(String s) {
        return IpAddress.parse(s);
    }

    @BeforeEach
    void lab() {
        fib = new Fib(FibConfig.oracle());
        fib.addAddress(InterfaceAddress.of("v0", Ipv4Address.parse("10.1.1.1"), 24));
        fib.addAddress(InterfaceAddress.of("w0", Ipv4Address.parse("10.2.2.1"), 24));
        fib.addAddress(InterfaceAddress.of("w0", Ipv4Address.parse("10.2.2.9"), 24));
        Route mp = Route.unicast(IpPrefix.parse("10.8.0.0/16"), NextHop.via(ip("10.1.1.2"), "v0"))
                .withNexthops(List.of(NextHop.via(ip("10.1.1.2"), "v0"), NextHop.via(ip("10.2.2.2"), "w0")));
        mp = new Route(mp.type(), mp.destination(), null, mp.table(), 0, null, null, null, null, mp.nexthops(), true, null,
                java.util.Set.of(), RouteMetrics.NONE, null, null, java.util.Map.of());
        assertThat(fib.addRoute(mp)).isInstanceOf(RouteChange.Added.class);
        assertThat(fib.addRoute(Route.unicast(IpPrefix.parse("10.7.0.0/16"), NextHop.via(ip("10.2.2.2"), "w0"))))
                .isInstanceOf(RouteChange.Added.class);
        Route src = Route.unicast(IpPrefix.parse("10.6.0.0/16"), NextHop.dev("w0"))
                .withProtocolScopeSrc(null, RouteScope.LINK, ip("10.2.2.9"));
        assertThat(fib.addRoute(src)).isInstanceOf(RouteChange.Added.class);
    }

    private List<String> show() {
        RoutePrinter p = new RoutePrinter(fib.tableNames());
        return fib.routes().stream().map(r -> p.text(RoutePrinter.kernelForm(r)).strip()).toList();
    }

    private static List<String> with(String... lines) {
        List<String> all = new java.util.ArrayList<>(List.of(lines));
        all.addAll(LO);
        return all;
    }

    private RouteAnswer get(String dst) {
        return new RouteLookup(fib).get(RouteQuery.to(Ipv4Address.parseBits(dst)));
    }

    @Test
    void adminDownFlushesTheDevicesRoutesButKeepsLocalsAndMultipathHopsAsDead() {
        fib.setLinkState("w0", false, true);
        assertThat(show()).containsExactlyInAnyOrderElementsOf(with(
                "10.1.1.0/24 dev v0 proto kernel scope link src 10.1.1.1",
                "10.8.0.0/16 \n\tnexthop via 10.1.1.2 dev v0 weight 1 \n\tnexthop via 10.2.2.2 dev w0 weight 1 dead linkdown",
                "local 10.1.1.1 dev v0 table local proto kernel scope host src 10.1.1.1",
                "broadcast 10.1.1.255 dev v0 table local proto kernel scope link src 10.1.1.1",
                "local 10.2.2.1 dev w0 table local proto kernel scope host src 10.2.2.1",
                "local 10.2.2.9 dev w0 table local proto kernel scope host src 10.2.2.1"));
        assertThat(get("10.7.0.1")).isInstanceOf(RouteAnswer.Failed.class);
        for (int i = 0; i < 50; i++) {
            RouteAnswer a = new RouteLookup(fib).get(new RouteQuery(Ipv4Address.parseBits("10.8.0.1"), 0, null, null, 0, 0,
                    RouteQuery.UDP, 40000 + i, 80));
            assertThat(((RouteAnswer.Found) a).dev()).as("the dead hop is never chosen").isEqualTo("v0");
        }

        fib.setLinkState("w0", true, true);
        // the kernel routes come back, the static single-hop ones do not
        assertThat(show()).containsExactlyInAnyOrderElementsOf(with(
                "10.1.1.0/24 dev v0 proto kernel scope link src 10.1.1.1",
                "10.2.2.0/24 dev w0 proto kernel scope link src 10.2.2.1",
                "10.8.0.0/16 \n\tnexthop via 10.1.1.2 dev v0 weight 1 \n\tnexthop via 10.2.2.2 dev w0 weight 1",
                "local 10.1.1.1 dev v0 table local proto kernel scope host src 10.1.1.1",
                "broadcast 10.1.1.255 dev v0 table local proto kernel scope link src 10.1.1.1",
                "local 10.2.2.1 dev w0 table local proto kernel scope host src 10.2.2.1",
                "local 10.2.2.9 dev w0 table local proto kernel scope host src 10.2.2.1",
                "broadcast 10.2.2.255 dev w0 table local proto kernel scope link src 10.2.2.1"));
    }

    @Test
    void carrierLossMarksLinkdownAndTheRoutesStayInUse() {
        fib.setLinkState("w0", true, false);
        assertThat(show()).containsExactlyInAnyOrderElementsOf(with(
                "10.1.1.0/24 dev v0 proto kernel scope link src 10.1.1.1",
                "10.2.2.0/24 dev w0 proto kernel scope link src 10.2.2.1 linkdown",
                "10.6.0.0/16 dev w0 scope link src 10.2.2.9 linkdown",
                "10.7.0.0/16 via 10.2.2.2 dev w0 linkdown",
                "10.8.0.0/16 \n\tnexthop via 10.1.1.2 dev v0 weight 1 \n\tnexthop via 10.2.2.2 dev w0 weight 1 linkdown",
                "local 10.1.1.1 dev v0 table local proto kernel scope host src 10.1.1.1",
                "broadcast 10.1.1.255 dev v0 table local proto kernel scope link src 10.1.1.1",
                "local 10.2.2.1 dev w0 table local proto kernel scope host src 10.2.2.1",
                "local 10.2.2.9 dev w0 table local proto kernel scope host src 10.2.2.1",
                "broadcast 10.2.2.255 dev w0 table local proto kernel scope link src 10.2.2.1 linkdown"));
        // ip route get 10.7.0.1: 10.7.0.1 via 10.2.2.2 dev w0 src 10.2.2.1
        assertThat(((RouteAnswer.Found) get("10.7.0.1")).dev()).isEqualTo("w0");
        fib.setLinkState("w0", true, true);
        assertThat(show()).noneMatch(l -> l.contains("linkdown"));
    }

    @Test
    void deletingAnAddressRemovesItsLocalRouteAndTheRoutesUsingItAsSource() {
        fib.deleteAddress("w0", Ipv4Address.parse("10.2.2.9"), 24);
        assertThat(show()).containsExactlyInAnyOrderElementsOf(with(
                "10.1.1.0/24 dev v0 proto kernel scope link src 10.1.1.1",
                "10.2.2.0/24 dev w0 proto kernel scope link src 10.2.2.1",
                "10.7.0.0/16 via 10.2.2.2 dev w0",
                "10.8.0.0/16 \n\tnexthop via 10.1.1.2 dev v0 weight 1 \n\tnexthop via 10.2.2.2 dev w0 weight 1",
                "local 10.1.1.1 dev v0 table local proto kernel scope host src 10.1.1.1",
                "broadcast 10.1.1.255 dev v0 table local proto kernel scope link src 10.1.1.1",
                "local 10.2.2.1 dev w0 table local proto kernel scope host src 10.2.2.1",
                "broadcast 10.2.2.255 dev w0 table local proto kernel scope link src 10.2.2.1"));

        fib.deleteAddress("w0", Ipv4Address.parse("10.2.2.1"), 24);
        // the device's last address: IP is disabled on it, every route through it goes
        assertThat(show()).containsExactlyInAnyOrderElementsOf(with(
                "10.1.1.0/24 dev v0 proto kernel scope link src 10.1.1.1",
                "10.8.0.0/16 \n\tnexthop via 10.1.1.2 dev v0 weight 1 \n\tnexthop via 10.2.2.2 dev w0 weight 1 dead linkdown",
                "local 10.1.1.1 dev v0 table local proto kernel scope host src 10.1.1.1",
                "broadcast 10.1.1.255 dev v0 table local proto kernel scope link src 10.1.1.1"));
        assertThat(fib.links().get("w0").addresses()).isEmpty();
    }

    @Test
    void theFibKnowsTheDeviceMtu() {
        fib.setMtu("w0", 1400);
        assertThat(fib.links().get("w0").mtu()).isEqualTo(1400);
    }
}
