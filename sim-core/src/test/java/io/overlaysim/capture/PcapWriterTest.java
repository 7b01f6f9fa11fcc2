package io.overlaysim.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PcapWriterTest {
    private static final byte[] FRAME = {1, 2, 3, 4, 5, 6, 7};

    @Test
    void microsecondFileLayout() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CaptureWriter w = CaptureFormat.PCAP.writer(bytes)) {
            int i = w.addInterface("n/eth0", LinkType.ETHERNET);
            w.write(i, 3_123_456_789L, FRAME, 0, FRAME.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.limit()).isEqualTo(24 + 16 + 7);
        assertThat(b.getInt(0)).isEqualTo(0xa1b2c3d4);
        assertThat(b.getShort(4)).isEqualTo((short) 2);
        assertThat(b.getShort(6)).isEqualTo((short) 4);
        assertThat(b.getLong(8)).as("thiszone, sigfigs").isZero();
        assertThat(b.getInt(16)).isEqualTo(262_144);
        assertThat(b.getInt(20)).isEqualTo(1);
        assertThat(b.getInt(24)).as("seconds").isEqualTo(3);
        assertThat(b.getInt(28)).as("microseconds, truncated").isEqualTo(123_456);
        assertThat(b.getInt(32)).isEqualTo(7);
        assertThat(b.getInt(36)).isEqualTo(7);
        assertThat(Arrays.copyOfRange(b.array(), 40, 47)).isEqualTo(FRAME);
    }

    @Test
    void nanosecondFileRoundTripsWithSnapLength() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CaptureWriter w = CaptureFormat.PCAP_NS.writer(bytes)) {
            int i = w.addInterface("worker01/tunl0", LinkType.RAW, 4);
            w.write(i, 3_123_456_789L, FRAME, 0, FRAME.length, 1000, Direction.OUTBOUND, "dropped in pcap");
        }
        PcapReader.Capture c = PcapReader.parse("ns", bytes.toByteArray());
        assertThat(c.format()).isEqualTo(CaptureFormat.PCAP_NS);
        assertThat(c.linkType()).isEqualTo(101);
        assertThat(c.snapLength()).isEqualTo(4);
        assertThat(c.records()).singleElement().satisfies(r -> {
            assertThat(r.timestampNanos()).isEqualTo(3_123_456_789L);
            assertThat(r.data()).containsExactly(1, 2, 3, 4);
            assertThat(r.originalLength()).isEqualTo(1000);
            assertThat(r.comment()).isNull();
        });
    }

    @Test
    void oneLinkTypePerFile() throws IOException {
        CaptureWriter w = CaptureFormat.PCAP.writer(new ByteArrayOutputStream());
        assertThat(w.addInterface("a/eth0", LinkType.ETHERNET)).isZero();
        assertThat(w.addInterface("a/veth1", LinkType.ETHERNET)).isEqualTo(1);
        assertThatThrownBy(() -> w.addInterface("a/tunl0", LinkType.RAW))
                .hasMessage("classic pcap holds one link type: interface a/tunl0 is RAW but the file is"
                        + " ETHERNET (use pcapng for mixed interfaces)");
    }

    @Test
    void aFileWithoutInterfacesIsStillAValidEmptyCapture() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CaptureFormat.PCAP.writer(bytes).close();
        PcapReader.Capture c = PcapReader.parse("empty", bytes.toByteArray());
        assertThat(c.records()).isEmpty();
        assertThat(c.linkType()).isEqualTo(1);
    }
}
