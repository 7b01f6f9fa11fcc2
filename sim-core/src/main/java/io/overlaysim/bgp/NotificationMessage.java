package io.overlaysim.bgp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A NOTIFICATION (RFC 4271 §4.5): error code, subcode and data; the sender closes the session
 * right after it. Codes and subcodes are kept as numbers so that any received value survives;
 * {@link #errorCode()} and {@link #subcode()} name them.
 *
 * <pre>{@code
 * NotificationMessage n = NotificationMessage.shutdown(ErrorSubcode.Cease.ADMINISTRATIVE_SHUTDOWN, "maintenance");
 * n.shutdownCommunication(); // Optional["maintenance"]
 * }</pre>
 */
public record NotificationMessage(int code, int subcode, byte[] data) implements BgpMessage {
    public NotificationMessage {
        if (code < 0 || code > 255 || subcode < 0 || subcode > 255) {
            throw new IllegalArgumentException("code and subcode 0..255 expected: " + code + "/" + subcode);
        }
        data = data.clone();
    }

    public static NotificationMessage of(ErrorSubcode subcode) {
        return of(subcode, new byte[0]);
    }

    public static NotificationMessage of(ErrorSubcode subcode, byte[] data) {
        return new NotificationMessage(subcode.errorCode().code(), subcode.value(), data);
    }

    /** Hold Timer Expired (RFC 4271 §6.5): no subcode, no data. */
    public static NotificationMessage holdTimerExpired() {
        return new NotificationMessage(ErrorCode.HOLD_TIMER_EXPIRED.code(), 0, new byte[0]);
    }

    /**
     * A Cease with a shutdown communication (RFC 9003 §2): one length octet, then at most 255
     * octets of UTF-8. Only Administrative Shutdown and Administrative Reset carry one.
     */
    public static NotificationMessage shutdown(ErrorSubcode.Cease subcode, String communication) {
        if (subcode != ErrorSubcode.Cease.ADMINISTRATIVE_SHUTDOWN && subcode != ErrorSubcode.Cease.ADMINISTRATIVE_RESET) {
            throw new IllegalArgumentException("only Administrative Shutdown and Reset carry a shutdown communication");
        }
        byte[] text = communication.getBytes(StandardCharsets.UTF_8);
        if (text.length > 255) {
            throw new IllegalArgumentException("shutdown communication longer than 255 octets: " + text.length);
        }
        byte[] data = new byte[1 + text.length];
        data[0] = (byte) text.length;
        System.arraycopy(text, 0, data, 1, text.length);
        return new NotificationMessage(ErrorCode.CEASE.code(), subcode.value(), data);
    }

    /** The error code's name, or null for a code no RFC defines. */
    public ErrorCode errorCode() {
        return ErrorCode.ofCode(code);
    }

    /** The subcode's name, or null for one no RFC defines. */
    public ErrorSubcode subcodeName() {
        return ErrorSubcode.of(code, subcode);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /**
     * The shutdown communication of a Cease 2 or 4 (RFC 9003 §2), when the data holds a
     * well-formed one; RFC 9003 §3 says a malformed one is ignored, not an error.
     */
    public Optional<String> shutdownCommunication() {
        boolean carries = code == ErrorCode.CEASE.code()
                && (subcode == ErrorSubcode.Cease.ADMINISTRATIVE_SHUTDOWN.value()
                        || subcode == ErrorSubcode.Cease.ADMINISTRATIVE_RESET.value());
        if (!carries || data.length == 0 || (data[0] & 0xff) != data.length - 1) {
            return Optional.empty();
        }
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return Optional.of(decoder.decode(java.nio.ByteBuffer.wrap(data, 1, data.length - 1)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.empty();
        }
    }

    @Override
    public MessageType type() {
        return MessageType.NOTIFICATION;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NotificationMessage n && n.code == code && n.subcode == subcode && Arrays.equals(n.data, data);
    }

    @Override
    public int hashCode() {
        return (code * 256 + subcode) * 31 + Arrays.hashCode(data);
    }

    /** {@code Cease (6) / Administrative Shutdown (2), data 00}, as a log line would say it. */
    @Override
    public String toString() {
        ErrorCode c = errorCode();
        ErrorSubcode s = subcodeName();
        return (c == null ? "code" : c.text()) + " (" + code + ") / "
                + (s == null ? "subcode" : s.text()) + " (" + subcode + ")"
                + (data.length == 0 ? "" : ", data " + Bytes.hex(data));
    }
}
