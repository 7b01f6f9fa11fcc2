package io.overlaysim.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The compact structures of the RIBs against the simple versions they replaced: the same
 * answers for random operations (differential tests, seeded).
 */
class CompactRibTest {
    static final BgpPeer[] PEERS = {
        new BgpPeer(Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("10.0.0.1"), 64512, true),
        new BgpPeer(Ipv4Address.parse("10.0.0.2"), Ipv4Address.parse("10.0.0.2"), 64512, true),
        new BgpPeer(Ipv4Address.parse("10.0.0.3"), Ipv4Address.parse("10.0.0.9"), 64513, false),
    };

    static List<PathAttribute> attrs(Random r) {
        List<PathAttribute> a = new ArrayList<>(List.of(PathAttribute.Origin.of(r.nextInt(3)),
                PathAttribute.AsPath.sequence(r.nextBoolean() ? new long[0] : new long[] {64513}),
                PathAttribute.NextHop.of(new Ipv4Address(0x0a000001 + r.nextInt(3))),
                PathAttribute.LocalPref.of(100 + 100L * r.nextInt(2))));
        if (r.nextBoolean()) {
            a.add(PathAttribute.MultiExitDisc.of(r.nextInt(3)));
        }
        return a;
    }

    static Ipv4Prefix prefix(Random r) {
        return Ipv4Prefix.of(0x64400000 + (r.nextInt(40) << 6), 24 + r.nextInt(3));
    }

    /** The Loc-RIB as it was: a map of candidate lists, best by BestPath.best. */
    static final class SimpleLocRib {
        final Map<Ipv4Prefix, List<BgpRoute>> table = new HashMap<>();
        final Map<Ipv4Prefix, BgpRoute> best = new HashMap<>();

        LocRib.BestChange update(BgpRoute route) {
            List<BgpRoute> cs = table.computeIfAbsent(route.prefix(), k -> new ArrayList<>());
            int i = 0;
            while (i < cs.size() && !(cs.get(i).pathId() == route.pathId() && cs.get(i).from().equals(route.from()))) {
                i++;
            }
            if (i < cs.size()) {
                cs.set(i, route);
            } else {
                cs.add(route);
            }
            return reselect(route.prefix());
        }

        LocRib.BestChange withdraw(BgpPeer from, Ipv4Prefix p, int pathId) {
            List<BgpRoute> cs = table.get(p);
            if (cs == null || !cs.removeIf(r -> r.from().equals(from) && r.pathId() == pathId)) {
                return null;
            }
            return reselect(p);
        }

        List<LocRib.BestChange> withdrawAll(BgpPeer from) {
            List<LocRib.BestChange> out = new ArrayList<>();
            for (Ipv4Prefix p : new ArrayList<>(table.keySet())) {
                if (table.get(p).removeIf(r -> r.from().equals(from))) {
                    LocRib.BestChange c = reselect(p);
                    if (c != null) {
                        out.add(c);
                    }
                }
            }
            out.sort(Comparator.comparing(LocRib.BestChange::prefix));
            return out;
        }

        LocRib.BestChange reselect(Ipv4Prefix p) {
            BgpRoute before = best.get(p);
            BgpRoute after = BestPath.best(table.get(p));
            if (table.get(p).isEmpty()) {
                table.remove(p);
                best.remove(p);
            } else {
                best.put(p, after);
            }
            return Objects.equals(before, after) ? null : new LocRib.BestChange(p, before, after);
        }
    }

    @Test
    void locRibAnswersAsTheSimpleOne() {
        Random r = new Random(7);
        LocRib rib = new LocRib();
        SimpleLocRib simple = new SimpleLocRib();
        for (int step = 0; step < 20_000; step++) {
            BgpPeer peer = PEERS[r.nextInt(PEERS.length)];
            Ipv4Prefix p = prefix(r);
            int pathId = r.nextInt(2);
            int op = r.nextInt(100);
            if (op < 60) {
                BgpRoute route = BgpRoute.of(p, pathId, peer, attrs(r), 100, r.nextInt(2));
                assertThat(rib.update(route)).as("step %d", step).isEqualTo(simple.update(route));
            } else if (op < 98) {
                assertThat(rib.withdraw(peer, p, pathId)).as("step %d", step).isEqualTo(simple.withdraw(peer, p, pathId));
            } else {
                assertThat(rib.withdrawAll(peer)).as("step %d", step).isEqualTo(simple.withdrawAll(peer));
            }
            assertThat(rib.candidates(p)).as("step %d", step).isEqualTo(simple.table.getOrDefault(p, List.of()));
            assertThat(rib.size()).isEqualTo(simple.table.size());
        }
        assertThat(rib.bestRoutes()).isEqualTo(new TreeMap<>(simple.best).values().stream().toList());
    }

    @Test
    void adjRibInIsTheViewOfOnePeersCandidates() {
        Random r = new Random(11);
        LocRib rib = new LocRib();
        AdjRibIn in = new AdjRibIn(PEERS[0], rib);
        Map<List<Object>, BgpRoute> simple = new HashMap<>();
        for (int step = 0; step < 5_000; step++) {
            Ipv4Prefix p = prefix(r);
            int pathId = r.nextInt(2);
            if (r.nextInt(3) > 0) {
                BgpRoute route = BgpRoute.of(p, pathId, PEERS[0], attrs(r), 100, 0);
                assertThat(in.put(route)).isEqualTo(simple.put(List.of(p, pathId), route));
                rib.update(BgpRoute.of(p, 0, PEERS[1], attrs(r), 100, 0)); // another peer's candidate, not in the view
            } else {
                assertThat(in.remove(p, pathId)).isEqualTo(simple.remove(List.of(p, pathId)));
            }
            assertThat(in.get(p, pathId)).isEqualTo(simple.get(List.of(p, pathId)));
            assertThat(in.size()).isEqualTo(simple.size());
        }
    }

    @Test
    void adjRibOutSyncSendsWhatAdvertiseAndDrainSend() {
        Random r = new Random(3);
        RouteInterner interner = new RouteInterner();
        AdjRibOut byPending = new AdjRibOut(interner);
        AdjRibOut bySync = new AdjRibOut(interner);
        List<PathAttributes> sets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sets.add(interner.attributes(attrs(r)));
        }
        SessionContext ctx = SessionContext.FOUR_OCTET_AS;
        for (int round = 0; round < 300; round++) {
            // What the peer should have now, for some prefixes (the same prefix may change twice).
            Map<Integer, PathAttributes> wanted = new LinkedHashMap<>();
            for (int k = r.nextInt(30); k > 0; k--) {
                int id = interner.prefixes().id(prefix(r));
                PathAttributes a = r.nextInt(4) == 0 ? null : sets.get(r.nextInt(sets.size()));
                wanted.put(id, a);
                if (a == null) {
                    byPending.withdraw(id);
                } else {
                    byPending.advertise(id, a);
                }
            }
            int[] ids = wanted.keySet().stream().mapToInt(Integer::intValue).toArray();
            interner.prefixes().sort(ids, ids.length);
            PathAttributes[] want = Arrays.stream(ids).mapToObj(wanted::get).toArray(PathAttributes[]::new);
            assertThat(bySync.sync(ids, ids.length, want, ctx).stream().map(AdjRibOut.Out::message).toList())
                    .as("round %d", round).isEqualTo(byPending.drain(ctx));
            assertThat(bySync.size()).isEqualTo(byPending.size());
        }
    }

    @Test
    void prefixIndexNumbersDenselyAndSortsInPrefixOrder() {
        Random r = new Random(5);
        PrefixIndex index = new PrefixIndex();
        Map<Ipv4Prefix, Integer> simple = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            int len = r.nextInt(33);
            int bits = r.nextInt();
            Ipv4Prefix p = Ipv4Prefix.of(bits, len);
            int id = index.id(bits, len); // host bits ignored
            assertThat(id).isEqualTo(simple.computeIfAbsent(p, k -> simple.size()));
            assertThat(index.prefix(id)).isEqualTo(p);
            assertThat(index.find(p)).isEqualTo(id);
        }
        assertThat(index.find(Ipv4Prefix.parse("0.0.0.0/0"))).isEqualTo(simple.getOrDefault(Ipv4Prefix.DEFAULT, -1));
        int[] ids = simple.values().stream().mapToInt(Integer::intValue).toArray();
        index.sort(ids, ids.length);
        assertThat(Arrays.stream(ids).mapToObj(index::prefix).toList())
                .isEqualTo(simple.keySet().stream().sorted().toList());
    }

    @Test
    void intObjectMapAnswersAsAHashMap() {
        Random r = new Random(9);
        IntObjectMap<String> map = new IntObjectMap<>();
        Map<Integer, String> simple = new HashMap<>();
        for (int step = 0; step < 50_000; step++) {
            int k = r.nextInt(500) * (r.nextBoolean() ? 1 : 1024); // collisions in the low bits too
            switch (r.nextInt(4)) {
                case 0, 1 -> assertThat(map.put(k, "v" + step)).isEqualTo(simple.put(k, "v" + step));
                case 2 -> assertThat(map.remove(k)).isEqualTo(simple.remove(k));
                default -> assertThat(map.get(k)).isEqualTo(simple.get(k));
            }
            assertThat(map.size()).isEqualTo(simple.size());
            if (step % 10_000 == 9_999) {
                assertThat(Arrays.stream(map.keys()).boxed().sorted().toList()).isEqualTo(simple.keySet().stream().sorted().toList());
                map.clear();
                simple.clear();
            }
        }
    }

    @Test
    void internerSharesAttributeSetsAndPaths() {
        RouteInterner interner = new RouteInterner();
        Random r = new Random(1);
        List<PathAttribute> a = attrs(r);
        PathAttributes first = interner.attributes(new ArrayList<>(a));
        assertThat(interner.attributes(new ArrayList<>(a))).isSameAs(first);
        assertThat(interner.attributes(first.list())).isSameAs(first);
        BgpPath p = interner.intern(BgpPath.of(PEERS[0], 0, first, 100, 0));
        assertThat(interner.intern(BgpPath.of(PEERS[0], 0, interner.attributes(a), 100, 0))).isSameAs(p);
        assertThat(interner.intern(BgpPath.of(PEERS[1], 0, first, 100, 0))).isNotSameAs(p);
    }

    @Test
    void wireCacheGivesTheDecodedAttributesWithoutDecodingAgain() throws Exception {
        RouteInterner interner = new RouteInterner();
        UpdateMessage u = new UpdateMessage(List.of(), attrs(new Random(2)), List.of(Nlri.of(Ipv4Prefix.parse("100.64.0.0/26"))));
        for (SessionContext ctx : List.of(SessionContext.PLAIN, SessionContext.FOUR_OCTET_AS)) {
            byte[] b = BgpCodec.encode(u, ctx);
            UpdateMessage plain = (UpdateMessage) BgpCodec.decode(b, 0, b.length, ctx);
            UpdateMessage first = (UpdateMessage) BgpCodec.decode(b, 0, b.length, ctx, interner);
            UpdateMessage again = (UpdateMessage) BgpCodec.decode(b, 0, b.length, ctx, interner);
            assertThat(first).isEqualTo(plain);
            assertThat(again).isEqualTo(plain);
            assertThat(again.attributes()).isSameAs(first.attributes());
            assertThat(BgpCodec.encode(again, ctx)).isEqualTo(b);
        }
        // The same attribute bytes without NEXT_HOP's neighbours still fail the mandatory check when NLRI come.
        UpdateMessage noNextHop = new UpdateMessage(List.of(), List.of(PathAttribute.Origin.of(0), PathAttribute.AsPath.EMPTY),
                List.of());
        byte[] ok = BgpCodec.encode(noNextHop, SessionContext.PLAIN);
        BgpCodec.decode(ok, 0, ok.length, SessionContext.PLAIN, interner);
        UpdateMessage withNlri = new UpdateMessage(List.of(), noNextHop.attributes(), List.of(Nlri.of(Ipv4Prefix.parse("10.0.0.0/8"))));
        byte[] bad = BgpCodec.encode(withNlri, SessionContext.PLAIN);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BgpCodec.decode(bad, 0, bad.length, SessionContext.PLAIN, interner))
                .isInstanceOf(BgpDecodeException.class).hasMessageContaining("NEXT_HOP");
    }
}
