package io.overlaysim.capture;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A writer of pcapng files (draft-ietf-opsawg-pcapng, little-endian): one section header
 * block, one interface description block per interface, and an enhanced packet block per
 * packet with its comment and direction.
 *
 * <p>Every block is {@code type, total length, body, options, total length} with the body and
 * each option padded to 32 bits (section 3.1). Interfaces are declared with {@code if_name}
 * (the {@code node/device} name) and {@code if_tsresol} = 9, so timestamps are nanoseconds
 * (section 4.2). A packet's options are {@code opt_comment} (UTF-8, when given) and
 * {@code epb_flags} (when the direction is known), closed by {@code opt_endofopt}; a packet
 * with neither has no options at all (section 3.5).
 */
public final class PcapngWriter implements CaptureWriter {
    private static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 0x00000001;
    private static final int EPB = 0x00000006;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int OPT_ENDOFOPT = 0;
    private static final int OPT_COMMENT = 1;
    private static final int SHB_USERAPPL = 4;
    private static final int IF_NAME = 2;
    private static final int IF_TSRESOL = 9;
    private static final int EPB_FLAGS = 2;
    private static final byte[] USER_APPLICATION = "overlaysim".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final CaptureOutput out;
    private int[] snapLengths = new int[8];
    private int interfaces;

    PcapngWriter(CaptureOutput out) {
        this.out = out;
        try {
            writeSectionHeader();
        } catch (IOException e) {
            throw new IllegalStateException("an empty buffer cannot fail", e);
        }
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAPNG;
    }

    private void writeSectionHeader() throws IOException {
        int total = 28 + option(USER_APPLICATION.length) + 4;
        int at = out.reserve(total);
        out.putInt(at, SHB);
        out.putInt(at + 4, total);
        out.putInt(at + 8, BYTE_ORDER_MAGIC);
        out.putShort(at + 12, 1);
        out.putShort(at + 14, 0);
        out.putLong(at + 16, -1L);   // section length not known in advance
        int p = putOption(at + 24, SHB_USERAPPL, USER_APPLICATION);
        p = putEndOfOptions(p);
        out.putInt(p, total);
        out.advance(total);
    }

    @Override
    public int addInterface(String name, LinkType linkType, int snapLength) throws IOException {
        Objects.requireNonNull(linkType, "linkType");
        if (snapLength <= 0) {
            throw new IllegalArgumentException("snap length must be > 0, got " + snapLength);
        }
        byte[] nameBytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (nameBytes.length > 0xffff) {
            throw new IllegalArgumentException("interface name longer than 65535 bytes");
        }
        int total = 16 + option(nameBytes.length) + option(1) + 4 + 4;
        int at = out.reserve(total);
        out.putInt(at, IDB);
        out.putInt(at + 4, total);
        out.putShort(at + 8, linkType.code());
        out.putShort(at + 10, 0);
        out.putInt(at + 12, snapLength);
        int p = putOption(at + 16, IF_NAME, nameBytes);
        out.putShort(p, IF_TSRESOL);
        out.putShort(p + 2, 1);
        out.putInt(p + 4, 9);   // 10^-9 s, then three bytes of padding
        p = putEndOfOptions(p + 8);
        out.putInt(p, total);
        out.advance(total);
        if (interfaces == snapLengths.length) {
            snapLengths = Arrays.copyOf(snapLengths, interfaces * 2);
        }
        snapLengths[interfaces] = snapLength;
        return interfaces++;
    }

    @Override
    public void write(int iface, long timestampNanos, byte[] data, int offset, int length,
                      int originalLength, Direction direction, CharSequence comment) throws IOException {
        if (iface < 0 || iface >= interfaces) {
            throw new IllegalArgumentException("unknown interface id " + iface + " (" + interfaces + " declared)");
        }
        Records.checkPacket(timestampNanos, data, offset, length, originalLength);
        int caplen = Math.min(length, snapLengths[iface]);
        int padded = pad4(caplen);
        int commentLength = comment == null ? -1 : CaptureOutput.utf8Length(comment);
        if (commentLength > 0xffff) {
            throw new IllegalArgumentException("packet comment longer than 65535 bytes of UTF-8");
        }
        boolean flags = direction != null && direction != Direction.UNKNOWN;
        int options = (commentLength >= 0 ? option(commentLength) : 0) + (flags ? 8 : 0);
        if (options > 0) {
            options += 4;
        }
        int total = 28 + padded + options + 4;
        int at;
        int p;
        if (total <= CaptureOutput.BUFFER_SIZE) {
            at = out.reserve(total);
            putPacketHeader(at, total, iface, timestampNanos, caplen, originalLength);
            out.putBytes(at + 28, data, offset, caplen);
            out.zero(at + 28 + caplen, padded - caplen);
            p = at + 28 + padded;
        } else {
            // A packet bigger than the buffer: the header, the bytes straight through, the rest.
            at = out.reserve(28);
            putPacketHeader(at, total, iface, timestampNanos, caplen, originalLength);
            out.advance(28);
            out.write(data, offset, caplen);
            at = out.reserve(total - 28 - caplen);
            out.zero(at, padded - caplen);
            p = at + padded - caplen;
        }
        if (commentLength >= 0) {
            out.putShort(p, OPT_COMMENT);
            out.putShort(p + 2, commentLength);
            out.putUtf8(p + 4, comment);
            out.zero(p + 4 + commentLength, pad4(commentLength) - commentLength);
            p += 4 + pad4(commentLength);
        }
        if (flags) {
            out.putShort(p, EPB_FLAGS);
            out.putShort(p + 2, 4);
            out.putInt(p + 4, direction.flagBits());
            p += 8;
        }
        if (options > 0) {
            p = putEndOfOptions(p);
        }
        out.putInt(p, total);
        out.advance(p + 4 - at);
    }

    private void putPacketHeader(int at, int total, int iface, long timestampNanos, int caplen, int originalLength) {
        out.putInt(at, EPB);
        out.putInt(at + 4, total);
        out.putInt(at + 8, iface);
        // With if_tsresol = 9 the 64-bit timestamp counts nanoseconds, high word first.
        out.putInt(at + 12, (int) (timestampNanos >>> 32));
        out.putInt(at + 16, (int) timestampNanos);
        out.putInt(at + 20, caplen);
        out.putInt(at + 24, originalLength);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** Writes one option with its padding at {@code at}; returns the offset after it. */
    private int putOption(int at, int code, byte[] value) {
        out.putShort(at, code);
        out.putShort(at + 2, value.length);
        out.putBytes(at + 4, value, 0, value.length);
        out.zero(at + 4 + value.length, pad4(value.length) - value.length);
        return at + 4 + pad4(value.length);
    }

    private int putEndOfOptions(int at) {
        out.putShort(at, OPT_ENDOFOPT);
        out.putShort(at + 2, 0);
        return at + 4;
    }

    /** The size of an option whose value is {@code length} bytes: code, length, padded value. */
    private static int option(int length) {
        return 4 + pad4(length);
    }

    private static int pad4(int n) {
        return (n + 3) & ~3;
    }
}
