package io.overlaysim.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Reading pcapng that other tools write: big-endian, microsecond resolution, simple packets. */
class PcapngReaderTest {

    /** A big-endian file: SHB, IDB (no options: default microseconds), SPB, EPB with a comment. */
    private static byte[] bigEndianFile() {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0)
                .putLong(-1).putInt(28);
        b.putInt(1).putInt(20).putShort((short) 1).putShort((short) 0).putInt(65535).putInt(20);
        b.putInt(3).putInt(20).putInt(4).put(new byte[] {9, 9, 9, 9}).putInt(20);   // SPB: skipped
        long micros = 1_700_000_000_000_001L;
        b.putInt(6).putInt(48).putInt(0).putInt((int) (micros >>> 32)).putInt((int) micros)
                .putInt(3).putInt(60).put(new byte[] {7, 8, 9, 0})
                .putShort((short) 1).putShort((short) 2).put(new byte[] {'h', 'i', 0, 0})
                .putShort((short) 0).putShort((short) 0).putInt(48);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    @Test
    void readsBigEndianMicrosecondFilesAndSkipsSimplePackets() throws IOException {
        PcapReader.Capture c = PcapReader.parse("be", bigEndianFile());
        assertThat(c.format()).isEqualTo(CaptureFormat.PCAPNG);
        assertThat(c.interfaces()).containsExactly(new PcapReader.Interface(null, 1, 65535, 6));
        assertThat(c.nanosecond()).isFalse();
        assertThat(c.records()).singleElement().satisfies(r -> {
            assertThat(r.timestampNanos()).isEqualTo(1_700_000_000_000_001_000L);
            assertThat(r.data()).containsExactly(7, 8, 9);
            assertThat(r.originalLength()).isEqualTo(60);
            assertThat(r.comment()).isEqualTo("hi");
            assertThat(r.direction()).isEqualTo(Direction.UNKNOWN);
        });
    }

    @Test
    void convertsEveryTimestampResolution() {
        assertThat(PcapngReader.toNanos(5, 9)).isEqualTo(5);
        assertThat(PcapngReader.toNanos(5, 6)).isEqualTo(5_000);
        assertThat(PcapngReader.toNanos(5, 0)).isEqualTo(5_000_000_000L);
        assertThat(PcapngReader.toNanos(12_345, 12)).isEqualTo(12);
        assertThat(PcapngReader.toNanos(3L << 30, 0x80 | 30)).isEqualTo(3_000_000_000L);
    }

    @Test
    void damagedFilesAreReportedWithTheBlockOffset() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CaptureWriter w = CaptureFormat.PCAPNG.writer(bytes)) {
            w.write(w.addInterface("a/b", LinkType.ETHERNET), 0, new byte[10], 0, 10);
        }
        byte[] good = bytes.toByteArray();
        byte[] trailer = good.clone();
        trailer[trailer.length - 4] = 99;
        assertThatThrownBy(() -> PcapReader.parse("x.pcapng", trailer))
                .hasMessageContaining("x.pcapng: block at byte 88: trailing block total length 99 differs from the leading 44");
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 6);
        assertThatThrownBy(() -> PcapReader.parse("x.pcapng", cut))
                .hasMessageContaining("x.pcapng: block at byte 88: bad block total length 44");
    }
}
