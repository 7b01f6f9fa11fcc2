package io.overlaysim.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ChecksumOffload#frameSum}: for every inner packet, an outer UDP checksum built on
 * {@code lco_csum} is the one summed over every byte; the shortcut is taken exactly for a
 * {@code CHECKSUM_PARTIAL} TCP or UDP segment long enough to pay, and then does not read the
 * segment.
 */
class ChecksumOffloadTest {
    private static final int OUTER_SRC = 0xc0a80001;
    private static final int OUTER_DST = 0xc0a80002;

    /** A built frame: the packet, its Ethernet offset and length, the inner L4 offset. */
    private record Frame(PacketBuffer p, int eth, int len, int l4) {
    }

    /**
     * An Ethernet + IPv4 frame carrying {@code proto} with {@code payload} bytes after an L4
     * header, optional IP options, checksums filled, {@code pad} bytes of Ethernet padding.
     */
    private static Frame frame(SplittableRandom r, int proto, int payload, int ipOptions, int fragWord, int pad) {
        int ihl = Ipv4Header.MIN_LENGTH + ipOptions;
        int l4len = switch (proto) {
            case IpProtocol.TCP -> TcpHeader.MIN_LENGTH + 4 * r.nextInt(11) + payload;
            case IpProtocol.UDP -> UdpHeader.LENGTH + payload;
            default -> 8 + payload;
        };
        int len = EthernetHeader.LENGTH + ihl + l4len + pad;
        PacketBuffer p = PacketBuffer.allocate(r.nextInt(2) == 0 ? PacketBuffer.DEFAULT_HEADROOM : 4, len);
        int eth = p.put(len);
        byte[] b = p.array();
        for (int i = eth; i < eth + len; i++) {
            b[i] = (byte) r.nextInt();
        }
        EthernetHeader.write(b, eth, 0x02420af40002L, 0x02420af40001L, EtherType.IPV4);
        int ip = eth + EthernetHeader.LENGTH;
        int src = r.nextInt();
        int dst = r.nextInt();
        Ipv4Header.write(b, ip, r.nextInt(256), ihl + l4len, r.nextInt(0x10000), fragWord, 1 + r.nextInt(255), proto, src, dst);
        b[ip] = (byte) (0x40 | (ihl / 4));
        Ipv4Header.fillChecksum(b, ip);
        int l4 = ip + ihl;
        switch (proto) {
            case IpProtocol.TCP -> {
                b[l4 + 12] = (byte) (((TcpHeader.MIN_LENGTH + (l4len - payload - TcpHeader.MIN_LENGTH)) / 4) << 4);
                TcpHeader.fillChecksum(b, l4, l4len, src, dst);
            }
            case IpProtocol.UDP -> {
                UdpHeader.write(b, l4, r.nextInt(0x10000), r.nextInt(0x10000), l4len);
                UdpHeader.fillChecksum(b, l4, l4len, src, dst);
            }
            default -> IcmpHeader.fillChecksum(b, l4, l4len);
        }
        return new Frame(p, eth, len, l4);
    }

    /** The outer UDP checksum over the frame, as {@code udp_set_csum} finishes it, from a frame sum. */
    private static int outer(Frame f, long frameSum) {
        int udpLen = UdpHeader.LENGTH + 8 + f.len();
        long s = Checksum.pseudoHeader(OUTER_SRC, OUTER_DST, IpProtocol.UDP, udpLen) + 0x8123 + 4789 + udpLen + 0x0800 + 0x1000;
        return Checksum.finish(s + frameSum);
    }

    private static int full(Frame f) {
        return outer(f, Checksum.add(0, f.p().array(), f.eth(), f.len()));
    }

    private static int lco(Frame f) {
        return outer(f, ChecksumOffload.frameSum(f.p(), f.p().array(), f.eth(), f.len()));
    }

    @Test
    void theShortcutGivesTheFullSumsChecksumForEveryTcpAndUdpSegment() {
        SplittableRandom r = new SplittableRandom(6);
        int n = 0;
        for (int proto : new int[] {IpProtocol.UDP, IpProtocol.TCP}) {
            for (int payload = 0; payload < 1500; payload += 1 + r.nextInt(7)) {
                for (int k = 0; k < 4; k++) {
                    Frame f = frame(r, proto, payload, 4 * r.nextInt(3), r.nextInt(2) == 0 ? Ipv4Header.DF : 0, 0);
                    f.p().setChecksumPartial(f.l4());
                    assertThat(lco(f)).as("proto %d payload %d", proto, payload).isEqualTo(full(f));
                    n++;
                }
            }
        }
        assertThat(n).isGreaterThan(2000);
    }

    @Test
    void theShortcutDoesNotReadTheSegment() {
        SplittableRandom r = new SplittableRandom(7);
        Frame f = frame(r, IpProtocol.UDP, 600, 0, 0, 0);
        f.p().setChecksumPartial(f.l4());
        int before = lco(f);
        // a payload byte changed behind the stack's back: the shortcut cannot see it, the full sum does
        f.p().array()[f.l4() + UdpHeader.LENGTH + 3] ^= 0x5a;
        assertThat(lco(f)).isEqualTo(before);
        assertThat(full(f)).isNotEqualTo(before);
    }

    @Test
    void everythingElseIsSummedOverItsBytes() {
        SplittableRandom r = new SplittableRandom(8);
        for (int payload = 0; payload < 700; payload += 1 + r.nextInt(3)) {
            // marked, but not a case the shortcut covers: ICMP, a fragment, a UDP datagram without
            // checksum, a padded frame, a mark that points elsewhere; and a TCP segment not marked
            Frame icmp = frame(r, IpProtocol.ICMP, payload, 0, 0, 0);
            Frame first = frame(r, IpProtocol.UDP, payload, 0, Ipv4Header.MF, 0);
            Frame later = frame(r, IpProtocol.TCP, payload, 0, 185, 0);
            Frame noCsum = frame(r, IpProtocol.UDP, payload, 0, 0, 0);
            UdpHeader.setChecksum(noCsum.p().array(), noCsum.l4(), 0);
            Frame padded = frame(r, IpProtocol.UDP, payload, 0, 0, 1 + r.nextInt(40));
            Frame elsewhere = frame(r, IpProtocol.TCP, payload, 8, 0, 0);
            Frame unmarked = frame(r, IpProtocol.TCP, payload, 0, 0, 0);
            // and a marked segment too short for the shortcut to pay (ChecksumOffload.MIN_FRAME)
            Frame small = frame(r, IpProtocol.UDP, payload % 240, 0, 0, 0);
            assertThat(small.len()).isLessThan(ChecksumOffload.MIN_FRAME);
            for (Frame f : new Frame[] {icmp, first, later, noCsum, padded, elsewhere, small}) {
                f.p().setChecksumPartial(f == elsewhere ? f.l4() - 8 : f.l4());
            }
            for (Frame f : new Frame[] {icmp, first, later, noCsum, padded, elsewhere, unmarked, small}) {
                // corrupt the segment: a checksum that tracks the bytes changes with it
                int before = lco(f);
                assertThat(before).isEqualTo(full(f));
                f.p().array()[f.l4() + 2] ^= 0x11;
                assertThat(lco(f)).isEqualTo(full(f)).isNotEqualTo(before);
            }
        }
    }

    @Test
    void theMarkMovesWithTheBytesAndEndsWithReset() {
        PacketBuffer p = PacketBuffer.allocate(2, 100);
        p.put(100);
        p.setChecksumPartial(36);
        p.push(16);   // headroom runs out: the bytes move 128 further in
        assertThat(p.checksumPartialStart()).isEqualTo(36 + PacketBuffer.DEFAULT_HEADROOM);
        assertThat(p.copy().checksumPartialStart()).isEqualTo(36 + PacketBuffer.DEFAULT_HEADROOM);
        p.reset(0);
        assertThat(p.checksumPartialStart()).isEqualTo(PacketBuffer.UNSET);
    }
}
