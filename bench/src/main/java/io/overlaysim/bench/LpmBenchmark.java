package io.overlaysim.bench;

import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv4.IPv4AddressAssociativeTrie;
import io.overlaysim.routing.PoptriePrefixMap;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jol.info.GraphLayout;

/**
 * Longest-prefix match on an Internet-like table: {@link PoptriePrefixMap} against the IPAddress
 * library's associative trie ({@code IPv4AddressAssociativeTrie.longestPrefixMatchNode}), side by
 * side in one run, on the flat corpus table and on it with nested /20 and /16 aggregates
 * ({@link LpmTable#nested()}).
 *
 * <p>Lookups read destinations from a precomputed array of 2^24 ints (64 MB, larger than the CPU
 * caches), {@value #BATCH} per invocation, continuing where the last invocation stopped.
 * {@code uniform} destinations are random over the whole address space (Poptrie's paper's
 * "random" pattern); {@code matching} ones are random addresses inside random prefixes of the
 * table, so every lookup matches and most descend below the top level. {@code poptrieBulkLookup}
 * looks the same batch up with {@link PoptriePrefixMap#lookup(int[], int, int[], int, int)}. The peer gets 2^20
 * prebuilt {@code IPv4Address} objects, so object construction is not counted against it.
 *
 * <p>Churn: 65,536 distinct random prefixes of the table are removed in one invocation and put
 * back in the next; the rate is adds plus deletes per second. The footprint (bytes per
 * prefix, by array accounting and by JOL) is printed once per fork.
 *
 * <pre>java -jar bench/target/benchmarks.jar LpmBenchmark</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class LpmBenchmark {
    static final int BATCH = 1 << 16;
    private static final int DESTINATIONS = 1 << 24;
    private static final int PEER_DESTINATIONS = 1 << 20;
    private static final int CHURN = 1 << 16;

    /** Both structures loaded with one table, and the destinations to look up. */
    @State(Scope.Benchmark)
    public static class Lookups {
        @Param({"flat", "nested"})
        public String table;

        @Param({"uniform", "matching"})
        public String destinations;

        PoptriePrefixMap poptrie;
        IPv4AddressAssociativeTrie<Integer> peer;
        int[] dest;
        final int[] out = new int[BATCH];
        IPv4Address[] peerDest;
        int cursor;
        int peerCursor;

        @Setup(Level.Trial)
        public void setUp() {
            LpmTable routes = LpmTable.of(table);
            poptrie = load(routes);
            peer = new IPv4AddressAssociativeTrie<>();
            for (int i = 0; i < routes.size(); i++) {
                peer.put(new IPv4Address(routes.bits()[i], (int) routes.lengths()[i]).toPrefixBlock(), i);
            }
            dest = destinations.equals("uniform")
                    ? LpmTable.uniformDestinations(DESTINATIONS, 0x5eed)
                    : routes.matchingDestinations(DESTINATIONS, 0x5eed);
            peerDest = new IPv4Address[PEER_DESTINATIONS];
            for (int i = 0; i < PEER_DESTINATIONS; i++) {
                peerDest[i] = new IPv4Address(dest[i]);
                // The two must agree, or the race means nothing.
                var node = peer.longestPrefixMatchNode(peerDest[i]);
                int expected = node == null ? -1 : node.getValue();
                if (poptrie.lookup(dest[i]) != expected) {
                    throw new IllegalStateException("poptrie and peer disagree on " + peerDest[i]);
                }
            }
            poptrie.lookup(dest, 0, out, 0, BATCH);
            for (int i = 0; i < BATCH; i++) {
                if (out[i] != poptrie.lookup(dest[i])) {
                    throw new IllegalStateException("bulk and single lookups disagree on " + peerDest[i]);
                }
            }
            printFootprint(table, poptrie);
        }
    }

    /** A loaded map and the prefixes churned: removed in one invocation, put back in the next. */
    @State(Scope.Benchmark)
    public static class Churn {
        @Param({"flat", "nested"})
        public String table;

        PoptriePrefixMap poptrie;
        int[] bits;
        byte[] lengths;
        int[] values;
        boolean removed;

        @Setup(Level.Trial)
        public void setUp() {
            LpmTable routes = LpmTable.of(table);
            poptrie = load(routes);
            // Distinct random prefixes, so every remove and every put changes the table.
            int[] order = new SplittableRandom(42).ints(0, routes.size()).distinct().limit(CHURN).toArray();
            bits = new int[CHURN];
            lengths = new byte[CHURN];
            values = new int[CHURN];
            for (int i = 0; i < CHURN; i++) {
                bits[i] = routes.bits()[order[i]];
                lengths[i] = routes.lengths()[order[i]];
                values[i] = poptrie.get(bits[i], lengths[i]);
            }
        }
    }

    static PoptriePrefixMap load(LpmTable routes) {
        PoptriePrefixMap m = new PoptriePrefixMap();
        for (int i = 0; i < routes.size(); i++) {
            m.put(routes.bits()[i], routes.lengths()[i], i);
        }
        return m;
    }

    static void printFootprint(String table, PoptriePrefixMap poptrie) {
        PoptriePrefixMap.Footprint f = poptrie.footprint();
        long jol = GraphLayout.parseInstance(poptrie).totalSize();
        System.out.printf("%n[footprint %s] %d prefixes, %d nodes, %d leaves: lookup arrays %.2f B/prefix,"
                        + " with master set %.2f B/prefix (JOL, whole object graph: %.2f B/prefix)%n",
                table, f.prefixes(), f.nodes(), f.leaves(), f.lookupBytesPerPrefix(), f.totalBytesPerPrefix(),
                (double) jol / f.prefixes());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int poptrieLookup(Lookups s) {
        int[] d = s.dest;
        int from = s.cursor;
        s.cursor = (from + BATCH) & (DESTINATIONS - 1);
        PoptriePrefixMap m = s.poptrie;
        int acc = 0;
        for (int i = 0; i < BATCH; i++) {
            acc += m.lookup(d[from + i]);
        }
        return acc;
    }

    /** The bulk API: the same destinations as {@link #poptrieLookup}, their misses overlapped. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int poptrieBulkLookup(Lookups s) {
        int from = s.cursor;
        s.cursor = (from + BATCH) & (DESTINATIONS - 1);
        int[] out = s.out;
        s.poptrie.lookup(s.dest, from, out, 0, BATCH);
        return out[BATCH - 1];
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void ipaddressTrieLookup(Lookups s, Blackhole bh) {
        IPv4Address[] d = s.peerDest;
        int from = s.peerCursor;
        s.peerCursor = (from + BATCH) & (PEER_DESTINATIONS - 1);
        IPv4AddressAssociativeTrie<Integer> t = s.peer;
        for (int i = 0; i < BATCH; i++) {
            bh.consume(t.longestPrefixMatchNode(d[from + i]));
        }
    }

    @Benchmark
    @OperationsPerInvocation(CHURN)
    public int poptrieChurn(Churn s) {
        boolean remove = !s.removed;
        s.removed = remove;
        PoptriePrefixMap m = s.poptrie;
        int acc = 0;
        for (int i = 0; i < CHURN; i++) {
            acc += remove ? m.remove(s.bits[i], s.lengths[i]) : m.put(s.bits[i], s.lengths[i], s.values[i]);
        }
        return acc;
    }
}
