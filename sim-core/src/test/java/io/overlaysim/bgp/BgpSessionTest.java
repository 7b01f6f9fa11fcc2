package io.overlaysim.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.capture.PcapReader;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two speakers over the in-memory transport: message order, OPEN errors, collisions, timers. */
class BgpSessionTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Ipv4Address A = Ipv4Address.parse("192.168.0.176");
    private static final Ipv4Address B = Ipv4Address.parse("192.168.0.146");

    /** Records every message per direction, framed from the delivered bytes. */
    private static final class Wire implements SimulatedPipeTransport.Tap {
        final Map<String, byte[]> pending = new HashMap<>();
        final List<String> log = new ArrayList<>();
        final Map<String, List<byte[]>> messages = new HashMap<>();

        @Override
        public void delivered(BgpTransport.Connection from, byte[] bytes, int offset, int length) {
            String dir = from.localAddress() + ">" + from.remoteAddress();
            byte[] old = pending.getOrDefault(dir, new byte[0]);
            byte[] buf = new byte[old.length + length];
            System.arraycopy(old, 0, buf, 0, old.length);
            System.arraycopy(bytes, offset, buf, old.length, length);
            int at = 0;
            while (buf.length - at >= 19) {
                int len = ((buf[at + 16] & 0xff) << 8) | (buf[at + 17] & 0xff);
                if (buf.length - at < len) {
                    break;
                }
                byte[] m = java.util.Arrays.copyOfRange(buf, at, at + len);
                messages.computeIfAbsent(dir, k -> new ArrayList<>()).add(m);
                log.add(dir + " " + name(m));
                at += len;
            }
            pending.put(dir, java.util.Arrays.copyOfRange(buf, at, buf.length));
        }

        static String name(byte[] m) {
            String t = MessageType.ofCode(m[18] & 0xff).name();
            return m[18] == 2 && m.length == 23 ? "END_OF_RIB" : t;
        }

        List<String> types(Ipv4Address from, Ipv4Address to) {
            return messages.getOrDefault(from + ">" + to, List.of()).stream().map(Wire::name).toList();
        }
    }

    private record Pair(Simulation sim, SimulatedPipeTransport net, Wire wire, BgpSpeaker a, BgpSpeaker b) {}

    private static Pair pair(PeerConfig aToB, PeerConfig bToA, long bAs, int segment) {
        Simulation sim = new Simulation(11);
        SimulatedPipeTransport net = new SimulatedPipeTransport(sim, 50_000, segment);
        Wire wire = new Wire();
        net.tap(wire);
        BgpSpeaker a = new BgpSpeaker(sim, net, "bird", A, 64512);
        BgpSpeaker b = new BgpSpeaker(sim, net, "peer", B, bAs);
        a.addNeighbor(aToB);
        b.addNeighbor(bToA);
        return new Pair(sim, net, wire, a, b);
    }

    private static PeerConfig to(Ipv4Address addr, long as) {
        return PeerConfig.of(addr, as).withTimers(BgpTimers.CALICO.withHold(9, 3));
    }

    @Test
    void sessionFollowsTheCorpusOrderOpenKeepaliveUpdatesEndOfRibThenCease() throws Exception {
        // As in bird-gobgp-ibgp: BIRD connects, the other side is passive; tiny segments test framing.
        Pair p = pair(to(B, 64512), to(A, 64512).withPassive(true), 64512, 7);
        p.a().originate(Ipv4Prefix.parse("172.16.52.128/26"));
        p.a().originate(Ipv4Prefix.parse("172.16.52.64/26"));
        p.b().originate(Ipv4Prefix.parse("172.16.103.64/26"));
        p.a().start();
        p.b().start();
        p.sim().runUntil(10 * SECOND);
        p.a().withdrawOriginated(Ipv4Prefix.parse("172.16.52.64/26"));
        p.sim().runUntil(11 * SECOND);
        p.a().disable(B);
        p.sim().runUntil(12 * SECOND);

        List<String> ab = p.wire().types(A, B);
        assertThat(ab.subList(0, 4)).containsExactly("OPEN", "KEEPALIVE", "UPDATE", "END_OF_RIB");
        assertThat(ab.get(ab.size() - 1)).isEqualTo("NOTIFICATION");
        assertThat(ab).containsSubsequence("END_OF_RIB", "UPDATE", "NOTIFICATION");
        assertThat(p.wire().types(B, A).subList(0, 4)).containsExactly("OPEN", "KEEPALIVE", "UPDATE", "END_OF_RIB");
        // Keepalives every 3 s in between (hold 9 s, keepalive 3 s).
        assertThat(ab.stream().filter("KEEPALIVE"::equals).count()).isBetween(3L, 5L);

        // Our OPEN is BIRD's OPEN of the capture, byte for byte; our UPDATE has its attributes and length.
        byte[] birdOpen = corpusMessages("bird-gobgp-ibgp").get(0);
        List<byte[]> ours = p.wire().messages.get(A + ">" + B);
        assertThat(ours.get(0)).isEqualTo(birdOpen);
        byte[] birdUpdate = corpusMessages("bird-gobgp-ibgp").get(2);
        assertThat(ours.get(2)).hasSameSizeAs(birdUpdate);
        UpdateMessage theirs = (UpdateMessage) BgpCodec.decode(birdUpdate, SessionContext.FOUR_OCTET_AS);
        UpdateMessage mine = (UpdateMessage) BgpCodec.decode(ours.get(2), SessionContext.FOUR_OCTET_AS);
        assertThat(mine.attributes()).isEqualTo(theirs.attributes());
        assertThat(mine.nlri()).containsExactlyInAnyOrderElementsOf(theirs.nlri());
        // The withdrawal is BIRD's 28-byte UPDATE; the Cease is Administrative Shutdown with no data.
        assertThat(ours.get(ours.size() - 1)).containsExactly(BgpCodec.encode(
                NotificationMessage.of(ErrorSubcode.Cease.ADMINISTRATIVE_SHUTDOWN), SessionContext.PLAIN));
        assertThat(ours.stream().filter(m -> m.length == 28 && m[18] == 2)).hasSize(1);
        assertThat(p.b().best(Ipv4Prefix.parse("172.16.52.128/26"))).isNull();
    }

    private static List<byte[]> corpusMessages(String name) throws Exception {
        byte[] pcap;
        try (InputStream in = BgpSessionTest.class.getResourceAsStream("/corpus/bgp/" + name + ".pcap")) {
            pcap = in.readAllBytes();
        }
        for (TcpStreams.Stream s : TcpStreams.reassemble(PcapReader.parse(name, pcap)).values()) {
            List<byte[]> ms = TcpStreams.messages(s.bytes(), SessionContext.FOUR_OCTET_AS);
            OpenMessage o = (OpenMessage) BgpCodec.decode(ms.get(0), SessionContext.PLAIN);
            if (o.bgpIdentifier().equals(A)) {
                return ms;
            }
        }
        throw new AssertionError("no BIRD stream in " + name);
    }

    @Test
    void wrongAsGetsBadPeerAsAsBirdSendsIt() {
        // B really is AS 64513 but A expects 64512: BIRD answers OPEN Message Error / Bad Peer AS,
        // data = the AS from the 4-octet AS capability, and closes.
        Pair p = pair(to(B, 64512), to(A, 64512).withPassive(true), 64513, 1448);
        p.a().start();
        p.b().start();
        p.sim().runUntil(5 * SECOND);
        NotificationMessage n = p.a().neighbor(B).lastNotificationSent();
        assertThat(n.code()).isEqualTo(2);
        assertThat(n.subcode()).isEqualTo(2);
        assertThat(n.data()).containsExactly(0, 0, 0xfc, 0x01); // 64513
        assertThat(p.b().neighbor(A).lastNotificationReceived()).isEqualTo(n);
        assertThat(p.wire().types(A, B)).containsExactly("OPEN", "NOTIFICATION");
        assertThat(p.a().neighbor(B).state()).isEqualTo(BgpState.IDLE);
        assertThat(p.a().neighbor(B).errorWaiting()).isTrue();
        // B's (correct) check of A passes; it is A that refuses: no session.
        p.sim().runUntil(200 * SECOND);
        assertThat(p.a().neighbor(B).establishedCount()).isZero();
    }

    @Test
    void unacceptableHoldTimeIsRefused() {
        Pair p = pair(to(B, 64512), to(A, 64512).withPassive(true), 64512, 1448);
        // Hold time 2 cannot be configured (BgpTimers refuses it); send such an OPEN by hand.
        List<BgpMessage> got = new ArrayList<>();
        p.net().listen(B, BgpTransport.BGP_PORT, c -> new BgpTransport.Handler() {
            @Override
            public void connected(BgpTransport.Connection x) { }

            @Override
            public void data(BgpTransport.Connection x, byte[] b, int o, int l) {
                try {
                    got.add(BgpCodec.decode(java.util.Arrays.copyOfRange(b, o, o + l), SessionContext.PLAIN));
                } catch (BgpDecodeException e) {
                    throw new AssertionError(e);
                }
                if (got.size() == 1) {
                    byte[] open = BgpCodec.encode(OpenMessage.of(64512, 2, B, List.of()), SessionContext.PLAIN);
                    x.write(open, 0, open.length);
                }
            }

            @Override
            public void closed(BgpTransport.Connection x) { }

            @Override
            public void failed(BgpTransport.Connection x, String reason) { }
        });
        p.a().start();
        p.sim().runUntil(5 * SECOND);
        assertThat(got).hasSize(2);
        assertThat(got.get(1)).isEqualTo(NotificationMessage.of(ErrorSubcode.Open.UNACCEPTABLE_HOLD_TIME, new byte[] {0, 2}));
    }

    @Test
    void holdTimeIsTheSmallerOfTheTwo() {
        Pair p = pair(to(B, 64512), PeerConfig.of(A, 64512).withTimers(BgpTimers.CALICO.withHold(30, 10)), 64512, 1448);
        p.a().start();
        p.b().start();
        p.sim().runUntil(() -> p.a().neighbor(B).established() != null);
        assertThat(p.a().neighbor(B).established().negotiatedHold()).isEqualTo(9);
        p.sim().runUntil(() -> p.b().neighbor(A).established() != null);
        assertThat(p.b().neighbor(A).established().negotiatedHold()).isEqualTo(9);
        assertThat(p.b().neighbor(A).established().negotiatedKeepalive()).isEqualTo(3);
    }

    @Test
    void collisionKeepsTheConnectionOfTheHigherIdentifier() {
        // Both sides active with the same connect delay: both connect at once, both connections
        // reach OpenConfirm, and the one opened by A (higher id .176) survives (RFC 4271 §6.8).
        Pair p = pair(to(B, 64512), to(A, 64512), 64512, 1448);
        p.a().start();
        p.b().start();
        p.sim().runUntil(10 * SECOND);
        BgpNeighbor ab = p.a().neighbor(B);
        BgpNeighbor ba = p.b().neighbor(A);
        assertThat(ab.established()).isNotNull();
        assertThat(ab.established().outgoing()).isTrue();
        assertThat(ba.established().outgoing()).isFalse();
        assertThat(ab.establishedCount()).isEqualTo(1);
        // The losing connection was closed with Cease / Connection Collision Resolution.
        assertThat(ba.lastNotificationSent())
                .isEqualTo(NotificationMessage.of(ErrorSubcode.Cease.CONNECTION_COLLISION_RESOLUTION));
        assertThat(ab.log()).anyMatch(l -> l.contains("OPEN_COLLISION_DUMP") || l.contains("incoming OpenConfirm -> Idle"));
    }

    @Test
    void resetConnectionReconnectsAfterConnectDelayAndRoutesComeBack() {
        Pair p = pair(to(B, 64512), to(A, 64512).withPassive(true), 64512, 1448);
        p.b().originate(Ipv4Prefix.parse("172.16.103.64/26"));
        p.a().start();
        p.b().start();
        p.sim().runUntil(() -> p.a().best(Ipv4Prefix.parse("172.16.103.64/26")) != null);
        long t0 = p.sim().now();
        // A malformed message from B: a KEEPALIVE of 20 bytes is Bad Message Length (RFC 4271 §6.1).
        byte[] bad = new byte[20];
        java.util.Arrays.fill(bad, 0, 16, (byte) 0xff);
        bad[17] = 20;
        bad[18] = 4;
        p.b().neighbor(A).established().sendRaw(bad);
        p.sim().runUntil(t0 + SECOND);
        assertThat(p.a().neighbor(B).lastNotificationSent()).isEqualTo(
                NotificationMessage.of(ErrorSubcode.MessageHeader.BAD_MESSAGE_LENGTH, new byte[] {0, 20}));
        assertThat(p.a().best(Ipv4Prefix.parse("172.16.103.64/26"))).isNull();
        // BIRD waits its error wait time (60 s), then the connect delay (2 s).
        p.sim().runUntil(() -> p.a().best(Ipv4Prefix.parse("172.16.103.64/26")) != null);
        assertThat(p.sim().now() - t0).isBetween(62 * SECOND, 63 * SECOND);
    }
}
