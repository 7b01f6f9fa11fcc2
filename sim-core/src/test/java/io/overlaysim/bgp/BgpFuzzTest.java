package io.overlaysim.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.capture.PcapReader;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of valid messages: decoding only ever yields a message (which then
 * re-encodes to exactly the mutated bytes) or a {@link BgpDecodeException}; nothing else escapes.
 */
class BgpFuzzTest {
    private static final long SEED = 0x6270_6734L;
    private static final int ROUNDS = 40_000;
    private static final List<SessionContext> CONTEXTS = List.of(SessionContext.PLAIN, SessionContext.FOUR_OCTET_AS,
            new SessionContext(true, true, Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST)));

    private static List<byte[]> seeds() throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (String name : List.of("bird-gobgp-ibgp", "bird-gobgp-ebgp")) {
            try (InputStream in = BgpFuzzTest.class.getResourceAsStream("/corpus/bgp/" + name + ".pcap")) {
                for (var s : TcpStreams.reassemble(PcapReader.parse(name, in.readAllBytes())).values()) {
                    out.addAll(TcpStreams.messages(s.bytes(), SessionContext.FOUR_OCTET_AS));
                }
            }
        }
        HexFormat hex = HexFormat.of();
        SessionContext ap = CONTEXTS.get(2);
        out.add(BgpCodec.encode(new UpdateMessage(List.of(Nlri.of(3, Ipv4Prefix.parse("10.0.0.0/8"))), List.of(
                PathAttribute.Origin.of(0), PathAttribute.AsPath.sequence(64512, 65000),
                PathAttribute.NextHop.of(Ipv4Address.parse("10.0.0.1")), PathAttribute.MultiExitDisc.of(5),
                new PathAttribute.Aggregator(PathAttribute.optionalTransitive, 64512, Ipv4Address.parse("10.0.0.1")),
                new PathAttribute.Communities(PathAttribute.optionalTransitive, List.of(Community.NO_EXPORT)),
                PathAttribute.OriginatorId.of(Ipv4Address.parse("1.1.1.1")),
                new PathAttribute.ClusterList(PathAttribute.optionalNonTransitive, List.of(Ipv4Address.parse("2.2.2.2"))),
                new PathAttribute.MpReachNlri(PathAttribute.optionalNonTransitive, AfiSafi.IPV6_UNICAST,
                        hex.parseHex("20010db8000000000000000000000001"), 0, hex.parseHex("000000012020010db8")),
                new PathAttribute.Unknown(0xc0, 32, hex.parseHex("0000fde80000000100000002"))),
                List.of(Nlri.of(1, Ipv4Prefix.parse("172.16.0.0/26")))), ap));
        out.add(BgpCodec.encode(OpenMessage.of(64512, 240, Ipv4Address.parse("10.0.0.1"), List.of(
                new Capability.AddPath(List.of(new Capability.AddPath.Entry(AfiSafi.IPV4_UNICAST, 3))),
                new Capability.GracefulRestart(8, 120, List.of(new Capability.GracefulRestart.Entry(AfiSafi.IPV4_UNICAST, 0x80))),
                new Capability.LongLivedGracefulRestart(List.of(new Capability.LongLivedGracefulRestart.Entry(AfiSafi.IPV4_UNICAST, 0, 60))),
                new Capability.Fqdn("worker01", "lan"))), ap));
        out.add(BgpCodec.encode(NotificationMessage.shutdown(ErrorSubcode.Cease.ADMINISTRATIVE_RESET, "bye"), ap));
        out.add(BgpCodec.encode(new RouteRefreshMessage(AfiSafi.IPV4_UNICAST, 1), ap));
        out.add(BgpCodec.encode(UpdateMessage.endOfRib(AfiSafi.IPV6_UNICAST), ap));
        return out;
    }

    @Test
    void mutationsYieldAMessageOrTheTypedException() throws Exception {
        List<byte[]> seeds = seeds();
        Random rnd = new Random(SEED);
        int decoded = 0;
        int rejected = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] m = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
            SessionContext ctx = CONTEXTS.get(rnd.nextInt(CONTEXTS.size()));
            try {
                BgpMessage msg = BgpCodec.decode(m, ctx);
                decoded++;
                byte[] again = BgpCodec.encode(msg, ctx);
                if (!Arrays.equals(again, m)) {
                    throw new AssertionError("round " + round + ": " + HexFormat.of().formatHex(m)
                            + " re-encoded as " + HexFormat.of().formatHex(again));
                }
            } catch (BgpDecodeException e) {
                rejected++;
                assertThat(e.notification()).isNotNull();
                assertThat(e.getMessage()).isNotBlank();
            } catch (RuntimeException e) {
                throw new AssertionError("round " + round + " crashed on " + HexFormat.of().formatHex(m), e);
            }
        }
        // Both outcomes are exercised: the mutations are neither all fatal nor all harmless.
        assertThat(decoded).isGreaterThan(ROUNDS / 20);
        assertThat(rejected).isGreaterThan(ROUNDS / 5);
    }

    /** One to three random edits; the header's length is kept consistent most of the time. */
    private static byte[] mutate(byte[] seed, Random rnd) {
        byte[] m = seed.clone();
        int edits = 1 + rnd.nextInt(3);
        for (int i = 0; i < edits; i++) {
            if (m.length == 0) {
                break;
            }
            switch (rnd.nextInt(6)) {
                case 0 -> {
                    if (m.length > 19) {
                        m[19 + rnd.nextInt(m.length - 19)] ^= (byte) (1 << rnd.nextInt(8));
                    }
                }
                case 1 -> m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
                case 2 -> m = Arrays.copyOf(m, m.length - 1 - rnd.nextInt(Math.min(8, m.length)));
                case 3 -> {
                    byte[] longer = Arrays.copyOf(m, m.length + 1 + rnd.nextInt(8));
                    for (int j = m.length; j < longer.length; j++) {
                        longer[j] = (byte) rnd.nextInt(256);
                    }
                    m = longer;
                }
                case 4 -> {
                    if (m.length > 19) {
                        m[19 + rnd.nextInt(m.length - 19)] = (byte) (rnd.nextBoolean() ? 0 : 0xff);
                    }
                }
                default -> {
                    if (m.length > 20) {
                        int at = 19 + rnd.nextInt(m.length - 19);
                        m = concat(Arrays.copyOf(m, at), Arrays.copyOfRange(m, at + 1, m.length));
                    }
                }
            }
        }
        if (m.length >= 19 && rnd.nextInt(10) != 0) {
            m[16] = (byte) (m.length >>> 8);
            m[17] = (byte) m.length;
        }
        return m;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
