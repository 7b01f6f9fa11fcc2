package io.overlaysim.tunnel;

import io.overlaysim.device.NetDevice;
import io.overlaysim.node.Node;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.packet.UdpHeader;
import io.overlaysim.packet.VxlanHeader;
import io.overlaysim.transport.UdpStack;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's VXLAN: its devices and the UDP tunnel sockets they listen on, one per destination
 * port ({@code struct vxlan_sock}), each with its devices by VNI. A datagram to the port on any
 * local address is checked ({@code vxlan_rcv}: the I flag, reserved bits zero), its VNI names
 * the device, the outer headers are pulled and the inner frame is received on that device.
 *
 * <pre>{@code
 * VxlanDevice v = Vxlan.of(node).add("flannel.1", mac, VxlanConfig.of(1).withPort(8472)
 *         .withLocal("192.168.0.101").withLower("eth0").withLearning(false));
 * }</pre>
 */
public final class Vxlan {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private final Node node;
    /** One UDP tunnel socket: its port and its devices (linear scans: few devices, no boxing per packet). */
    private record Socket(int port, List<VxlanDevice> devices) {
        VxlanDevice byVni(int vni) {
            VxlanDevice metadata = null;
            for (int i = 0; i < devices.size(); i++) {
                VxlanDevice d = devices.get(i);
                if (d.isExternal()) {
                    metadata = d;
                } else if (d.config().vni() == vni) {
                    return d;
                }
            }
            // vxlan_vs_find_vni: a collect-metadata device takes every VNI (it reads it as the tunnel key)
            return metadata;
        }
    }

    private final List<Socket> sockets = new ArrayList<>();
    private final List<VxlanDevice> devices = new ArrayList<>();
    // the device the last datagram went to, by (port, VNI): a tunnel receives long runs for one device; reset by add
    private int lastPort = -1;
    private int lastVni;
    private VxlanDevice lastDevice;

    private Vxlan(Node node) {
        this.node = node;
    }

    /** The node's VXLAN, made on first use. */
    public static Vxlan of(Node node) {
        return node.extension(Vxlan.class, () -> new Vxlan(node));
    }

    /**
     * {@code ip link add NAME address MAC type vxlan ...}: the device, up, its MTU the lower
     * device's minus 50 (1500 - 50 without one), its socket bound, and for {@code remote} the
     * all-zeros FDB entry ({@code dst REMOTE via LOWER self permanent}).
     */
    public VxlanDevice add(String name, long mac, VxlanConfig config) {
        return add(name, mac, config, false);
    }

    /**
     * {@code ip link add NAME address MAC type vxlan external dstport PORT}: a collect-metadata
     * device ({@code VXLAN_F_COLLECT_METADATA}), as Cilium's {@code cilium_vxlan}. It has no VNI
     * and no FDB of its own: whoever sends through it gives the remote and the VNI per packet
     * ({@link VxlanDevice#transmitWithKey}, what {@code bpf_skb_set_tunnel_key} does), and it
     * receives every VNI on its port, the VNI and outer source kept as the frame's tunnel key
     * ({@link VxlanDevice#rxVni()}). The config's VNI must be 0 and learning off.
     */
    public VxlanDevice addExternal(String name, long mac, VxlanConfig config) {
        if (config.vni() != 0 || config.learning() || config.remote() != 0) {
            throw new IllegalArgumentException("vxlan external: no VNI, remote or learning (the kernel answers EINVAL)");
        }
        return add(name, mac, config, true);
    }

    private VxlanDevice add(String name, long mac, VxlanConfig config, boolean external) {
        NetDevice lower = config.lower() == null ? null : node.device(config.lower());
        int mtu = (lower == null ? 1500 : lower.mtu()) - VxlanDevice.HEADROOM;
        VxlanDevice v = new VxlanDevice(node, name, mac, mtu, config, external);
        Socket sock = socket(config.port());
        if (sock == null) {
            sock = new Socket(config.port(), new ArrayList<>());
            sockets.add(sock);
            UdpStack.of(node).bindEncap(config.port(), this::receive);
        }
        if (sock.devices().stream().anyMatch(d -> d.isExternal() != external)) {
            // VXLAN_F_COLLECT_METADATA is a receive flag: such a device needs a socket of its own on the port
            throw new IllegalArgumentException("vxlan: dstport " + config.port() + " on " + node.name()
                    + " is bound by a " + (external ? "" : "collect-metadata ") + "device (the kernel answers EADDRINUSE)");
        }
        if (external ? !sock.devices().isEmpty()
                : sock.devices().stream().anyMatch(d -> d.config().vni() == config.vni())) {
            throw new IllegalArgumentException("vxlan: a device with VNI " + config.vni() + " and dstport " + config.port()
                    + " exists on " + node.name() + " (the kernel answers EEXIST)");
        }
        node.addDevice(v);
        lastDevice = null;
        v.bindLower(lower);
        sock.devices().add(v);
        devices.add(v);
        if (config.remote() != 0) {
            v.fdb().append(VxlanFdb.ALL_ZEROS, config.remote(), config.lower());
        }
        return v;
    }

    private Socket socket(int port) {
        for (int i = 0; i < sockets.size(); i++) {
            if (sockets.get(i).port() == port) {
                return sockets.get(i);
            }
        }
        return null;
    }

    public List<VxlanDevice> devices() {
        return List.copyOf(devices);
    }

    /** {@code vxlan_rcv}: {@code p} starts at the outer IPv4 header, {@code udp} is the UDP header's offset. */
    void receive(Node n, PacketBuffer p, NetDevice in, int udp) {
        int outerSource = Ipv4Header.source(p.array(), p.start());
        int outerDestination = Ipv4Header.destination(p.array(), p.start());
        int outerTos = Ipv4Header.tos(p.array(), p.start());
        VxlanDevice dev = decapsulate(p, in, udp);
        if (dev != null) {
            dev.decapsulated(p, outerSource, outerDestination, outerTos);
        }
    }

    /**
     * Checks the VXLAN header of the datagram at {@code p} (UDP checksum already verified, as
     * {@code udp_queue_rcv_one_skb} does before {@code encap_rcv}), finds the device by port
     * and VNI, and pulls the outer headers: {@code p} then starts at the inner Ethernet header.
     * Returns the device, or null when the packet was dropped (and accounted for). Allocates
     * nothing.
     */
    public VxlanDevice decapsulate(PacketBuffer p, NetDevice in, int udp) {
        byte[] b = p.array();
        int vx = udp + UdpHeader.LENGTH;
        if (p.end() - vx < VxlanHeader.LENGTH + 14) {
            node.drop(p, in, DropReason.VXLAN_INVALID_HDR);
            return null;
        }
        // the I flag must be set and every other flag and reserved bit clear (the header read as
        // one word: flags and reserved bytes 0-3 and 7 around the VNI in bytes 4-6)
        long w = (long) LONG_BE.get(b, vx);
        if ((w & 0xffff_ffff_0000_00ffL) != (long) VxlanHeader.FLAG_I << 56) {
            node.drop(p, in, DropReason.VXLAN_INVALID_HDR);
            return null;
        }
        int port = UdpHeader.destinationPort(b, udp);
        int vni = (int) (w >>> 8) & 0xff_ffff;
        VxlanDevice dev = lastDevice;
        if (dev == null || port != lastPort || vni != lastVni) {
            Socket sock = socket(port);
            dev = sock == null ? null : sock.byVni(vni);
            lastDevice = dev;
            lastPort = port;
            lastVni = vni;
        }
        if (dev == null || !dev.isAdminUp()) {
            node.drop(p, in, DropReason.VXLAN_VNI_NOT_FOUND);
            return null;
        }
        p.pull(vx + VxlanHeader.LENGTH - p.start());
        return dev;
    }
}
