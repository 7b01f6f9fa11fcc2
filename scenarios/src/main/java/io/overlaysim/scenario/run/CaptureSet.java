package io.overlaysim.scenario.run;

import io.overlaysim.capture.CaptureFormat;
import io.overlaysim.capture.CaptureWriter;
import io.overlaysim.capture.Direction;
import io.overlaysim.capture.LinkType;
import io.overlaysim.device.DeviceTap;
import io.overlaysim.device.NetDevice;
import io.overlaysim.node.Node;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.scenario.CaptureSpec;
import io.overlaysim.scenario.DeviceRef;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The capture files of a run, as the scenario's {@code capture} options ask: the devices listed
 * (or all of them but {@code lo}), pcap or pcapng, one file per device ({@code NODE-DEVICE.EXT},
 * a pod's slash a dash too) or one for all ({@code capture.EXT}), cut to the snap length, and in
 * pcapng a comment on each packet naming the step of its walk that produced it
 * ({@code r1: 10.0.0.8/30 via 10.0.0.6 dev eth1}, {@code r: icmp fragmentation needed about packet 12}).
 */
final class CaptureSet implements DeviceTap, Closeable {
    /** One device's place in a file. */
    private record Target(CaptureWriter writer, int iface) {
    }

    private final CaptureSpec spec;
    private final LongFunction<String> comments;
    private final Map<NetDevice, Target> targets = new IdentityHashMap<>();
    private final Map<Path, CaptureWriter> writers = new LinkedHashMap<>();
    private final List<Path> files = new ArrayList<>();

    private CaptureSet(CaptureSpec spec, LongFunction<String> comments) {
        this.spec = spec;
        this.comments = comments;
    }

    /** Whether {@code spec} asks for packet comments (pcapng with comments on). */
    static boolean wantsComments(CaptureSpec spec) {
        return spec.comments() && spec.format() == CaptureSpec.Format.PCAPNG;
    }

    /**
     * Opens the files in {@code dir} and taps the devices.
     *
     * @param comments each packet's comment by id ({@code Trace::comment}), null for none
     */
    static CaptureSet open(CaptureSpec spec, BuiltNetwork built, LongFunction<String> comments, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        CaptureFormat format = spec.format() == CaptureSpec.Format.PCAP ? CaptureFormat.PCAP : CaptureFormat.PCAPNG;
        CaptureSet set = new CaptureSet(spec, wantsComments(spec) ? comments : null);
        List<Map.Entry<Node, NetDevice>> devices = new ArrayList<>();
        if (spec.all()) {
            for (Node n : built.network().nodes()) {
                n.devices().stream().filter(d -> !d.name().equals("lo")).forEach(d -> devices.add(Map.entry(n, d)));
            }
        } else {
            for (DeviceRef ref : spec.devices()) {
                Node n = built.node(ref.node());
                devices.add(Map.entry(n, n.device(ref.device())));
            }
        }
        for (Map.Entry<Node, NetDevice> e : devices) {
            String name = e.getKey().name() + "-" + e.getValue().name();
            Path file = dir.resolve((spec.perDevice() ? name.replace('/', '-') : "capture") + "." + format.extension());
            CaptureWriter w = set.writers.get(file);
            if (w == null) {
                w = format.open(file);
                set.writers.put(file, w);
                set.files.add(file);
            }
            LinkType type = e.getValue().linkType() == io.overlaysim.device.LinkType.NONE ? LinkType.RAW : LinkType.ETHERNET;
            int iface = w.addInterface(e.getKey().name() + "/" + e.getValue().name(), type, spec.snaplen());
            set.targets.put(e.getValue(), new Target(w, iface));
            e.getValue().addTap(set);
        }
        return set;
    }

    /** The files written, in the order they were opened. */
    List<Path> files() {
        return files;
    }

    @Override
    public void frame(NetDevice dev, boolean transmit, PacketBuffer frame, long time) {
        Target t = targets.get(dev);
        if (t == null) {
            return;
        }
        int length = Math.min(frame.length(), spec.snaplen());
        String comment = comments == null ? null : comments.apply(frame.id());
        try {
            t.writer().write(t.iface(), time, frame.array(), frame.start(), length, frame.length(),
                    transmit ? Direction.OUTBOUND : Direction.INBOUND, comment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (CaptureWriter w : writers.values()) {
            try {
                w.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
