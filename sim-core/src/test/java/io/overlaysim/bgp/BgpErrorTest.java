package io.overlaysim.bgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Malformed messages give the NOTIFICATION of RFC 4271 §6 (code, subcode, data) and BIRD 2's action. */
class BgpErrorTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String MARKER = "ffffffffffffffffffffffffffffffff";
    private static final String ORIGIN = "40010100";
    private static final String AS_PATH = "400200";
    private static final String NEXT_HOP = "400304c0a800b0";
    private static final String NLRI = "1aac103480";

    static byte[] message(int type, String bodyHex) {
        byte[] body = HEX.parseHex(bodyHex);
        return HEX.parseHex(MARKER + String.format("%04x%02x", 19 + body.length, type) + bodyHex);
    }

    static byte[] update(String attrsHex, String nlriHex) {
        return message(2, "0000" + String.format("%04x", attrsHex.length() / 2) + attrsHex + nlriHex);
    }

    static BgpDecodeException fail(byte[] bytes, SessionContext ctx) {
        BgpDecodeException e = catchThrowableOfType(BgpDecodeException.class, () -> BgpCodec.decode(bytes, ctx));
        assertThat(e).as("expected a BgpDecodeException").isNotNull();
        return e;
    }

    static void expect(BgpDecodeException e, ErrorSubcode sub, String dataHex, ErrorAction action) {
        NotificationMessage n = e.notification();
        assertThat(n.subcodeName()).as(e.getMessage()).isEqualTo(sub);
        assertThat(HEX.formatHex(n.data())).as(e.getMessage()).isEqualTo(dataHex);
        assertThat(e.action()).as(e.getMessage()).isEqualTo(action);
    }

    private static final ErrorAction RESET = ErrorAction.SESSION_RESET;
    private static final ErrorAction WITHDRAW = ErrorAction.TREAT_AS_WITHDRAW;

    @Test
    void headerErrors() {
        byte[] bad = BgpCodec.encode(KeepaliveMessage.INSTANCE, SessionContext.PLAIN);
        bad[5] = 0;
        BgpDecodeException e = fail(bad, SessionContext.PLAIN);
        expect(e, ErrorSubcode.MessageHeader.CONNECTION_NOT_SYNCHRONIZED, "", RESET);
        assertThat(e.getMessage()).contains("marker octet 5 is 0x0, expected 0xff");

        expect(fail(HEX.parseHex(MARKER + "001204"), SessionContext.PLAIN),
                ErrorSubcode.MessageHeader.BAD_MESSAGE_LENGTH, "0012", RESET);
        expect(fail(message(4, "00"), SessionContext.PLAIN), ErrorSubcode.MessageHeader.BAD_MESSAGE_LENGTH, "0014", RESET);
        expect(fail(message(3, "06"), SessionContext.PLAIN), ErrorSubcode.MessageHeader.BAD_MESSAGE_LENGTH, "0014", RESET);
        expect(fail(message(6, ""), SessionContext.PLAIN), ErrorSubcode.MessageHeader.BAD_MESSAGE_TYPE, "06", RESET);
        byte[] big = new byte[4097];
        System.arraycopy(HEX.parseHex(MARKER + "100102"), 0, big, 0, 19);
        expect(fail(big, SessionContext.PLAIN), ErrorSubcode.MessageHeader.BAD_MESSAGE_LENGTH, "1001", RESET);
    }

    @Test
    void framingNeedsAWholeHeaderAndSaysTheLength() throws Exception {
        byte[] k = BgpCodec.encode(KeepaliveMessage.INSTANCE, SessionContext.PLAIN);
        assertThat(BgpCodec.frameLength(k, 0, 18, SessionContext.PLAIN)).isEqualTo(-1);
        assertThat(BgpCodec.frameLength(k, 0, 19, SessionContext.PLAIN)).isEqualTo(19);
    }

    private static final String OPEN_HEAD = "04fc000009c0a800b0";

    @Test
    void openErrors() {
        expect(fail(message(1, "03fc000009c0a800b000"), SessionContext.PLAIN),
                ErrorSubcode.Open.UNSUPPORTED_VERSION_NUMBER, "0004", RESET);
        expect(fail(message(1, OPEN_HEAD + "05" + "0103010203"), SessionContext.PLAIN),
                ErrorSubcode.Open.UNSUPPORTED_OPTIONAL_PARAMETER, "0103010203", RESET);
        expect(fail(message(1, "04fc000002c0a800b000"), SessionContext.PLAIN),
                ErrorSubcode.Open.UNACCEPTABLE_HOLD_TIME, "0002", RESET);
        expect(fail(message(1, "04fc00000900000000" + "00"), SessionContext.PLAIN),
                ErrorSubcode.Open.BAD_BGP_IDENTIFIER, "00000000", RESET);
        // A multiprotocol capability of 3 octets: BIRD's "Malformed capabilities", subcode 0.
        expect(fail(message(1, OPEN_HEAD + "07" + "0205" + "0103000101"), SessionContext.PLAIN),
                ErrorSubcode.Open.UNSPECIFIC, "", RESET);
        expect(fail(message(1, OPEN_HEAD + "09" + "0205" + "01030001"), SessionContext.PLAIN),
                ErrorSubcode.Open.UNSPECIFIC, "", RESET);
    }

    @Test
    void badPeerAsAndIdentifierAsBirdSendsThem() throws Exception {
        OpenMessage as4 = OpenMessage.of(64513, 9, Ipv4Address.parse("192.168.0.1"), List.of(new Capability.FourOctetAs(64513)));
        BgpDecodeException e = catchThrowableOfType(BgpDecodeException.class,
                () -> BgpCodec.checkOpen(as4, 64512, Ipv4Address.parse("192.168.0.176"), false));
        expect(e, ErrorSubcode.Open.BAD_PEER_AS, "0000fc01", RESET);
        OpenMessage as2 = OpenMessage.of(64513, 9, Ipv4Address.parse("192.168.0.1"), List.of());
        e = catchThrowableOfType(BgpDecodeException.class,
                () -> BgpCodec.checkOpen(as2, 64512, Ipv4Address.parse("192.168.0.176"), false));
        expect(e, ErrorSubcode.Open.BAD_PEER_AS, "fc01", RESET);
        e = catchThrowableOfType(BgpDecodeException.class,
                () -> BgpCodec.checkOpen(as2, 64513, Ipv4Address.parse("192.168.0.1"), true));
        expect(e, ErrorSubcode.Open.BAD_BGP_IDENTIFIER, "c0a80001", RESET);
        BgpCodec.checkOpen(as4, 64513, Ipv4Address.parse("192.168.0.176"), false);
    }

    @Test
    void updateListErrorsResetTheSession() {
        expect(fail(message(2, "0010" + "0000"), SessionContext.PLAIN), ErrorSubcode.Update.MALFORMED_ATTRIBUTE_LIST, "", RESET);
        expect(fail(message(2, "0000" + "0010"), SessionContext.PLAIN), ErrorSubcode.Update.MALFORMED_ATTRIBUTE_LIST, "", RESET);
        expect(fail(update(ORIGIN + AS_PATH + NEXT_HOP, "21ac103480ff"), SessionContext.PLAIN),
                ErrorSubcode.Update.INVALID_NETWORK_FIELD, "", RESET);
        expect(fail(update(ORIGIN + AS_PATH + NEXT_HOP, "1aac10"), SessionContext.PLAIN),
                ErrorSubcode.Update.INVALID_NETWORK_FIELD, "", RESET);
    }

    @Test
    void attributeErrorsCarryTheAttributeAndWithdraw() {
        String pref = ORIGIN + AS_PATH + NEXT_HOP;
        expect(fail(update(pref + "40630101", NLRI), SessionContext.PLAIN),
                ErrorSubcode.Update.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, "40630101", WITHDRAW);
        expect(fail(update(ORIGIN + AS_PATH, NLRI), SessionContext.PLAIN),
                ErrorSubcode.Update.MISSING_WELL_KNOWN_ATTRIBUTE, "03", WITHDRAW);
        expect(fail(update(NEXT_HOP + AS_PATH, NLRI), SessionContext.PLAIN),
                ErrorSubcode.Update.MISSING_WELL_KNOWN_ATTRIBUTE, "01", WITHDRAW);
        expect(fail(update("c0010100" + AS_PATH + NEXT_HOP, NLRI), SessionContext.PLAIN),
                ErrorSubcode.Update.ATTRIBUTE_FLAGS_ERROR, "c0010100", WITHDRAW);
        expect(fail(update(pref + "400503000064", NLRI), SessionContext.PLAIN),
                ErrorSubcode.Update.ATTRIBUTE_LENGTH_ERROR, "400503000064", WITHDRAW);
        expect(fail(update("40010103" + AS_PATH + NEXT_HOP, NLRI), SessionContext.PLAIN),
                ErrorSubcode.Update.INVALID_ORIGIN_ATTRIBUTE, "40010103", WITHDRAW);
        expect(fail(update(ORIGIN + AS_PATH + "40030400000000", NLRI), SessionContext.PLAIN),
                ErrorSubcode.Update.INVALID_NEXT_HOP_ATTRIBUTE, "40030400000000", WITHDRAW);
        expect(fail(update(ORIGIN + AS_PATH + "400304e0000001", NLRI), SessionContext.PLAIN),
                ErrorSubcode.Update.INVALID_NEXT_HOP_ATTRIBUTE, "400304e0000001", WITHDRAW);
        expect(fail(update(ORIGIN + "4002040501fde8" + NEXT_HOP, NLRI), SessionContext.PLAIN),
                ErrorSubcode.Update.MALFORMED_AS_PATH, "", WITHDRAW);
        // 4-octet AS numbers read on a 2-octet session overrun the segment.
        expect(fail(update(ORIGIN + "400206020100" + "00fde8" + NEXT_HOP, NLRI), SessionContext.PLAIN),
                ErrorSubcode.Update.MALFORMED_AS_PATH, "", WITHDRAW);
        expect(fail(update(pref + "c0080300fde8", NLRI), SessionContext.PLAIN),
                ErrorSubcode.Update.ATTRIBUTE_LENGTH_ERROR, "c0080300fde8", WITHDRAW);
    }

    @Test
    void treatAsWithdrawCarriesTheRoutesToWithdraw() {
        BgpDecodeException e = fail(update("40010103" + AS_PATH + NEXT_HOP, NLRI), SessionContext.PLAIN);
        UpdateMessage partial = e.partialUpdate().orElseThrow();
        assertThat(partial.nlri()).containsExactly(Nlri.of(Ipv4Prefix.parse("172.16.52.128/26")));
        assertThat(partial.attribute(PathAttribute.Origin.class)).isEmpty();
        assertThat(partial.attribute(PathAttribute.NextHop.class)).isPresent();
    }

    @Test
    void withoutNlriAnAttributeErrorResetsTheSession() {
        // RFC 7606 §5.2 as BIRD applies it: nothing to withdraw, so reset.
        BgpDecodeException e = fail(update("40010103", ""), SessionContext.PLAIN);
        expect(e, ErrorSubcode.Update.INVALID_ORIGIN_ATTRIBUTE, "40010103", RESET);
        assertThat(e.partialUpdate()).isEmpty();
    }

    @Test
    void discardedAttributesLeaveTheRestUsable() {
        BgpDecodeException e = fail(update(ORIGIN + AS_PATH + NEXT_HOP + "40060101", NLRI), SessionContext.PLAIN);
        expect(e, ErrorSubcode.Update.ATTRIBUTE_LENGTH_ERROR, "40060101", ErrorAction.ATTRIBUTE_DISCARD);
        assertThat(e.partialUpdate().orElseThrow().attributes()).hasSize(3);
        e = fail(update(ORIGIN + ORIGIN + AS_PATH + NEXT_HOP, NLRI), SessionContext.PLAIN);
        expect(e, ErrorSubcode.Update.MALFORMED_ATTRIBUTE_LIST, "", ErrorAction.ATTRIBUTE_DISCARD);
        // A short AGGREGATOR (6 octets on a 4-octet session) is discarded too.
        e = fail(update(ORIGIN + AS_PATH + NEXT_HOP + "c00706fde8c0a80001", NLRI), SessionContext.FOUR_OCTET_AS);
        expect(e, ErrorSubcode.Update.ATTRIBUTE_LENGTH_ERROR, "c00706fde8c0a80001", ErrorAction.ATTRIBUTE_DISCARD);
    }

    @Test
    void multiprotocolErrorsResetTheSession() {
        expect(fail(update(ORIGIN + AS_PATH + "800e0400010104", ""), SessionContext.PLAIN),
                ErrorSubcode.Update.OPTIONAL_ATTRIBUTE_ERROR, "800e0400010104", RESET);
        String mpUnreach = "800f0400010100";
        expect(fail(update(mpUnreach + mpUnreach, ""), SessionContext.PLAIN),
                ErrorSubcode.Update.MALFORMED_ATTRIBUTE_LIST, "", RESET);
        expect(fail(update("800f0500010121ff", ""), SessionContext.PLAIN),
                ErrorSubcode.Update.INVALID_NETWORK_FIELD, "", RESET);
        expect(fail(update("c00f0400010100", ""), SessionContext.PLAIN),
                ErrorSubcode.Update.ATTRIBUTE_FLAGS_ERROR, "c00f0400010100", RESET);
    }

    @Test
    void attributeFramingErrorIsMalformedAttributeList() {
        expect(fail(update(ORIGIN + AS_PATH + NEXT_HOP + "4005", NLRI), SessionContext.PLAIN),
                ErrorSubcode.Update.MALFORMED_ATTRIBUTE_LIST, "", WITHDRAW);
        expect(fail(update(ORIGIN + "40020a0201fde8", NLRI), SessionContext.PLAIN),
                ErrorSubcode.Update.MALFORMED_ATTRIBUTE_LIST, "", WITHDRAW);
    }

    @Test
    void routeRefreshOfTheWrongLengthSendsTheWholeMessageBack() {
        byte[] rr = message(5, "0001000100");
        expect(fail(rr, SessionContext.PLAIN), ErrorSubcode.RouteRefresh.INVALID_MESSAGE_LENGTH, HEX.formatHex(rr), RESET);
    }
}
