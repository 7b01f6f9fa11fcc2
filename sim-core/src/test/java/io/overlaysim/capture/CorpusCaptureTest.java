package io.overlaysim.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real packets (the Linux VXLAN corpus) written through both writers, read back, and checked by
 * Wireshark's dissectors: node A's three captured devices plus a {@code tunl0} view (LINKTYPE_RAW:
 * the overlay's IPv4 packets without their Ethernet header), with comments and directions.
 */
class CorpusCaptureTest {
    private static final String[] DEVICES = {"veth-a", "vxlan4096", "veth-pod"};
    private static final String[] FILES = {"linux-vxlan-underlay.pcap", "linux-vxlan-overlay.pcap",
            "linux-vxlan-podside.pcap"};
    /** veth-a's MAC: frames from it left node A. */
    private static final byte[] VETH_A = {0x02, 0x00, (byte) 0xc0, 0x00, 0x02, 0x01};

    private static final List<byte[]> originals = new ArrayList<>();
    private static final List<PcapReader.Capture> captures = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException {
        for (String f : FILES) {
            try (InputStream in = CorpusCaptureTest.class.getResourceAsStream("/corpus/vxlan/" + f)) {
                byte[] bytes = in.readAllBytes();
                originals.add(bytes);
                captures.add(PcapReader.parse(f, bytes));
            }
        }
    }

    /** One packet to write: interface index, record, direction, comment. */
    private record Out(int iface, PcapReader.Record record, byte[] data, Direction direction, String comment) {}

    /** Every corpus packet in time order, plus each IPv4 overlay frame again as tunl0 would show it. */
    private static List<Out> packets() {
        List<Out> all = new ArrayList<>();
        for (int c = 0; c < captures.size(); c++) {
            List<PcapReader.Record> rs = captures.get(c).records();
            for (int k = 0; k < rs.size(); k++) {
                PcapReader.Record r = rs.get(k);
                byte[] d = r.data();
                Direction dir = c == 0 ? (Arrays.equals(d, 6, 12, VETH_A, 0, 6) ? Direction.OUTBOUND : Direction.INBOUND)
                        : Direction.UNKNOWN;
                all.add(new Out(c, r, d, dir, "frame " + (k + 1) + " of " + FILES[c] + (k == 0 ? " — the first ✓" : "")));
                if (c == 1 && d.length > 14 && d[12] == 0x08 && d[13] == 0x00) {
                    all.add(new Out(3, r, Arrays.copyOfRange(d, 14, d.length), Direction.UNKNOWN, null));
                }
            }
        }
        all.sort(Comparator.comparingLong(o -> o.record().timestampNanos()));
        return all;
    }

    @Test
    void classicPcapRewritesTheCorpusByteForByte() throws IOException {
        for (int c = 0; c < FILES.length; c++) {
            Path file = dir.resolve("copy-" + FILES[c]);
            try (CaptureWriter w = CaptureFormat.PCAP.open(file)) {
                int i = w.addInterface("nodeA/" + DEVICES[c], LinkType.ETHERNET);
                for (PcapReader.Record r : captures.get(c).records()) {
                    w.write(i, r.timestampNanos(), r.data(), 0, r.data().length, r.originalLength(), Direction.UNKNOWN, null);
                }
            }
            assertThat(Files.readAllBytes(file)).as(FILES[c]).isEqualTo(originals.get(c));
        }
    }

    @Test
    void pcapngWithAllInterfacesRoundTripsAndPassesTshark() throws IOException {
        List<Out> packets = packets();
        Path file = dir.resolve("nodeA.pcapng");
        try (CaptureWriter w = CaptureFormat.PCAPNG.open(file)) {
            for (String device : DEVICES) {
                w.addInterface("nodeA/" + device, LinkType.ETHERNET);
            }
            w.addInterface("nodeA/tunl0", LinkType.RAW);
            for (Out o : packets) {
                w.write(o.iface(), o.record().timestampNanos(), o.data(), 0, o.data().length,
                        o.data().length, o.direction(), o.comment());
            }
        }

        PcapReader.Capture back = PcapReader.read(file);
        assertThat(back.interfaces()).extracting(PcapReader.Interface::name)
                .containsExactly("nodeA/veth-a", "nodeA/vxlan4096", "nodeA/veth-pod", "nodeA/tunl0");
        assertThat(back.interfaces()).extracting(PcapReader.Interface::linkType).containsExactly(1, 1, 1, 101);
        assertThat(back.records()).hasSize(packets.size());
        for (int k = 0; k < packets.size(); k++) {
            Out o = packets.get(k);
            PcapReader.Record r = back.records().get(k);
            assertThat(r.interfaceId()).isEqualTo(o.iface());
            assertThat(r.timestampNanos()).isEqualTo(o.record().timestampNanos());
            assertThat(r.data()).isEqualTo(o.data());
            assertThat(r.direction()).isEqualTo(o.direction());
            assertThat(r.comment()).isEqualTo(o.comment());
        }

        Tshark.Report report = Tshark.assertClean(file);
        assertThat(report.packets()).isEqualTo(packets.size());
        List<List<String>> rows = Tshark.fields(file, "frame.interface_name", "frame.comment", "frame.protocols",
                "frame.p2p_dir");
        assertThat(rows).hasSize(packets.size());
        for (int k = 0; k < rows.size(); k++) {
            Out o = packets.get(k);
            List<String> row = rows.get(k);
            assertThat(row.get(0)).isEqualTo(back.interfaces().get(o.iface()).name());
            assertThat(row.get(1)).isEqualTo(o.comment() == null ? "" : o.comment());
            if (o.iface() == 3) {
                assertThat(row.get(2)).as("tunl0 packet %d", k).startsWith("raw:ip:");
            } else {
                assertThat(row.get(2)).startsWith("eth:ethertype:");
            }
            // Wireshark shows epb_flags inbound/outbound as the point-to-point direction 1/0.
            String expected = switch (o.direction()) {
                case INBOUND -> "1";
                case OUTBOUND -> "0";
                case UNKNOWN -> "";
            };
            assertThat(row.get(3)).as("direction of packet %d", k).isEqualTo(expected);
        }
    }

    @Test
    void classicPcapFilesOfBothResolutionsPassTshark() throws IOException {
        List<Out> packets = packets();
        for (CaptureFormat format : List.of(CaptureFormat.PCAP, CaptureFormat.PCAP_NS)) {
            Path eth = dir.resolve("overlay-" + format + ".pcap");
            Path raw = dir.resolve("tunl0-" + format + ".pcap");
            try (CaptureWriter we = format.open(eth); CaptureWriter wr = format.open(raw)) {
                int e = we.addInterface("nodeA/vxlan4096", LinkType.ETHERNET);
                int t = wr.addInterface("nodeA/tunl0", LinkType.RAW);
                for (Out o : packets) {
                    if (o.iface() == 1) {
                        we.write(e, o.record().timestampNanos(), o.data(), 0, o.data().length);
                    } else if (o.iface() == 3) {
                        wr.write(t, o.record().timestampNanos(), o.data(), 0, o.data().length);
                    }
                }
            }
            PcapReader.Capture back = PcapReader.read(raw);
            assertThat(back.linkType()).isEqualTo(101);
            assertThat(back.nanosecond()).isEqualTo(format == CaptureFormat.PCAP_NS);
            assertThat(back.records()).hasSize(20);
            assertThat(Tshark.assertClean(eth).packets()).isEqualTo(24);
            assertThat(Tshark.assertClean(raw).packets()).isEqualTo(20);
            assertThat(Tshark.fields(raw, "frame.protocols")).allSatisfy(row -> assertThat(row.get(0)).startsWith("raw:ip:"));
        }
    }

    @Test
    void tsharkCatchesABadChecksum() throws IOException {
        // The oracle must be able to fail: corrupt one IPv4 header checksum of the underlay.
        PcapReader.Record r = captures.get(0).records().stream()
                .filter(x -> x.data()[12] == 0x08 && x.data()[13] == 0x00).findFirst().orElseThrow();
        byte[] bad = r.data().clone();
        bad[14 + 10] ^= 0x55;
        Path file = dir.resolve("bad.pcapng");
        try (CaptureWriter w = CaptureFormat.PCAPNG.open(file)) {
            w.write(w.addInterface("nodeA/veth-a", LinkType.ETHERNET), r.timestampNanos(), bad, 0, bad.length);
        }
        Tshark.Report report = Tshark.check(file);
        assertThat(report.problems()).contains("frame 1: bad ip checksum");
    }
}
