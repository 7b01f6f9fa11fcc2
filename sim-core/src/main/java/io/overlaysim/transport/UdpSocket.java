package io.overlaysim.transport;

import io.overlaysim.node.Node;
import io.overlaysim.node.Pmtudisc;
import io.overlaysim.node.RouteDecision;
import io.overlaysim.packet.IpProtocol;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.packet.UdpHeader;

/**
 * A UDP socket bound to a port: {@code sendto} with the socket's TTL, TOS, source and
 * {@code IP_MTU_DISCOVER} setting; received datagrams go to its {@link UdpReceiver}.
 */
public final class UdpSocket {
    private final UdpStack stack;
    private final int port;
    private final UdpReceiver receiver;
    private final String name;
    private int ttl = -1;
    private int tos;
    private int source;
    private Pmtudisc pmtudisc = Pmtudisc.WANT;

    UdpSocket(UdpStack stack, int port, UdpReceiver receiver) {
        this.stack = stack;
        this.port = port;
        this.receiver = receiver == null ? (s, p, src, sp, off, len) -> { } : receiver;
        this.name = "udp:" + port;
    }

    public int port() {
        return port;
    }

    String name() {
        return name;
    }

    UdpReceiver receiver() {
        return receiver;
    }

    public UdpSocket ttl(int t) {
        this.ttl = t;
        return this;
    }

    public UdpSocket tos(int t) {
        this.tos = t;
        return this;
    }

    /** Binds the source address (0: chosen by the route). */
    public UdpSocket source(int addr) {
        this.source = addr;
        return this;
    }

    public UdpSocket pmtudisc(Pmtudisc p) {
        this.pmtudisc = p;
        return this;
    }

    /**
     * Sends {@code length} bytes of payload (zeros, the first byte {@code (byte) tag}) to
     * {@code dst:dstPort}; returns the packet's ledger id, or -1 when the kernel would have
     * refused the send (no route: the packet is created and dropped with the route's reason;
     * larger than the path MTU with {@link Pmtudisc#DO}: {@code too-big-df}).
     */
    public long send(int dst, int dstPort, int length, int tag) {
        return send(dst, dstPort, length, null, tag);
    }

    /**
     * Sends {@code length} bytes of payload that begin with {@code head} (the rest zeros; a
     * flow's sequence number and send time) to {@code dst:dstPort}; the answer is as for
     * {@link #send(int, int, int, int)}.
     */
    public long send(int dst, int dstPort, int length, byte[] head) {
        return send(dst, dstPort, length, head, 0);
    }

    private long send(int dst, int dstPort, int length, byte[] head, int tag) {
        Node node = stack.node();
        PacketBuffer p = PacketBuffer.allocate(UdpHeader.LENGTH + length);
        int o = p.put(UdpHeader.LENGTH + length);
        byte[] b = p.array();
        int written;   // payload bytes written; the rest of the new buffer is zeros
        if (head != null) {
            written = Math.min(head.length, length);
            System.arraycopy(head, 0, b, o + UdpHeader.LENGTH, written);
        } else {
            written = Math.min(1, length);
            if (length > 0) {
                b[o + UdpHeader.LENGTH] = (byte) tag;
            }
        }
        node.created(p, name);
        RouteDecision d = node.ip().route(dst, source, null);
        if (!d.ok()) {
            node.drop(p, null, d.drop());
            return -1;
        }
        int src = source != 0 ? source : d.prefsrc();
        UdpHeader.write(b, o, port, dstPort, UdpHeader.LENGTH + length);
        UdpHeader.fillChecksum(b, o, UdpHeader.LENGTH + length, UdpHeader.LENGTH + written, src, dst);
        p.setChecksumPartial(o);   // udp4_hwcsum: through a device with checksum offload (a pod's veth)
        int t = ttl > 0 ? ttl : node.sysctls().defaultTtl;
        node.ip().send(p, IpProtocol.UDP, src, dst, t, tos, pmtudisc, d);
        return p.id();
    }

    public void close() {
        stack.close(this);
    }
}
