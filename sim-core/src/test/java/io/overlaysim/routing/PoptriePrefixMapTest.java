package io.overlaysim.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PoptriePrefixMapTest {
    private static int ip(String s) {
        return Ipv4Address.parse(s).bits();
    }

    @Test
    void longestPrefixWinsAndBacktrackingFindsShorterOnes() {
        PoptriePrefixMap m = new PoptriePrefixMap();
        assertThat(m.lookup(ip("10.1.2.3"))).isEqualTo(PrefixMap.NONE);
        m.put(0, 0, 100);
        m.put(ip("10.0.0.0"), 8, 1);
        m.put(ip("10.1.0.0"), 16, 2);
        m.put(ip("10.1.2.0"), 24, 3);
        m.put(ip("10.1.2.3"), 32, 4);
        m.put(ip("10.1.2.2"), 31, 5);
        assertThat(m.lookup(ip("10.1.2.3"))).isEqualTo(4);
        assertThat(m.lookup(ip("10.1.2.2"))).isEqualTo(5);
        assertThat(m.lookup(ip("10.1.2.4"))).isEqualTo(3);
        assertThat(m.lookup(ip("10.1.3.4"))).isEqualTo(2);
        assertThat(m.lookup(ip("10.2.3.4"))).isEqualTo(1);
        assertThat(m.lookup(ip("11.2.3.4"))).isEqualTo(100);
        assertThat(m.lookup(ip("10.1.2.3"), 32)).isEqualTo(32L << 32 | 4);
        assertThat(m.lookup(ip("10.1.2.3"), 30)).isEqualTo(24L << 32 | 3);
        assertThat(m.lookup(ip("10.1.2.3"), 23)).isEqualTo(16L << 32 | 2);
        assertThat(m.lookup(ip("10.1.2.3"), 7)).isEqualTo(100);
        assertThat(m.size()).isEqualTo(6);

        // Removing a covering prefix uncovers the next shorter one, below and around the longer ones.
        assertThat(m.remove(ip("10.1.2.0"), 24)).isEqualTo(3);
        assertThat(m.lookup(ip("10.1.2.4"))).isEqualTo(2);
        assertThat(m.lookup(ip("10.1.2.3"))).isEqualTo(4);
        assertThat(m.remove(ip("10.0.0.0"), 8)).isEqualTo(1);
        assertThat(m.remove(ip("10.0.0.0"), 8)).isEqualTo(PrefixMap.NONE);
        assertThat(m.lookup(ip("10.2.3.4"))).isEqualTo(100);
        assertThat(m.remove(0, 0)).isEqualTo(100);
        assertThat(m.lookup(ip("10.2.3.4"))).isEqualTo(PrefixMap.NONE);
        assertThat(m.lookup(ip("10.2.3.4"), 32)).isEqualTo(-1L);
        assertThat(m.lookup(ip("10.1.2.9"))).isEqualTo(2);
        assertThat(m.size()).isEqualTo(3);
    }

    @Test
    void putReplacesAndHostBitsAreIgnored() {
        PoptriePrefixMap m = new PoptriePrefixMap();
        assertThat(m.put(ip("192.168.7.9"), 20, 7)).isEqualTo(PrefixMap.NONE);
        assertThat(m.get(ip("192.168.0.0"), 20)).isEqualTo(7);
        assertThat(m.put(ip("192.168.0.0"), 20, 8)).isEqualTo(7);
        assertThat(m.lookup(ip("192.168.15.255"))).isEqualTo(8);
        assertThat(m.lookup(ip("192.168.16.0"))).isEqualTo(PrefixMap.NONE);
        assertThat(m.put(-1, 32, Integer.MAX_VALUE)).isEqualTo(PrefixMap.NONE);
        assertThat(m.lookup(-1)).isEqualTo(Integer.MAX_VALUE);
        assertThat(m.size()).isEqualTo(2);
    }

    @Test
    void firstLeafAfterAChildSlotIsItsOwnRunWhateverItsValue() {
        PoptriePrefixMap m = new PoptriePrefixMap();
        m.put(ip("10.0.0.0"), 25, 7); // slot 0 of its node becomes a child, covered by nothing
        m.put(ip("10.0.1.0"), 24, 0);
        assertThat(m.lookup(ip("10.0.1.5"))).isEqualTo(0);
        assertThat(m.lookup(ip("10.0.0.200"))).isEqualTo(PrefixMap.NONE);
        assertThat(m.lookup(ip("10.0.0.100"))).isEqualTo(7);
        assertThat(m.lookup(ip("10.0.2.1"))).isEqualTo(PrefixMap.NONE);
    }

    @Test
    void rejectsNegativeValuesAndBadLengths() {
        PoptriePrefixMap m = new PoptriePrefixMap();
        assertThatThrownBy(() -> m.put(0, 8, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("values are non-negative: -1");
        assertThatThrownBy(() -> m.put(0, 33, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefix length is 0..32: 33");
        assertThat(m.size()).isZero();
    }

    /** Random put/remove/get/lookup sequences, nested around a few hot spots, against the reference. */
    @Test
    void agreesWithHashPrefixMapUnderRandomChurn() {
        SplittableRandom rnd = new SplittableRandom(20150817);
        int[] hot = new int[12];
        for (int i = 0; i < hot.length; i++) {
            hot[i] = rnd.nextInt();
        }
        hot[0] = 0;
        hot[1] = -1;
        PoptriePrefixMap fast = new PoptriePrefixMap();
        HashPrefixMap ref = new HashPrefixMap();
        for (int step = 0; step < 60_000; step++) {
            int base = hot[rnd.nextInt(hot.length)] ^ (rnd.nextInt(4) == 0 ? rnd.nextInt(1 << 16) : 0);
            int length = rnd.nextInt(5) == 0 ? rnd.nextInt(33) : 16 + rnd.nextInt(17);
            int bits = length == 0 ? 0 : base & (-1 << (32 - length));
            int op = rnd.nextInt(10);
            if (op < 5) {
                int value = rnd.nextInt(1000);
                assertThat(fast.put(bits, length, value)).as("put %s", Ipv4Prefix.of(bits, length))
                        .isEqualTo(ref.put(bits, length, value));
            } else if (op < 8) {
                assertThat(fast.remove(bits, length)).as("remove %s", Ipv4Prefix.of(bits, length))
                        .isEqualTo(ref.remove(bits, length));
            } else {
                assertThat(fast.get(bits, length)).isEqualTo(ref.get(bits, length));
            }
            assertThat(fast.size()).isEqualTo(ref.size());
            for (int q = 0; q < 8; q++) {
                int address = base ^ (rnd.nextInt() >>> rnd.nextInt(32));
                assertThat(fast.lookup(address)).as("lookup %s", Ipv4Address.format(address))
                        .isEqualTo(ref.lookup(address));
                int maxLength = rnd.nextInt(34) - 1;
                assertThat(fast.lookup(address, maxLength)).isEqualTo(ref.lookup(address, maxLength));
            }
        }
    }

    /** A slice of the Internet-like corpus table, with covering /16 and /20 aggregates nested on it. */
    @Test
    void agreesWithHashPrefixMapOnTheCorpusSampleWithNestedAggregates() throws IOException {
        List<Ipv4Prefix> table = readSample();
        assertThat(table).hasSize(5000);
        PoptriePrefixMap fast = new PoptriePrefixMap();
        HashPrefixMap ref = new HashPrefixMap();
        int value = 0;
        for (Ipv4Prefix p : table) {
            fast.put(p.address().bits(), p.length(), value);
            ref.put(p.address().bits(), p.length(), value);
            value++;
            for (int cover : new int[] {16, 20}) {
                if (p.length() > cover && ref.get(p.address().bits() & Ipv4Prefix.mask(cover), cover) == PrefixMap.NONE) {
                    fast.put(p.address().bits(), cover, value);
                    ref.put(p.address().bits() & Ipv4Prefix.mask(cover), cover, value);
                    value++;
                }
            }
        }
        assertThat(fast.size()).isEqualTo(ref.size()).isGreaterThan(5000);
        SplittableRandom rnd = new SplittableRandom(7);
        compareAround(fast, ref, table, rnd);
        // Withdraw every other prefix of the table, and every aggregate over a 1.x.y.z address.
        for (int i = 0; i < table.size(); i += 2) {
            Ipv4Prefix p = table.get(i);
            assertThat(fast.remove(p.address().bits(), p.length())).isEqualTo(ref.remove(p.address().bits(), p.length()));
        }
        for (Ipv4Prefix p : table) {
            for (int cover : new int[] {16, 20}) {
                if ((p.address().bits() >>> 24) == 1) {
                    int bits = p.address().bits() & Ipv4Prefix.mask(cover);
                    assertThat(fast.remove(bits, cover)).isEqualTo(ref.remove(bits, cover));
                }
            }
        }
        assertThat(fast.size()).isEqualTo(ref.size());
        compareAround(fast, ref, table, rnd);
        PoptriePrefixMap.Footprint f = fast.footprint();
        assertThat(f.prefixes()).isEqualTo(ref.size());
        assertThat(f.nodes()).isPositive().isLessThanOrEqualTo(f.nodeSlots());
        assertThat(f.leaves()).isPositive().isLessThanOrEqualTo(f.leafSlots());
    }

    /**
     * A long churn of random adds and deletes of corpus-like prefixes (and a few short ones, down
     * to /0, which repaint many buckets) keeps agreeing with the reference, single and bulk lookups
     * alike, and reuses freed space instead of growing.
     */
    @Test
    void longChurnAgreesWithHashPrefixMapAndBulkLookupsAgreeWithSingleOnes() throws IOException {
        List<Ipv4Prefix> table = readSample();
        SplittableRandom rnd = new SplittableRandom(99);
        PoptriePrefixMap fast = new PoptriePrefixMap();
        HashPrefixMap ref = new HashPrefixMap();
        int[] addresses = new int[4099]; // not a multiple of the lane count
        int[] bulk = new int[addresses.length + 3];
        long footprintAfterWarmUp = 0;
        Set<Ipv4Prefix> touched = new HashSet<>();
        for (int round = 0; round < 40; round++) {
            for (int step = 0; step < 4000; step++) {
                Ipv4Prefix p = table.get(rnd.nextInt(table.size()));
                int length = switch (rnd.nextInt(16)) {
                    case 0 -> rnd.nextInt(p.length() + 1); // an aggregate of it, maybe very short
                    case 1 -> Math.min(32, p.length() + 1 + rnd.nextInt(8)); // a more specific
                    default -> p.length();
                };
                int host = p.length() == 32 ? 0 : rnd.nextInt() >>> p.length();
                int bits = (p.address().bits() | host) & Ipv4Prefix.mask(length);
                touched.add(Ipv4Prefix.of(bits, length));
                if (rnd.nextBoolean()) {
                    int value = rnd.nextInt(1 << 20);
                    assertThat(fast.put(bits, length, value)).isEqualTo(ref.put(bits, length, value));
                } else {
                    assertThat(fast.remove(bits, length)).isEqualTo(ref.remove(bits, length));
                }
            }
            assertThat(fast.size()).isEqualTo(ref.size());
            for (int i = 0; i < addresses.length; i++) {
                Ipv4Prefix p = table.get(rnd.nextInt(table.size()));
                addresses[i] = i % 7 == 0 ? rnd.nextInt() : p.address().bits() + rnd.nextInt(1 << (32 - p.length()));
            }
            fast.lookup(addresses, 0, bulk, 3, addresses.length);
            for (int i = 0; i < addresses.length; i++) {
                int expected = ref.lookup(addresses[i]);
                assertThat(fast.lookup(addresses[i])).as("lookup %s", Ipv4Address.format(addresses[i])).isEqualTo(expected);
                assertThat(bulk[3 + i]).as("bulk lookup %s", Ipv4Address.format(addresses[i])).isEqualTo(expected);
                int maxLength = rnd.nextInt(33);
                assertThat(fast.lookup(addresses[i], maxLength)).isEqualTo(ref.lookup(addresses[i], maxLength));
            }
            PoptriePrefixMap.Footprint f = fast.footprint();
            if (round == 10) {
                footprintAfterWarmUp = f.lookupBytes() + f.masterBytes();
            } else if (round > 10) {
                // The table's size is stationary by now; free lists keep the arrays from creeping.
                assertThat(f.lookupBytes() + f.masterBytes()).isLessThan(footprintAfterWarmUp * 3 / 2);
            }
        }
        // Emptied by deletes, the map answers nothing, in bulk too.
        for (Ipv4Prefix p : touched) {
            assertThat(fast.remove(p.address().bits(), p.length())).isEqualTo(ref.remove(p.address().bits(), p.length()));
        }
        assertThat(fast.size()).isZero();
        fast.lookup(addresses, bulk);
        assertThat(bulk).startsWith(new int[] {PrefixMap.NONE, PrefixMap.NONE, PrefixMap.NONE});
        assertThat(fast.footprint().nodes()).isZero();
        assertThat(fast.footprint().leaves()).isZero();
    }

    private static void compareAround(PrefixMap fast, PrefixMap ref, List<Ipv4Prefix> table, SplittableRandom rnd) {
        for (Ipv4Prefix p : table) {
            int first = p.address().bits();
            int last = first | ~Ipv4Prefix.mask(p.length());
            for (int address : new int[] {first, last, first - 1, last + 1, first + rnd.nextInt(1 << (32 - p.length()))}) {
                assertThat(fast.lookup(address)).as("lookup %s", Ipv4Address.format(address)).isEqualTo(ref.lookup(address));
                int maxLength = rnd.nextInt(33);
                assertThat(fast.lookup(address, maxLength)).isEqualTo(ref.lookup(address, maxLength));
            }
        }
    }

    private static List<Ipv4Prefix> readSample() throws IOException {
        List<Ipv4Prefix> out = new ArrayList<>();
        try (var in = PoptriePrefixMapTest.class.getResourceAsStream("/lpm/internet-ipv4-prefixes-head5000.txt");
             var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("#")) {
                    out.add(Ipv4Prefix.parse(line.substring(0, line.indexOf(' '))));
                }
            }
        }
        return out;
    }
}
