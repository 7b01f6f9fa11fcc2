package io.overlaysim.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapngWriterTest {
    private static final byte[] FIVE = {1, 2, 3, 4, 5};

    private static byte[] write(ThrowingWriter body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CaptureWriter w = CaptureFormat.PCAPNG.writer(bytes)) {
            body.accept(w);
        }
        return bytes.toByteArray();
    }

    private interface ThrowingWriter {
        void accept(CaptureWriter w) throws IOException;
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void sectionHeaderBlockLayout() throws IOException {
        ByteBuffer b = le(write(w -> { }));
        assertThat(b.limit()).isEqualTo(48);
        assertThat(b.getInt(0)).isEqualTo(0x0A0D0D0A);
        assertThat(b.getInt(4)).as("total length").isEqualTo(48);
        assertThat(b.getInt(8)).as("byte-order magic").isEqualTo(0x1A2B3C4D);
        assertThat(b.getShort(12)).as("major").isEqualTo((short) 1);
        assertThat(b.getShort(14)).as("minor").isEqualTo((short) 0);
        assertThat(b.getLong(16)).as("section length unknown").isEqualTo(-1L);
        assertThat(b.getShort(24)).as("shb_userappl").isEqualTo((short) 4);
        assertThat(b.getShort(26)).isEqualTo((short) 10);
        assertThat(new String(b.array(), 28, 10, StandardCharsets.US_ASCII)).isEqualTo("overlaysim");
        assertThat(Arrays.copyOfRange(b.array(), 38, 40)).as("padding").containsExactly(0, 0);
        assertThat(b.getInt(40)).as("opt_endofopt").isZero();
        assertThat(b.getInt(44)).as("trailing total length").isEqualTo(48);
    }

    @Test
    void interfaceDescriptionBlockLayout() throws IOException {
        ByteBuffer b = le(write(w -> assertThat(w.addInterface("worker01/tunl0", LinkType.RAW, 1600)).isZero()));
        int at = 48;
        assertThat(b.getInt(at)).isEqualTo(1);
        int total = b.getInt(at + 4);
        // 16 fixed + if_name (4 + 14 padded to 16) + if_tsresol (4 + 1 padded to 4) + end (4) + trailer (4)
        assertThat(total).isEqualTo(16 + 20 + 8 + 4 + 4);
        assertThat(b.getInt(at + total - 4)).as("trailing total length").isEqualTo(total);
        assertThat(b.getShort(at + 8)).as("link type").isEqualTo((short) 101);
        assertThat(b.getShort(at + 10)).as("reserved").isZero();
        assertThat(b.getInt(at + 12)).as("snap length").isEqualTo(1600);
        assertThat(b.getShort(at + 16)).as("if_name").isEqualTo((short) 2);
        assertThat(b.getShort(at + 18)).isEqualTo((short) 14);
        assertThat(new String(b.array(), at + 20, 14, StandardCharsets.UTF_8)).isEqualTo("worker01/tunl0");
        assertThat(b.getShort(at + 34)).as("padding").isZero();
        assertThat(b.getShort(at + 36)).as("if_tsresol").isEqualTo((short) 9);
        assertThat(b.getShort(at + 38)).isEqualTo((short) 1);
        assertThat(b.getInt(at + 40)).as("10^-9, three zero bytes of padding").isEqualTo(9);
        assertThat(b.getInt(at + 44)).as("opt_endofopt").isZero();
        assertThat(b.limit()).isEqualTo(at + total);
    }

    @Test
    void enhancedPacketBlockWithCommentAndDirection() throws IOException {
        long ts = 0x1_2345_6789L;
        ByteBuffer b = le(write(w -> {
            int i = w.addInterface("n/eth0", LinkType.ETHERNET);
            w.write(i, ts, FIVE, 0, 5, 5, Direction.OUTBOUND, "héllo");
        }));
        int at = 48 + b.getInt(48 + 4);
        assertThat(b.getInt(at)).isEqualTo(6);
        int total = b.getInt(at + 4);
        // 28 fixed + 8 data (5 padded) + comment (4 + 6 padded to 8) + flags 8 + end 4 + trailer 4
        assertThat(total).isEqualTo(28 + 8 + 12 + 8 + 4 + 4);
        assertThat(b.getInt(at + total - 4)).isEqualTo(total);
        assertThat(b.getInt(at + 8)).as("interface id").isZero();
        assertThat(b.getInt(at + 12)).as("timestamp high").isEqualTo(1);
        assertThat(b.getInt(at + 16)).as("timestamp low").isEqualTo(0x2345_6789);
        assertThat(b.getInt(at + 20)).as("captured length").isEqualTo(5);
        assertThat(b.getInt(at + 24)).as("original length").isEqualTo(5);
        assertThat(Arrays.copyOfRange(b.array(), at + 28, at + 36)).containsExactly(1, 2, 3, 4, 5, 0, 0, 0);
        assertThat(b.getShort(at + 36)).as("opt_comment").isEqualTo((short) 1);
        assertThat(b.getShort(at + 38)).as("UTF-8 length").isEqualTo((short) 6);
        assertThat(new String(b.array(), at + 40, 6, StandardCharsets.UTF_8)).isEqualTo("héllo");
        assertThat(b.getShort(at + 46)).as("padding").isZero();
        assertThat(b.getShort(at + 48)).as("epb_flags").isEqualTo((short) 2);
        assertThat(b.getShort(at + 50)).isEqualTo((short) 4);
        assertThat(b.getInt(at + 52)).as("outbound").isEqualTo(2);
        assertThat(b.getInt(at + 56)).as("opt_endofopt").isZero();
        assertThat(b.limit()).isEqualTo(at + total);
    }

    @Test
    void aPacketWithoutCommentOrDirectionHasNoOptions() throws IOException {
        ByteBuffer b = le(write(w -> {
            int i = w.addInterface("n/eth0", LinkType.ETHERNET);
            w.write(i, 7, new byte[64], 0, 64);
        }));
        int at = 48 + b.getInt(48 + 4);
        assertThat(b.getInt(at + 4)).isEqualTo(28 + 64 + 4);
        assertThat(b.getInt(at + 28 + 64)).isEqualTo(28 + 64 + 4);
        assertThat(b.limit()).isEqualTo(at + 96);
    }

    @Test
    void snapLengthCutsThePacketAndKeepsTheOriginalLength() throws IOException {
        byte[] frame = new byte[100];
        Arrays.fill(frame, (byte) 7);
        byte[] file = write(w -> {
            int i = w.addInterface("n/eth0", LinkType.ETHERNET, 42);
            w.write(i, 1, frame, 0, 100);
        });
        PcapReader.Record r = PcapReader.parse("snap", file).records().get(0);
        assertThat(r.data()).hasSize(42);
        assertThat(r.originalLength()).isEqualTo(100);
    }

    @Test
    void roundTripsThroughTheReaderAcrossBufferBoundariesAndHugePackets(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("many.pcapng");
        byte[] huge = new byte[300_000];
        for (int i = 0; i < huge.length; i++) {
            huge[i] = (byte) (i * 31);
        }
        int n = 20_000;
        try (CaptureWriter w = CaptureFormat.PCAPNG.open(file)) {
            int a = w.addInterface("worker01/enp1s0", LinkType.ETHERNET);
            int big = w.addInterface("worker01/lo", LinkType.ETHERNET, 400_000);
            for (int k = 0; k < n; k++) {
                int len = 1 + k % 97;
                w.write(a, k * 1000L + 5, huge, k % 1000, len, len,
                        Direction.values()[k % 3], k % 5 == 0 ? "packet " + k : null);
                if (k == n / 2) {
                    w.write(big, k * 1000L + 6, huge, 0, huge.length, huge.length, Direction.INBOUND, "huge");
                }
            }
            int late = w.addInterface("worker02/tunl0", LinkType.RAW);   // declared after packets
            w.write(late, 1L << 40, FIVE, 1, 3);
        }
        PcapReader.Capture c = PcapReader.read(file);
        assertThat(c.format()).isEqualTo(CaptureFormat.PCAPNG);
        assertThat(c.interfaces()).containsExactly(
                new PcapReader.Interface("worker01/enp1s0", 1, CaptureWriter.DEFAULT_SNAP_LENGTH, 9),
                new PcapReader.Interface("worker01/lo", 1, 400_000, 9),
                new PcapReader.Interface("worker02/tunl0", 101, CaptureWriter.DEFAULT_SNAP_LENGTH, 9));
        List<PcapReader.Record> rs = c.records();
        assertThat(rs).hasSize(n + 2);
        for (int k = 0, idx = 0; k < n; k++, idx++) {
            PcapReader.Record r = rs.get(idx);
            int len = 1 + k % 97;
            assertThat(r.timestampNanos()).isEqualTo(k * 1000L + 5);
            assertThat(r.data()).isEqualTo(Arrays.copyOfRange(huge, k % 1000, k % 1000 + len));
            assertThat(r.direction()).isEqualTo(Direction.values()[k % 3]);
            assertThat(r.comment()).isEqualTo(k % 5 == 0 ? "packet " + k : null);
            if (k == n / 2) {
                PcapReader.Record h = rs.get(++idx);
                assertThat(h.interfaceId()).isEqualTo(1);
                assertThat(h.data()).isEqualTo(huge);
                assertThat(h.comment()).isEqualTo("huge");
            }
        }
        PcapReader.Record last = rs.get(n + 1);
        assertThat(last.interfaceId()).isEqualTo(2);
        assertThat(last.timestampNanos()).isEqualTo(1L << 40);
        assertThat(last.data()).containsExactly(2, 3, 4);
    }

    @Test
    void commentsAreUtf8IncludingSurrogatePairs() throws IOException {
        String comment = "ü € 😀 ascii";
        byte[] file = write(w -> w.write(w.addInterface("a/b", LinkType.ETHERNET), 0, FIVE, 0, 5, 5,
                Direction.INBOUND, comment));
        PcapReader.Record r = PcapReader.parse("utf8", file).records().get(0);
        assertThat(r.comment()).isEqualTo(comment);
        assertThat(r.direction()).isEqualTo(Direction.INBOUND);
    }

    @Test
    void badArgumentsAreRefusedWithTheirReason() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CaptureWriter w = CaptureFormat.PCAPNG.writer(bytes);
        int i = w.addInterface("a/b", LinkType.ETHERNET);
        assertThatThrownBy(() -> w.write(3, 0, FIVE, 0, 5)).hasMessage("unknown interface id 3 (1 declared)");
        assertThatThrownBy(() -> w.write(i, -1, FIVE, 0, 5)).hasMessage("timestamp must be >= 0 ns, got -1");
        assertThatThrownBy(() -> w.write(i, 0, FIVE, 0, 5, 4, Direction.UNKNOWN, null))
                .hasMessage("original length 4 is less than the 5 bytes given");
        assertThatThrownBy(() -> w.write(i, 0, FIVE, 2, 5)).isInstanceOf(IndexOutOfBoundsException.class);
        w.close();
        assertThatThrownBy(() -> w.write(i, 0, FIVE, 0, 5)).hasMessage("the capture writer is closed");
    }
    @Test
    void aFileWrittenInTheBackgroundEqualsTheStreamWrittenOneAndFlushReachesTheFile(@TempDir Path dir) throws IOException {
        byte[] frame = new byte[1500];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (byte) (i * 7);
        }
        byte[] huge = new byte[300_000];
        Arrays.fill(huge, (byte) 3);
        // 4000 frames of ~1.5 kB: many buffers of 256 KiB go round the background writer
        ThrowingWriter body = w -> {
            int a = w.addInterface("A/eth0", LinkType.ETHERNET);
            int b = w.addInterface("B/eth0", LinkType.ETHERNET, 400_000);
            for (int k = 0; k < 4000; k++) {
                w.write(k % 2 == 0 ? a : b, k * 1000L, frame, k % 100, 1000 + k % 400, 1000 + k % 400,
                        k % 2 == 0 ? Direction.OUTBOUND : Direction.INBOUND, k % 7 == 0 ? "hop " + k : null);
                if (k == 2500) {
                    w.write(b, k * 1000L, huge, 0, huge.length, huge.length, Direction.INBOUND, null);
                }
            }
        };
        byte[] expected = write(body);
        Path file = dir.resolve("bg.pcapng");
        try (CaptureWriter w = CaptureFormat.PCAPNG.open(file)) {
            body.accept(w);
            w.flush();
            assertThat(java.nio.file.Files.size(file)).isEqualTo(expected.length);
        }
        assertThat(java.nio.file.Files.readAllBytes(file)).isEqualTo(expected);
    }
}
