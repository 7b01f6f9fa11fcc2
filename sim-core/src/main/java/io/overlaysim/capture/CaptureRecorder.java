package io.overlaysim.capture;

import io.overlaysim.device.DeviceTap;
import io.overlaysim.device.NetDevice;
import io.overlaysim.packet.PacketBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Captures devices into one capture file, as tcpdump on each of them would: every frame a
 * device receives (inbound) or sends (outbound), with the device as the pcapng interface
 * {@code node/device}. Devices never know they are captured: the recorder is a
 * {@link DeviceTap} added to them.
 *
 * <pre>{@code
 * try (CaptureWriter w = CaptureFormat.PCAPNG.open(Path.of("run.pcapng"))) {
 *     CaptureRecorder rec = new CaptureRecorder(w);
 *     rec.capture("worker01", node.device("enp1s0"));
 *     sim.runUntilIdle();
 * }
 * }</pre>
 */
public final class CaptureRecorder implements DeviceTap {
    private final CaptureWriter writer;
    private final Map<NetDevice, Integer> interfaces = new IdentityHashMap<>();
    private LongFunction<? extends CharSequence> comments;

    public CaptureRecorder(CaptureWriter writer) {
        this.writer = writer;
    }

    /**
     * Turns per-packet comments on: each frame's comment is {@code comments.apply(packet id)}
     * (null for none), e.g. {@code trace::comment}, the step that produced it:
     * {@code worker01: 172.16.103.64/26 via 192.168.0.146 dev tunl0 proto bird onlink}. Classic
     * pcap drops comments. {@code null} turns them off.
     */
    public void setComments(LongFunction<? extends CharSequence> comments) {
        this.comments = comments;
    }

    /** Starts capturing {@code dev} of node {@code node}. */
    public void capture(String node, NetDevice dev) {
        if (interfaces.containsKey(dev)) {
            return;
        }
        LinkType type = dev.linkType() == io.overlaysim.device.LinkType.NONE ? LinkType.RAW : LinkType.ETHERNET;
        int iface;
        try {
            iface = writer.addInterface(node + "/" + dev.name(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        interfaces.put(dev, iface);
        dev.addTap(new Interface(iface));
    }

    /** The tap on one captured device: it knows its interface id, so a frame costs no map lookup. */
    private final class Interface implements DeviceTap {
        private final int iface;

        Interface(int iface) {
            this.iface = iface;
        }

        @Override
        public void frame(NetDevice dev, boolean transmit, PacketBuffer frame, long time) {
            record(iface, transmit, frame, time);
        }
    }

    /** A frame of a device captured by this recorder, else nothing (the taps added by {@link #capture} call the same). */
    @Override
    public void frame(NetDevice dev, boolean transmit, PacketBuffer frame, long time) {
        Integer iface = interfaces.get(dev);
        if (iface != null) {
            record(iface, transmit, frame, time);
        }
    }

    private void record(int iface, boolean transmit, PacketBuffer frame, long time) {
        try {
            writer.write(iface, time, frame.array(), frame.start(), frame.length(), frame.length(),
                    transmit ? Direction.OUTBOUND : Direction.INBOUND, comments == null ? null : comments.apply(frame.id()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
