package io.overlaysim.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdaptivePrefixMapTest {
    @Test
    void answersLikeTheReferenceBeforeAndAfterMovingToThePoptrie() {
        SplittableRandom rnd = new SplittableRandom(17);
        AdaptivePrefixMap a = new AdaptivePrefixMap();
        HashPrefixMap ref = new HashPrefixMap();
        for (int step = 0; step < 3 * AdaptivePrefixMap.THRESHOLD; step++) {
            int len = 8 + rnd.nextInt(25);
            int bits = rnd.nextInt() & Ipv4Mask.of(len);
            if (rnd.nextInt(10) == 0) {
                assertThat(a.remove(bits, len)).isEqualTo(ref.remove(bits, len));
            } else {
                int v = rnd.nextInt(1 << 20);
                assertThat(a.put(bits, len, v)).isEqualTo(ref.put(bits, len, v));
            }
            if (step % 97 == 0) {
                for (int q = 0; q < 64; q++) {
                    int addr = rnd.nextInt();
                    assertThat(a.lookup(addr)).isEqualTo(ref.lookup(addr));
                    assertThat(a.lookup(addr, 24)).isEqualTo(ref.lookup(addr, 24));
                }
            }
        }
        assertThat(a.isLarge()).isTrue();
        assertThat(a.size()).isEqualTo(ref.size());
        ref.forEach((bits, len, v) -> assertThat(a.get(bits, len)).isEqualTo(v));
    }

    @Test
    void smallTablesStayOnTheHashMap() {
        AdaptivePrefixMap a = new AdaptivePrefixMap();
        for (int i = 0; i < 100; i++) {
            a.put(0x0a000000 | (i << 8), 24, i);
        }
        assertThat(a.isLarge()).isFalse();
        assertThat(a.lookup(0x0a000305)).isEqualTo(3);
    }

    /** Netmask for a length (a local helper so the test reads on its own). */
    private static final class Ipv4Mask {
        static int of(int len) {
            return len == 0 ? 0 : -1 << (32 - len);
        }
    }
}
