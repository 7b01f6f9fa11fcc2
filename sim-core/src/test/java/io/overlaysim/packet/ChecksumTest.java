package io.overlaysim.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChecksumTest {
    @Test
    void rfc1071NumericalExample() {
        // RFC 1071 section 3: the sum of 0001 f203 f4f5 f6f7 is ddf2 (after end-around carry).
        byte[] b = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        assertThat(Checksum.fold(Checksum.add(0, b, 0, 8))).isEqualTo(0xddf2);
        assertThat(Checksum.compute(b, 0, 8)).isEqualTo(0x220d);
    }

    @Test
    void oddLengthPadsWithZero() {
        byte[] b = {0x12, 0x34, 0x56};
        assertThat(Checksum.fold(Checksum.add(0, b, 0, 3))).isEqualTo(0x1234 + 0x5600);
    }

    @Test
    void wordAtATimeEqualsBytePairsForAnyLengthAndOffset() {
        Random r = new Random(7);
        for (int n = 0; n < 500; n++) {
            byte[] b = new byte[r.nextInt(1600) + 1];
            r.nextBytes(b);
            int off = r.nextInt(b.length) & ~1;
            int len = r.nextInt(b.length - off + 1);
            long slow = 0;
            for (int i = 0; i < len; i += 2) {
                slow += ((b[off + i] & 0xff) << 8) | (i + 1 < len ? b[off + i + 1] & 0xff : 0);
            }
            assertThat(Checksum.fold(Checksum.add(0, b, off, len))).isEqualTo(Checksum.fold(slow));
        }
    }

    @Test
    void verifyAcceptsFilledChecksum() {
        byte[] b = new byte[20];
        Ipv4Header.write(b, 0, 0, 84, 1, Ipv4Header.DF, 64, IpProtocol.ICMP, 0x0a000001, 0x0a000002);
        assertThat(Checksum.verify(b, 0, 20)).isTrue();
        b[8] = 63;
        assertThat(Checksum.verify(b, 0, 20)).isFalse();
    }

    @Test
    void rfc1624Eqn3ExampleGivesPlusZero() {
        // RFC 1624 section 4: HC = 0xdd2f, m = 0x5555 -> m' = 0x3285; eqn. 3 gives 0x0000, which
        // is what a full recomputation gives, where RFC 1141's eqn. 2 would give 0xffff.
        assertThat(Checksum.update(0xdd2f, 0x5555, 0x3285)).isEqualTo(0x0000);
    }

    @Test
    void headerWrittenFromValuesCarriesTheSummedChecksum() {
        Random r = new Random(43);
        byte[] b = new byte[24];
        for (int n = 0; n < 20_000; n++) {
            int tos = r.nextInt(256);
            int len = r.nextInt(65536);
            int id = r.nextInt(65536);
            int fo = r.nextInt(65536);
            int ttl = r.nextInt(256);
            int proto = r.nextInt(256);
            int src = n < 4 ? -1 : r.nextInt();
            int dst = n < 2 ? -1 : r.nextInt();
            Ipv4Header.write(b, 2, tos, len, id, fo, ttl, proto, src, dst);
            assertThat(new int[] {Ipv4Header.version(b, 2), Ipv4Header.headerLength(b, 2), Ipv4Header.tos(b, 2),
                Ipv4Header.totalLength(b, 2), Ipv4Header.identification(b, 2), Ipv4Header.flagsAndOffset(b, 2),
                Ipv4Header.ttl(b, 2), Ipv4Header.protocol(b, 2), Ipv4Header.source(b, 2), Ipv4Header.destination(b, 2)})
                    .containsExactly(4, 20, tos, len, id, fo, ttl, proto, src, dst);
            assertThat(Ipv4Header.checksum(b, 2)).isEqualTo(Ipv4Header.computeChecksum(b, 2));
        }
    }

    @Test
    void incrementalTtlDecrementEqualsFullRecomputation() {
        Random r = new Random(42);
        byte[] b = new byte[20];
        for (int n = 0; n < 20_000; n++) {
            Ipv4Header.write(b, 0, r.nextInt(256), r.nextInt(65536), r.nextInt(65536), r.nextInt(65536),
                    2 + r.nextInt(254), r.nextInt(256), r.nextInt(), r.nextInt());
            int ttl = Ipv4Header.decrementTtl(b, 0);
            assertThat(ttl).isEqualTo(Ipv4Header.ttl(b, 0));
            assertThat(Ipv4Header.checksum(b, 0)).isEqualTo(Ipv4Header.computeChecksum(b, 0));
            assertThat(Ipv4Header.verifyChecksum(b, 0)).isTrue();
        }
    }

    @Test
    void pseudoHeaderMatchesExplicitBytes() {
        byte[] ph = {10, (byte) 244, 0, 1, 10, (byte) 244, 0, 2, 0, 17, 0, 64};
        assertThat(Checksum.fold(Checksum.pseudoHeader(0x0af40001, 0x0af40002, 17, 64)))
                .isEqualTo(Checksum.fold(Checksum.add(0, ph, 0, ph.length)));
    }
    @Test
    void udpChecksumOverTheWrittenHeadEqualsTheFullOneWhenTheRestIsZero() {
        int src = 0x0a000001;
        int dst = 0x0a000022;
        for (int len : new int[] {8, 9, 10, 11, 64, 1008, 1009}) {
            for (int head = 0; head <= Math.min(13, len - 8); head++) {
                byte[] full = new byte[len + 5];
                UdpHeader.write(full, 3, 40000 + head, 9, len);
                for (int i = 0; i < head; i++) {
                    full[3 + 8 + i] = (byte) (0xa5 + 31 * i);
                }
                byte[] part = full.clone();
                UdpHeader.fillChecksum(full, 3, len, src, dst);
                UdpHeader.fillChecksum(part, 3, len, 8 + head, src, dst);
                assertThat(part).as("len %d head %d", len, head).isEqualTo(full);
                assertThat(UdpHeader.verifyChecksum(part, 3, len, src, dst)).isTrue();
            }
        }
    }

    /** The end-around-carry fold by masks and shifts, 16 bits at a time: what {@link Checksum#fold} must equal. */
    private static int referenceFold(long sum) {
        sum = (sum & 0xffff_ffffL) + (sum >>> 32);
        sum = (sum & 0xffff_ffffL) + (sum >>> 32);
        while (sum > 0xffff) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    @Test
    void rotatingFoldEqualsMaskAndShiftFold() {
        long[] edges = {0, 1, 0xffff, 0x1_0000, 0x1_fffe, 0xffff_ffffL, 0x1_0000_0000L, 0xffff_fffe_0000_0001L,
            -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0xffff_0000_ffff_0000L, 0x0000_ffff_0000_ffffL};
        for (long s : edges) {
            assertThat(Checksum.fold(s)).as("fold(0x%x)", s).isEqualTo(referenceFold(s));
            assertThat(Checksum.finish(s)).isEqualTo(~referenceFold(s) & 0xffff);
        }
        Random r = new Random(11);
        for (int n = 0; n < 200_000; n++) {
            long s = r.nextLong() >>> r.nextInt(64);
            assertThat(Checksum.fold(s)).isEqualTo(referenceFold(s));
            int x = r.nextInt() >>> r.nextInt(32);
            assertThat(Checksum.fold32(x)).isEqualTo(referenceFold(Integer.toUnsignedLong(x)));
        }
        for (int x : new int[] {0, 1, 0xffff, 0x1_0000, 0xfffe_0001, -1, Integer.MIN_VALUE, 0xffff_0000}) {
            assertThat(Checksum.fold32(x)).as("fold32(0x%x)", x).isEqualTo(referenceFold(Integer.toUnsignedLong(x)));
        }
    }
}
