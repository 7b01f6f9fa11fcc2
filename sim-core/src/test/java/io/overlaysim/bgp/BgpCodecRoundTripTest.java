package io.overlaysim.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Encode → decode → encode of built messages: every field survives, bytes are stable. */
class BgpCodecRoundTripTest {
    private static final HexFormat HEX = HexFormat.of();

    static BgpMessage roundTrip(BgpMessage m, SessionContext ctx) throws BgpDecodeException {
        byte[] bytes = BgpCodec.encode(m, ctx);
        BgpMessage back = BgpCodec.decode(bytes, ctx);
        assertThat(back).isEqualTo(m);
        assertThat(BgpCodec.encode(back, ctx)).isEqualTo(bytes);
        return back;
    }

    @Test
    void keepaliveIsTheBareHeader() throws Exception {
        assertThat(HEX.formatHex(BgpCodec.encode(KeepaliveMessage.INSTANCE, SessionContext.PLAIN)))
                .isEqualTo("ffffffffffffffffffffffffffffffff001304");
        roundTrip(KeepaliveMessage.INSTANCE, SessionContext.PLAIN);
    }

    @Test
    void openWithEveryCapabilityKind() throws Exception {
        List<Capability> caps = List.of(
                new Capability.MultiProtocol(AfiSafi.IPV4_UNICAST),
                new Capability.MultiProtocol(AfiSafi.IPV6_UNICAST),
                new Capability.RouteRefresh(),
                new Capability.ExtendedNextHop(List.of(new Capability.ExtendedNextHop.Entry(1, 1, 2))),
                new Capability.ExtendedMessage(),
                new Capability.GracefulRestart(8, 240, List.of(new Capability.GracefulRestart.Entry(AfiSafi.IPV4_UNICAST, 0x80))),
                new Capability.FourOctetAs(4_200_000_000L),
                new Capability.AddPath(List.of(new Capability.AddPath.Entry(AfiSafi.IPV4_UNICAST, 3))),
                new Capability.EnhancedRouteRefresh(),
                new Capability.LongLivedGracefulRestart(List.of(
                        new Capability.LongLivedGracefulRestart.Entry(AfiSafi.IPV4_UNICAST, 0x80, 0xabcdef))),
                new Capability.Fqdn("worker01", "cluster.local"),
                new Capability.Unknown(128, new byte[0]),
                new Capability.Unknown(200, new byte[] {1, 2, 3}));
        OpenMessage o = OpenMessage.of(4_200_000_000L, 240, Ipv4Address.parse("192.168.0.176"), caps);
        assertThat(o.myAs()).isEqualTo(OpenMessage.AS_TRANS);
        assertThat(o.peerAs()).isEqualTo(4_200_000_000L);
        OpenMessage back = (OpenMessage) roundTrip(o, SessionContext.PLAIN);
        assertThat(back.capability(Capability.Fqdn.class)).contains(new Capability.Fqdn("worker01", "cluster.local"));
    }

    @Test
    void openWithOneParameterPerCapabilityAndWithExtendedParameters() throws Exception {
        var one = List.of(List.<Capability>of(new Capability.RouteRefresh()),
                List.<Capability>of(new Capability.FourOctetAs(64512)));
        roundTrip(new OpenMessage(4, 64512, 90, Ipv4Address.parse("10.0.0.1"), one, false), SessionContext.PLAIN);
        OpenMessage ext = new OpenMessage(4, 64512, 90, Ipv4Address.parse("10.0.0.1"), one, true);
        byte[] bytes = BgpCodec.encode(ext, SessionContext.PLAIN);
        // RFC 9072 §2: Non-Ext OP Len 255, Non-Ext OP Type 255, then a 2-octet length.
        assertThat(HEX.formatHex(bytes, 28, 32)).isEqualTo("ffff000e");
        roundTrip(ext, SessionContext.PLAIN);
    }

    @Test
    void openWithoutParameters() throws Exception {
        OpenMessage o = OpenMessage.of(65001, 0, Ipv4Address.parse("1.2.3.4"), List.of());
        assertThat(BgpCodec.encode(o, SessionContext.PLAIN)).hasSize(29);
        assertThat(((OpenMessage) roundTrip(o, SessionContext.PLAIN)).peerAs()).isEqualTo(65001);
    }

    private static UpdateMessage everyAttribute() {
        return new UpdateMessage(
                List.of(Nlri.of(Ipv4Prefix.parse("10.9.0.0/16"))),
                List.of(PathAttribute.Origin.of(PathAttribute.Origin.INCOMPLETE),
                        new PathAttribute.AsPath(PathAttribute.wellKnown, List.of(
                                AsPathSegment.sequence(64513, 4_200_000_000L), AsPathSegment.set(65001, 65002))),
                        PathAttribute.NextHop.of(Ipv4Address.parse("192.168.0.146")),
                        PathAttribute.MultiExitDisc.of(4_000_000_000L),
                        PathAttribute.LocalPref.of(200),
                        new PathAttribute.AtomicAggregate(PathAttribute.wellKnown),
                        new PathAttribute.Aggregator(PathAttribute.optionalTransitive, 64513, Ipv4Address.parse("192.168.0.1")),
                        new PathAttribute.Communities(PathAttribute.optionalTransitive,
                                List.of(Community.of(64512, 100), Community.NO_EXPORT)),
                        PathAttribute.OriginatorId.of(Ipv4Address.parse("192.168.0.241")),
                        new PathAttribute.ClusterList(PathAttribute.optionalNonTransitive,
                                List.of(Ipv4Address.parse("1.1.1.1"), Ipv4Address.parse("2.2.2.2"))),
                        new PathAttribute.Unknown(0xc0, 32, HEX.parseHex("0000fde80000000100000002"))),
                List.of(Nlri.of(Ipv4Prefix.parse("172.16.52.128/26")), Nlri.of(Ipv4Prefix.DEFAULT),
                        Nlri.of(Ipv4Prefix.parse("172.16.52.132/32"))));
    }

    @Test
    void updateWithEveryAttributeIn4OctetAnd2OctetSessions() throws Exception {
        roundTrip(everyAttribute(), SessionContext.FOUR_OCTET_AS);
        // On a 2-octet session AS numbers above 65535 go out as AS_TRANS (RFC 6793 §4.2.2).
        byte[] two = BgpCodec.encode(everyAttribute(), SessionContext.PLAIN);
        UpdateMessage back = (UpdateMessage) BgpCodec.decode(two, SessionContext.PLAIN);
        PathAttribute.AsPath path = back.attribute(PathAttribute.AsPath.class).orElseThrow();
        assertThat(path.segments().get(0).asn(1)).isEqualTo(OpenMessage.AS_TRANS);
        assertThat(path.pathLength()).isEqualTo(3);
        assertThat(BgpCodec.encode(back, SessionContext.PLAIN)).isEqualTo(two);
        assertThat(two.length).isLessThan(BgpCodec.encode(everyAttribute(), SessionContext.FOUR_OCTET_AS).length);
    }

    @Test
    void addPathIdentifiersTravelWithEachNlri() throws Exception {
        SessionContext ctx = new SessionContext(true, false, Set.of(AfiSafi.IPV4_UNICAST));
        UpdateMessage u = new UpdateMessage(List.of(Nlri.of(7, Ipv4Prefix.parse("10.0.0.0/8"))),
                List.of(PathAttribute.Origin.of(0), PathAttribute.AsPath.EMPTY, PathAttribute.NextHop.of(Ipv4Address.parse("10.1.1.1"))),
                List.of(Nlri.of(1, Ipv4Prefix.parse("172.16.52.128/26")), Nlri.of(2, Ipv4Prefix.parse("172.16.52.128/26"))));
        byte[] bytes = BgpCodec.encode(u, ctx);
        assertThat(HEX.formatHex(bytes, 19, 27)).isEqualTo("0006" + "00000007" + "080a");
        roundTrip(u, ctx);
        assertThat(BgpCodec.encode(u, SessionContext.FOUR_OCTET_AS)).hasSize(bytes.length - 12);
    }

    @Test
    void hostBitsInAnNlriSurviveButThePrefixIsNormalized() throws Exception {
        byte[] bytes = HEX.parseHex("ffffffffffffffffffffffffffffffff" + "001c02" + "0005" + "1aac1034ff" + "0000");
        UpdateMessage u = (UpdateMessage) BgpCodec.decode(bytes, SessionContext.PLAIN);
        assertThat(u.withdrawn().get(0).prefix()).isEqualTo(Ipv4Prefix.parse("172.16.52.192/26"));
        assertThat(BgpCodec.encode(u, SessionContext.PLAIN)).isEqualTo(bytes);
    }

    @Test
    void extendedLengthAndPartialFlagsAreKeptAsReceived() throws Exception {
        // ORIGIN with the Extended Length bit (0x50) and a Partial bit on a well-known attribute.
        byte[] bytes = HEX.parseHex("ffffffffffffffffffffffffffffffff" + "001f02" + "0000" + "0008"
                + "5001000100" + "600200");
        UpdateMessage u = (UpdateMessage) BgpCodec.decode(bytes, SessionContext.PLAIN);
        assertThat(u.attributes().get(0).flags()).isEqualTo(0x50);
        assertThat(u.attributes().get(1).flags()).isEqualTo(0x60);
        assertThat(BgpCodec.encode(u, SessionContext.PLAIN)).isEqualTo(bytes);
    }

    @Test
    void longAttributesGetTheExtendedLengthBit() throws Exception {
        List<Community> many = java.util.stream.IntStream.range(0, 100).mapToObj(i -> Community.of(64512, i)).toList();
        UpdateMessage u = new UpdateMessage(List.of(),
                List.of(new PathAttribute.Communities(PathAttribute.optionalTransitive, many)), List.of());
        byte[] bytes = BgpCodec.encode(u, SessionContext.PLAIN);
        assertThat(bytes[23] & 0xff).isEqualTo(0xd0);
        UpdateMessage back = (UpdateMessage) BgpCodec.decode(bytes, SessionContext.PLAIN);
        assertThat(back.attribute(PathAttribute.Communities.class).orElseThrow().communities()).isEqualTo(many);
    }

    @Test
    void unknownOptionalTransitiveIsPassedOnWithThePartialBit() {
        var t = new PathAttribute.Unknown(0xc0, 99, new byte[] {1});
        assertThat(t.passedOn().flags()).isEqualTo(0xe0);
        assertThat(new PathAttribute.Unknown(0x80, 99, new byte[] {1}).passedOn()).isNull();
    }

    @Test
    void multiprotocolReachAndUnreachAndEndOfRib() throws Exception {
        SessionContext ctx = SessionContext.FOUR_OCTET_AS;
        byte[] v6nh = HEX.parseHex("20010db8000000000000000000000001");
        UpdateMessage u = new UpdateMessage(List.of(), List.of(
                new PathAttribute.MpReachNlri(PathAttribute.optionalNonTransitive, AfiSafi.IPV6_UNICAST, v6nh, 0,
                        HEX.parseHex("2020010db8")),
                PathAttribute.Origin.of(0), PathAttribute.AsPath.EMPTY), List.of());
        roundTrip(u, ctx);
        UpdateMessage v4 = new UpdateMessage(List.of(), List.of(
                new PathAttribute.MpReachNlri(PathAttribute.optionalNonTransitive, AfiSafi.IPV4_UNICAST, v6nh, 0,
                        HEX.parseHex("1aac103480")),
                PathAttribute.Origin.of(0), PathAttribute.AsPath.EMPTY), List.of());
        UpdateMessage back = (UpdateMessage) roundTrip(v4, ctx);
        assertThat(BgpCodec.ipv4Nlri(back.attribute(PathAttribute.MpReachNlri.class).orElseThrow(), ctx))
                .containsExactly(Nlri.of(Ipv4Prefix.parse("172.16.52.128/26")));

        UpdateMessage eor6 = UpdateMessage.endOfRib(AfiSafi.IPV6_UNICAST);
        assertThat(((UpdateMessage) roundTrip(eor6, ctx)).endOfRib()).contains(AfiSafi.IPV6_UNICAST);
        assertThat(BgpCodec.encode(UpdateMessage.endOfRib(AfiSafi.IPV4_UNICAST), ctx)).hasSize(23);
        assertThat(everyAttribute().endOfRib()).isEmpty();
    }

    @Test
    void notificationWithShutdownCommunication() throws Exception {
        NotificationMessage n = NotificationMessage.shutdown(ErrorSubcode.Cease.ADMINISTRATIVE_SHUTDOWN, "maintenance ✓");
        NotificationMessage back = (NotificationMessage) roundTrip(n, SessionContext.PLAIN);
        assertThat(back.shutdownCommunication()).contains("maintenance ✓");
        assertThat(back).hasToString("Cease (6) / Administrative Shutdown (2), data 0f6d61696e74656e616e636520e29c93");
        // RFC 9003 §3: a length that disagrees with the data is ignored, not an error.
        assertThat(new NotificationMessage(6, 2, new byte[] {9, 'a'}).shutdownCommunication()).isEmpty();
        roundTrip(NotificationMessage.holdTimerExpired(), SessionContext.PLAIN);
        roundTrip(new NotificationMessage(99, 42, new byte[] {1, 2}), SessionContext.PLAIN);
    }

    @Test
    void everySubcodeHasItsNameAndNumber() {
        assertThat(ErrorSubcode.of(1, 2)).isEqualTo(ErrorSubcode.MessageHeader.BAD_MESSAGE_LENGTH);
        assertThat(ErrorSubcode.of(2, 11)).isEqualTo(ErrorSubcode.Open.ROLE_MISMATCH);
        assertThat(ErrorSubcode.of(3, 11)).isEqualTo(ErrorSubcode.Update.MALFORMED_AS_PATH);
        assertThat(ErrorSubcode.of(5, 3)).isEqualTo(ErrorSubcode.Fsm.UNEXPECTED_MESSAGE_IN_ESTABLISHED);
        assertThat(ErrorSubcode.of(6, 10)).isEqualTo(ErrorSubcode.Cease.BFD_DOWN);
        assertThat(ErrorSubcode.of(7, 1)).isEqualTo(ErrorSubcode.RouteRefresh.INVALID_MESSAGE_LENGTH);
        assertThat(ErrorSubcode.of(4, 0)).isNull();
        assertThat(ErrorSubcode.of(42, 0)).isNull();
        for (ErrorSubcode.Cease c : ErrorSubcode.Cease.values()) {
            assertThat(ErrorSubcode.of(6, c.value())).isEqualTo(c);
        }
    }

    @Test
    void routeRefreshWithEnhancedSubtypes() throws Exception {
        for (int subtype : new int[] {0, 1, 2, 7}) {
            RouteRefreshMessage r = new RouteRefreshMessage(AfiSafi.IPV4_UNICAST, subtype);
            assertThat(BgpCodec.encode(r, SessionContext.PLAIN)).hasSize(23);
            roundTrip(r, SessionContext.PLAIN);
        }
    }
}
