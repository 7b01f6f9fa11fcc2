package io.overlaysim.packet;

import io.overlaysim.capture.PcapReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The real captures copied from the shared corpus into test resources ({@code corpus/}):
 * Linux VXLAN (underlay, overlay, pod side; kernel 6.18) and BIRD ↔ GoBGP sessions over
 * loopback (TCP), see {@code corpus/SOURCES.md}.
 */
final class Corpus {
    static final String UNDERLAY = "linux-vxlan-underlay.pcap";
    static final String OVERLAY = "linux-vxlan-overlay.pcap";
    static final String PODSIDE = "linux-vxlan-podside.pcap";
    /** Captures whose every checksum is correct. */
    static final List<String> CORRECT = List.of(UNDERLAY, OVERLAY, PODSIDE,
            "bird-gobgp-ibgp.pcap", "bird-gobgp-ebgp.pcap");
    /** tcpdump's own files from lo: TCP checksums are offloaded partial sums, by design. */
    static final List<String> LO_RAW = List.of("bird-gobgp-ibgp.lo-raw.pcap", "bird-gobgp-ebgp.lo-raw.pcap");
    static final List<String> ALL = List.of(UNDERLAY, OVERLAY, PODSIDE, "bird-gobgp-ibgp.pcap",
            "bird-gobgp-ebgp.pcap", "bird-gobgp-ibgp.lo-raw.pcap", "bird-gobgp-ebgp.lo-raw.pcap");

    private Corpus() {}

    static PcapReader.Capture read(String name) {
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource corpus/" + name + " is missing");
            }
            return PcapReader.parse(name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The frame with 1-based number {@code frame} (as tshark numbers them). */
    static byte[] frame(String name, int frame) {
        return read(name).records().get(frame - 1).data();
    }
}
