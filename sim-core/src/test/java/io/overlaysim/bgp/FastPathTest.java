package io.overlaysim.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The speaker's shortcuts (shared export plans, UPDATE import straight from the bytes) against
 * the general paths: the same scripted network run twice, shortcuts on and off, must put the same
 * bytes on every connection, in the same segments, and leave the same best routes after every step.
 */
class FastPathTest {
    private static final long SECOND = 1_000_000_000L;

    /** What one run left: per step every speaker's best routes, the bytes per direction, the plan counts. */
    private record Run(List<String> steps, Map<String, byte[]> wire, long[] plans) {}

    /** A network and the steps to script on it. */
    private record World(Simulation sim, SimulatedPipeTransport net, Collection<BgpSpeaker> speakers) {}

    private static Run run(boolean fast, java.util.function.Function<Simulation, World> build, BiConsumer<World, List<String>> script) {
        Simulation sim = new Simulation(3);
        World w = build.apply(sim);
        Map<String, ByteArrayOutputStream> wire = new TreeMap<>();
        w.net().tap((from, bytes, offset, length) -> {
            ByteArrayOutputStream s = wire.computeIfAbsent(from.toString(), k -> new ByteArrayOutputStream());
            s.write(length >> 8);  // segment boundaries count too
            s.write(length);
            s.write(bytes, offset, length);
        });
        w.speakers().forEach(s -> s.fastPaths(fast));
        List<String> steps = new ArrayList<>();
        script.accept(w, steps);
        long[] plans = new long[4];
        for (BgpSpeaker s : w.speakers()) {
            for (int i = 0; i < 4; i++) {
                plans[i] += s.planCounts()[i];
            }
        }
        Map<String, byte[]> bytes = new TreeMap<>();
        wire.forEach((k, v) -> bytes.put(k, v.toByteArray()));
        return new Run(steps, bytes, plans);
    }

    private static void snapshot(World w, List<String> steps, String step) {
        StringBuilder b = new StringBuilder(step).append('\n');
        for (BgpSpeaker s : w.speakers()) {
            b.append(s.name()).append(' ').append(s.bestRoutes()).append('\n');
            for (BgpNeighbor n : s.neighbors()) {
                b.append("  ").append(n.config().address()).append(' ').append(n.state())
                        .append(" sent ").append(n.adjRibOut() == null ? 0 : n.adjRibOut().size()).append('\n');
            }
        }
        steps.add(b.toString());
    }

    private static void assertSame(Run fast, Run general) {
        assertThat(fast.steps()).containsExactlyElementsOf(general.steps());
        assertThat(fast.wire().keySet()).containsExactlyElementsOf(general.wire().keySet());
        fast.wire().forEach((k, v) -> assertThat(v).as(k).isEqualTo(general.wire().get(k)));
        assertThat(general.plans()).containsExactly(0, 0, 0, 0);
    }

    private static Ipv4Prefix block(int i) {
        return Ipv4Prefix.of(0x64400000 + (i << 6), 26);
    }

    /** Two reflectors, twelve clients with two blocks each, one anycast block; then changes and faults. */
    private static World reflectors(Simulation sim) {
        SimulatedPipeTransport net = new SimulatedPipeTransport(sim, 100_000, 1448);
        CalicoBgp.Builder b = CalicoBgp.builder(sim, net);
        for (int i = 0; i < 14; i++) {
            List<Ipv4Prefix> blocks = new ArrayList<>(List.of(block(2 * i), block(2 * i + 1)));
            if (i == 3 || i == 4) {
                blocks.add(Ipv4Prefix.parse("100.127.0.0/26"));
            }
            b.node("node" + i, new Ipv4Address(0x0a000000 + i + 1), blocks);
        }
        b.routeReflectors(Ipv4Address.parse("10.255.255.1"), "node0", "node1");
        return new World(sim, net, b.build().speakers());
    }

    private static void reflectorScript(World w, List<String> steps) {
        List<BgpSpeaker> s = List.copyOf(w.speakers());
        s.forEach(BgpSpeaker::start);
        w.sim().runUntil(10 * SECOND);
        snapshot(w, steps, "converged");
        // Changes at one instant: a block withdrawn, a /32 borrowed, a block moving to another node.
        s.get(5).withdrawOriginated(block(11));
        s.get(6).originate(Ipv4Prefix.parse("100.64.0.13/32"));
        s.get(7).originate(block(11));
        s.get(3).withdrawOriginated(Ipv4Prefix.parse("100.127.0.0/26"));
        w.sim().runUntil(w.sim().now() + SECOND);
        snapshot(w, steps, "changes");
        s.get(0).disable(s.get(8).address());
        w.sim().runUntil(w.sim().now() + SECOND);
        snapshot(w, steps, "rr1 disables node8");
        s.get(0).enable(s.get(8).address());
        w.sim().runUntil(w.sim().now() + 10 * SECOND);
        snapshot(w, steps, "enabled again");
        w.net().cut(s.get(1).address(), s.get(9).address());
        w.sim().runUntil(w.sim().now() + 250 * SECOND);
        snapshot(w, steps, "hold expired");
        w.net().restore(s.get(1).address(), s.get(9).address());
        w.sim().runUntil(w.sim().now() + 400 * SECOND);
        snapshot(w, steps, "restored");
    }

    @Test
    void routeReflectorsSendTheSameWithPlansAsWithout() {
        Run fast = run(true, FastPathTest::reflectors, FastPathTest::reflectorScript);
        Run general = run(false, FastPathTest::reflectors, FastPathTest::reflectorScript);
        assertSame(fast, general);
        assertThat(fast.steps().get(0)).contains("100.127.0.0/26");
        // Plans serve more flushes than there are plans: the reflectors share theirs.
        assertThat(fast.plans()[0]).isPositive();
        assertThat(fast.plans()[1]).isGreaterThan(fast.plans()[0]);
        // node7 takes over a block the reflectors had sent it: its own prefix to withdraw, decided alone.
        assertThat(fast.plans()[3]).isPositive();
    }

    /**
     * A hub (AS 65000, next hop self) with eBGP spokes: A and B in AS 65001, whose routes leave the
     * hub with one attribute set, and C in AS 65002, their prefixes interleaved. Toward A, the
     * bucket of A's and B's prefixes loses A's and moves behind C's: encoded again, and placed as
     * sync would.
     */
    private static World hub(Simulation sim) {
        SimulatedPipeTransport net = new SimulatedPipeTransport(sim, 100_000, 1448);
        Ipv4Address hub = Ipv4Address.parse("10.9.0.1");
        String[] names = {"a", "b", "c"};
        long[] as = {65001, 65001, 65002};
        List<BgpSpeaker> all = new ArrayList<>();
        BgpSpeaker h = new BgpSpeaker(sim, net, "hub", hub, 65000);
        all.add(h);
        for (int i = 0; i < 3; i++) {
            Ipv4Address addr = Ipv4Address.parse("10.9.0." + (10 + i));
            BgpSpeaker s = new BgpSpeaker(sim, net, names[i], addr, as[i]);
            s.addNeighbor(PeerConfig.of(hub, 65000).withTimers(BgpTimers.CALICO));
            h.addNeighbor(PeerConfig.of(addr, as[i]).withTimers(BgpTimers.CALICO).withNextHopSelf(true));
            all.add(s);
        }
        return new World(sim, net, all);
    }

    private static void hubScript(World w, List<String> steps) {
        List<BgpSpeaker> s = List.copyOf(w.speakers());
        s.forEach(BgpSpeaker::start);
        w.sim().runUntil(10 * SECOND);
        snapshot(w, steps, "up");
        // a: 0, 3, 6; c: 1, 4, 7; b: 2, 5, 8 - announced at one instant, so the hub flushes them together.
        for (int k = 0; k < 9; k++) {
            s.get(1 + new int[] {0, 2, 1}[k % 3]).originate(Ipv4Prefix.of(0x0a640000 + (k << 8), 24));
        }
        w.sim().runUntil(w.sim().now() + SECOND);
        snapshot(w, steps, "announced");
        s.get(1).withdrawOriginated(Ipv4Prefix.of(0x0a640000 + (3 << 8), 24));
        s.get(2).originate(Ipv4Prefix.of(0x0a640000 + (3 << 8), 24));
        s.get(3).withdrawOriginated(Ipv4Prefix.of(0x0a640000 + (4 << 8), 24));
        w.sim().runUntil(w.sim().now() + SECOND);
        snapshot(w, steps, "moved");
        s.get(0).disable(s.get(2).address());
        w.sim().runUntil(w.sim().now() + SECOND);
        snapshot(w, steps, "b down");
    }

    @Test
    void anEbgpHubCutsASourcesPrefixesOutOfASharedUpdateAsSyncWould() {
        Run fast = run(true, FastPathTest::hub, FastPathTest::hubScript);
        Run general = run(false, FastPathTest::hub, FastPathTest::hubScript);
        assertSame(fast, general);
        assertThat(fast.steps().get(1)).contains("10.100.8.0/24");
        assertThat(fast.plans()[1]).isPositive();
        assertThat(fast.plans()[2]).as("buckets encoded again without a source's prefixes").isPositive();
    }

    /** The Calico full mesh of ten nodes: every node both source and receiver. */
    @Test
    void aFullMeshSendsTheSameWithPlansAsWithout() {
        java.util.function.Function<Simulation, World> mesh = sim -> {
            SimulatedPipeTransport net = new SimulatedPipeTransport(sim, 100_000, 1448);
            CalicoBgp.Builder b = CalicoBgp.builder(sim, net);
            for (int i = 0; i < 10; i++) {
                b.node("node" + i, new Ipv4Address(0x0a000000 + i + 1), List.of(block(i)));
            }
            return new World(sim, net, b.build().speakers());
        };
        BiConsumer<World, List<String>> script = (w, steps) -> {
            List<BgpSpeaker> s = List.copyOf(w.speakers());
            s.forEach(BgpSpeaker::start);
            w.sim().runUntil(10 * SECOND);
            snapshot(w, steps, "converged");
            for (int i = 0; i < 10; i += 3) {
                s.get(i).originate(block(20 + i));
            }
            s.get(4).withdrawOriginated(block(4));
            w.sim().runUntil(w.sim().now() + SECOND);
            snapshot(w, steps, "changes");
        };
        Run fast = run(true, mesh, script);
        Run general = run(false, mesh, script);
        assertSame(fast, general);
        assertThat(fast.plans()[1]).isPositive();
    }

    /** The segments (length and bytes) one end receives when the other writes these slices, shared or as one copy. */
    private static List<String> segments(boolean shared, List<BgpTransport.Slice> slices) {
        Simulation sim = new Simulation(1);
        SimulatedPipeTransport net = new SimulatedPipeTransport(sim, 1000, 10);
        List<String> got = new ArrayList<>();
        BgpTransport.Handler quiet = new BgpTransport.Handler() {
            @Override
            public void connected(BgpTransport.Connection c) {
                if (shared) {
                    c.writeShared(slices);
                } else {
                    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                    slices.forEach(x -> all.write(x.bytes(), x.offset(), x.length()));
                    c.write(all.toByteArray(), 0, all.size());
                }
            }

            @Override
            public void data(BgpTransport.Connection c, byte[] b, int off, int len) {
            }

            @Override
            public void closed(BgpTransport.Connection c) {
            }

            @Override
            public void failed(BgpTransport.Connection c, String reason) {
            }
        };
        Ipv4Address a = Ipv4Address.parse("10.0.0.1");
        Ipv4Address b = Ipv4Address.parse("10.0.0.2");
        net.listen(b, 179, c -> quiet);
        net.tap((from, bytes, off, len) -> got.add(len + ":" + java.util.HexFormat.of().formatHex(bytes, off, off + len)));
        net.connect(a, b, 179, quiet);
        sim.runUntil(SECOND);
        return got;
    }

    @Test
    void sharedSlicesLeaveInTheSegmentsOfOneWrite() {
        byte[] x = new byte[37];
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) i;
        }
        List<BgpTransport.Slice> slices = List.of(new BgpTransport.Slice(x, 3, 4), new BgpTransport.Slice(x, 0, 0),
                new BgpTransport.Slice(x, 7, 20), new BgpTransport.Slice(x, 30, 7), new BgpTransport.Slice(x, 0, 10));
        List<String> shared = segments(true, slices);
        assertThat(shared).hasSize(5).startsWith("10:030405060708090a0b0c").endsWith("1:09");
        assertThat(shared).containsExactlyElementsOf(segments(false, slices));
    }

    /**
     * Raw UPDATEs in Established whose attribute bytes the receiver knows, so that it tries the
     * import from the bytes: a good one is imported; one with a /33 in its NLRI, or whose
     * withdrawn routes run past the message, goes to the general decode and gets its NOTIFICATION.
     */
    private static World pairOfSpeakers(Simulation sim) {
        SimulatedPipeTransport net = new SimulatedPipeTransport(sim, 50_000, 1448);
        Ipv4Address a = Ipv4Address.parse("192.168.0.176");
        Ipv4Address b = Ipv4Address.parse("192.168.0.146");
        BgpSpeaker sa = new BgpSpeaker(sim, net, "a", a, 64512);
        BgpSpeaker sb = new BgpSpeaker(sim, net, "b", b, 64512);
        sa.addNeighbor(PeerConfig.of(b, 64512).withTimers(BgpTimers.CALICO).withAddPaths(true));
        sb.addNeighbor(PeerConfig.of(a, 64512).withTimers(BgpTimers.CALICO).withAddPaths(true).withPassive(true));
        sb.originate(Ipv4Prefix.parse("172.16.103.64/26"));
        return new World(sim, net, List.of(sa, sb));
    }

    private static void rawScript(World w, List<String> steps) {
        List<BgpSpeaker> s = List.copyOf(w.speakers());
        BgpSpeaker a = s.get(0);
        BgpSpeaker b = s.get(1);
        s.forEach(BgpSpeaker::start);
        w.sim().runUntil(10 * SECOND);
        snapshot(w, steps, "up");
        BgpConnection toA = b.neighbor(a.address()).established();
        List<PathAttribute> attrs = a.best(Ipv4Prefix.parse("172.16.103.64/26")).attributes();
        byte[] good = BgpCodec.encode(new UpdateMessage(List.of(Nlri.of(7, Ipv4Prefix.parse("172.16.1.0/24"))), attrs,
                List.of(Nlri.of(5, Ipv4Prefix.parse("172.16.104.0/26")), Nlri.of(6, Ipv4Prefix.parse("172.16.104.0/26")),
                        Nlri.of(5, Ipv4Prefix.parse("10.0.0.0/8")))), toA.sendContext());
        toA.sendRaw(good);
        w.sim().runUntil(w.sim().now() + SECOND);
        snapshot(w, steps, "good raw UPDATE " + a.best(Ipv4Prefix.parse("172.16.104.0/26")) + " "
                + a.locRib().candidates(Ipv4Prefix.parse("172.16.104.0/26")).size());
        byte[] bad = good.clone();
        bad[bad.length - 2] = 33; // the last NLRI: 4-octet path id, then length 8 + one octet; now a /33
        toA.sendRaw(bad);
        w.sim().runUntil(w.sim().now() + SECOND);
        snapshot(w, steps, "/33: " + a.neighbor(b.address()).lastNotificationSent());
    }

    @Test
    void rawUpdatesWithKnownAttributesImportOrFailAsTheGeneralDecodeSays() {
        Run fast = run(true, FastPathTest::pairOfSpeakers, FastPathTest::rawScript);
        Run general = run(false, FastPathTest::pairOfSpeakers, FastPathTest::rawScript);
        assertSame(fast, general);
        assertThat(fast.steps().get(1)).startsWith("good raw UPDATE BestRoute[prefix=172.16.104.0/26").contains("] 2\n");
        assertThat(fast.steps().get(2)).contains("/33: ").contains("Invalid Network Field");
    }
}
