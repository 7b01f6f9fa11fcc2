package io.overlaysim.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Best-path selection in BIRD 2's order, one step at a time, and the RIBs around it. */
class BestPathTest {
    static final Ipv4Prefix BLOCK = Ipv4Prefix.parse("172.16.103.64/26");
    static final BgpPeer IBGP_A = new BgpPeer(Ipv4Address.parse("192.168.0.146"), Ipv4Address.parse("192.168.0.146"), 64512, true);
    static final BgpPeer IBGP_B = new BgpPeer(Ipv4Address.parse("192.168.0.241"), Ipv4Address.parse("192.168.0.241"), 64512, true);
    static final BgpPeer EBGP = new BgpPeer(Ipv4Address.parse("192.168.0.1"), Ipv4Address.parse("192.168.0.250"), 64513, false);

    /** Attributes for a route; {@code asns} forms one AS_SEQUENCE. */
    static BgpRoute route(BgpPeer from, long localPref, int origin, long med, long igp, long... asns) {
        List<PathAttribute> attrs = new ArrayList<>(List.of(PathAttribute.Origin.of(origin), PathAttribute.AsPath.sequence(asns),
                PathAttribute.NextHop.of(from.address()), PathAttribute.LocalPref.of(localPref)));
        if (med >= 0) {
            attrs.add(PathAttribute.MultiExitDisc.of(med));
        }
        return BgpRoute.of(BLOCK, 0, from, attrs, 100, igp);
    }

    static void better(BgpRoute winner, BgpRoute loser) {
        assertThat(BestPath.compare(winner, loser)).isNegative();
        assertThat(BestPath.compare(loser, winner)).isPositive();
        assertThat(BestPath.best(List.of(loser, winner))).isSameAs(winner);
    }

    @Test
    void eachStepInBirdsOrder() {
        // 1. local preference, before a shorter AS path
        better(route(IBGP_A, 200, 0, -1, 0, 1, 2, 3), route(IBGP_B, 100, 0, -1, 0));
        // 2. AS path length, before origin
        better(route(IBGP_A, 100, 2, -1, 0, 65001), route(IBGP_B, 100, 0, -1, 0, 65001, 65002));
        // 3. origin, before MED
        better(route(IBGP_A, 100, 0, 50, 0, 65001), route(IBGP_B, 100, 1, 10, 0, 65001));
        // 4. MED when the neighbour AS is the same, before eBGP over iBGP
        better(route(IBGP_A, 100, 0, 10, 0, 65001), route(EBGP, 100, 0, 20, 0, 65001));
        // 5. eBGP over iBGP, before IGP cost
        better(route(EBGP, 100, 0, -1, 50, 65001), route(IBGP_A, 100, 0, -1, 0, 65002));
        // 6. IGP cost, before router id
        better(route(IBGP_B, 100, 0, -1, 5, 65001), route(IBGP_A, 100, 0, -1, 10, 65001));
        // 7. router id
        better(route(IBGP_A, 100, 0, -1, 0, 65001), route(IBGP_B, 100, 0, -1, 0, 65001));
    }

    @Test
    void medIsNotComparedAcrossNeighbourAses() {
        // Different first AS: MED skipped, the lower router id wins despite a higher MED.
        better(route(IBGP_A, 100, 0, 500, 0, 65001), route(IBGP_B, 100, 0, 5, 0, 65002));
        // A missing MED counts as 0 (BIRD's default bgp_med).
        better(route(IBGP_B, 100, 0, -1, 0, 65001), route(IBGP_A, 100, 0, 1, 0, 65001));
    }

    @Test
    void originatorIdThenClusterListThenPeerAddress() {
        List<PathAttribute> base = List.of(PathAttribute.Origin.of(0), PathAttribute.AsPath.EMPTY,
                PathAttribute.NextHop.of(Ipv4Address.parse("10.0.0.9")));
        List<PathAttribute> reflected = new ArrayList<>(base);
        reflected.add(PathAttribute.OriginatorId.of(Ipv4Address.parse("1.1.1.1")));
        // ORIGINATOR_ID 1.1.1.1 stands in for the router id 192.168.0.241 (RFC 4456 §9).
        better(BgpRoute.of(BLOCK, 0, IBGP_B, reflected, 100, 0), BgpRoute.of(BLOCK, 0, IBGP_A, base, 100, 0));
        List<PathAttribute> longer = new ArrayList<>(reflected);
        longer.add(new PathAttribute.ClusterList(PathAttribute.optionalNonTransitive,
                List.of(Ipv4Address.parse("9.9.9.9"), Ipv4Address.parse("8.8.8.8"))));
        better(BgpRoute.of(BLOCK, 0, IBGP_B, reflected, 100, 0), BgpRoute.of(BLOCK, 0, IBGP_A, longer, 100, 0));
        BgpPeer sameId = new BgpPeer(Ipv4Address.parse("192.168.0.2"), IBGP_A.routerId(), 64512, true);
        better(BgpRoute.of(BLOCK, 0, sameId, base, 100, 0), BgpRoute.of(BLOCK, 0, IBGP_A, base, 100, 0));
    }

    @Test
    void locRibReportsBestChangesAndALostSessionWithdrawsItsRoutes() {
        LocRib rib = new LocRib();
        BgpRoute a = route(IBGP_A, 100, 0, -1, 0);
        BgpRoute b = route(IBGP_B, 100, 0, -1, 0);
        assertThat(rib.update(b)).isEqualTo(new LocRib.BestChange(BLOCK, null, b));
        assertThat(rib.update(a)).isEqualTo(new LocRib.BestChange(BLOCK, b, a));
        assertThat(rib.update(b)).isNull();
        assertThat(rib.candidates(BLOCK)).hasSize(2);
        assertThat(rib.withdrawAll(IBGP_A)).containsExactly(new LocRib.BestChange(BLOCK, a, b));
        assertThat(rib.withdraw(IBGP_B, BLOCK, 0)).isEqualTo(new LocRib.BestChange(BLOCK, b, null));
        assertThat(rib.size()).isZero();
        assertThat(rib.withdraw(IBGP_B, BLOCK, 0)).isNull();
    }

    @Test
    void adjRibInReplacesImplicitlyAndClearsInOrder() {
        AdjRibIn in = new AdjRibIn(IBGP_A);
        BgpRoute r1 = route(IBGP_A, 100, 0, -1, 0);
        BgpRoute r2 = route(IBGP_A, 200, 0, -1, 0);
        assertThat(in.put(r1)).isNull();
        assertThat(in.put(r2)).isEqualTo(r1);
        BgpRoute other = BgpRoute.of(Ipv4Prefix.parse("10.0.0.0/8"), 0, IBGP_A, r1.attributes(), 100, 0);
        in.put(other);
        assertThat(in.clear()).containsExactly(other, r2);
        assertThat(in.size()).isZero();
    }

    @Test
    void adjRibOutGroupsByAttributesAndSkipsWhatThePeerKnows() throws Exception {
        AdjRibOut out = new AdjRibOut();
        List<PathAttribute> attrs = route(IBGP_A, 100, 0, -1, 0).attributes();
        Ipv4Prefix b1 = Ipv4Prefix.parse("172.16.52.128/26");
        Ipv4Prefix b2 = Ipv4Prefix.parse("172.16.52.64/26");
        out.advertise(b1, attrs);
        out.advertise(b2, attrs);
        out.withdraw(Ipv4Prefix.parse("10.0.0.0/8"));
        List<UpdateMessage> first = out.drain(SessionContext.FOUR_OCTET_AS);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).nlri()).extracting(Nlri::prefix).containsExactly(b2, b1);
        out.advertise(b1, attrs);
        assertThat(out.hasPending()).isFalse();
        out.withdraw(b2);
        List<UpdateMessage> second = out.drain(SessionContext.FOUR_OCTET_AS);
        assertThat(second).containsExactly(new UpdateMessage(List.of(Nlri.of(b2)), List.of(), List.of()));
        // The same withdrawal as BIRD sent in the corpus: a 28-byte UPDATE.
        assertThat(BgpCodec.encode(second.get(0), SessionContext.FOUR_OCTET_AS)).hasSize(28);
    }

    @Test
    void adjRibOutSplitsAtTheMessageSizeLimit() {
        AdjRibOut out = new AdjRibOut();
        List<PathAttribute> attrs = route(IBGP_A, 100, 0, -1, 0).attributes();
        for (int i = 0; i < 2000; i++) {
            out.advertise(Ipv4Prefix.host(new Ipv4Address(0x0a000000 + i)), attrs);
        }
        List<UpdateMessage> updates = out.drain(SessionContext.FOUR_OCTET_AS);
        assertThat(updates).hasSizeGreaterThan(1);
        assertThat(updates).allSatisfy(u -> assertThat(BgpCodec.length(u, SessionContext.FOUR_OCTET_AS)).isLessThanOrEqualTo(4096));
        assertThat(updates.stream().mapToInt(u -> u.nlri().size()).sum()).isEqualTo(2000);
    }
}
