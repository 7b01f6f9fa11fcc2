package io.overlaysim.mtu;

import io.overlaysim.device.DeviceTap;
import io.overlaysim.device.NetDevice;
import io.overlaysim.node.Node;
import io.overlaysim.node.PacketObserver;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.IcmpHeader;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.report.mtu.Framing;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Watches one probe's walk (armed after the warm-up): where it was fragmented and into how many
 * packets, who sent fragmentation-needed with which MTU and whether that reached the sender, what
 * was dropped, whether the receiving pod got it; and, as a tap on the sending host's underlay
 * NIC, the bytes the probe put on the wire.
 */
final class CellWatch implements PacketObserver, DeviceTap {
    private final String sender;
    private final String receiver;
    private boolean armed;

    final Set<Long> leaves = new HashSet<>();
    private final Map<Long, String> fragmentMtu = new HashMap<>();
    String fragmentedAt;
    String fragNeededBy;
    int fragNeededMtu;
    long fragNeededArrival = -1;
    String suppressedBy;
    String droppedAt;
    boolean delivered;
    boolean refusedLocally;
    long wireBytes;
    /** IP total length of every TCP segment with data that reached the receiver, in order. */
    final java.util.List<Integer> tcpSegments = new java.util.ArrayList<>();

    CellWatch(String sender, String receiver) {
        this.sender = sender;
        this.receiver = receiver;
    }

    void arm() {
        armed = true;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public void fragmented(Node node, PacketBuffer p, int mtu, java.util.List<PacketBuffer> fragments) {
        // after delivery only the reply is cut (the echo reply on its way back): not the probe's walk
        if (!armed || delivered) {
            return;
        }
        leaves.remove(p.id());
        for (PacketBuffer f : fragments) {
            leaves.add(f.id());
            fragmentMtu.put(f.id(), node.name() + " (mtu " + mtu + ")");
        }
    }

    @Override
    public void sent(Node node, NetDevice dev, PacketBuffer p) {
        String at = armed && fragmentedAt == null ? fragmentMtu.get(p.id()) : null;
        if (at != null) {
            fragmentedAt = node.name() + "/" + dev.name() + at.substring(node.name().length());
        }
    }

    @Override
    public void icmpGenerated(Node node, PacketBuffer cause, PacketBuffer error, int type, int code) {
        if (armed && type == IcmpHeader.DESTINATION_UNREACHABLE && code == IcmpHeader.CODE_FRAGMENTATION_NEEDED
                && fragNeededBy == null) {
            fragNeededBy = node.name();
            fragNeededMtu = IcmpHeader.restOfHeader(error.array(), error.start()) & 0xffff;
        }
    }

    @Override
    public void delivered(Node node, PacketBuffer p, String to) {
        if (!armed) {
            return;
        }
        if (node.name().equals(receiver) && !to.equals("arp") && !to.startsWith("icmp error")) {
            delivered = true;
            // tcp_v4_rcv has pulled the IP header (no options here): the TCP header's data offset
            // tells the data from a pure ACK
            int dataOffset = ((p.array()[p.start() + 12] & 0xff) >>> 4) * 4;
            if (to.equals("tcp") && p.length() > dataOffset) {
                tcpSegments.add(p.length() + 20);
            }
        }
        if (node.name().equals(sender) && to.equals("icmp error") && fragNeededBy != null && fragNeededArrival < 0) {
            fragNeededArrival = node.simulation().now();
        }
    }

    @Override
    public void dropped(Node node, NetDevice dev, PacketBuffer p, DropReason reason) {
        if (!armed) {
            return;
        }
        if (reason == DropReason.TOO_BIG_DF && node.name().equals(sender)) {
            refusedLocally = true;
        } else if (reason == DropReason.ICMP_ERROR_SUPPRESSED) {
            suppressedBy = node.name();
        } else if (droppedAt == null) {
            droppedAt = node.name() + (dev == null ? "" : "/" + dev.name()) + ": " + reason.label();
        }
    }

    /** Counts IPv4 frames the sending host's NIC transmits, as the line counts them. */
    @Override
    public void frame(NetDevice dev, boolean transmit, PacketBuffer frame, long time) {
        byte[] b = frame.array();
        int s = frame.start();
        if (armed && transmit && frame.length() > 14 && (b[s + 12] & 0xff) == 0x08 && b[s + 13] == 0) {
            wireBytes += Framing.LINE.frameBytes(frame.length() - Framing.ETHERNET_HEADER);
        }
    }
}
