package io.overlaysim.topology;

import io.overlaysim.device.NetDevice;
import io.overlaysim.node.Node;
import io.overlaysim.node.PacketObserver;
import io.overlaysim.node.RouteDecision;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.PacketBuffer;
import java.util.ArrayList;
import java.util.List;

/** A test observer: the walk's steps as short lines ({@code worker01 encapsulated tunl0 ...}), in order. */
public final class Walk implements PacketObserver {
    public final List<String> steps = new ArrayList<>();

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public void sent(Node node, NetDevice dev, PacketBuffer p) {
        steps.add(node + " sent " + dev);
    }

    @Override
    public void routeLookup(Node node, PacketBuffer p, NetDevice in, int dst, RouteDecision d) {
        steps.add(node + " route " + io.overlaysim.net.Ipv4Address.format(dst) + " " + d.kind()
                + (d.dev() == null ? "" : " dev " + d.dev()));
    }

    @Override
    public void encapsulated(Node node, NetDevice tunnel, PacketBuffer p, int outerSrc, int outerDst, String kind) {
        steps.add(node + " encapsulated " + tunnel + " " + kind + " " + outer(outerSrc, outerDst));
    }

    @Override
    public void decapsulated(Node node, NetDevice tunnel, PacketBuffer p, int outerSrc, int outerDst, String kind) {
        steps.add(node + " decapsulated " + tunnel + " " + kind + " " + outer(outerSrc, outerDst));
    }

    private static String outer(int src, int dst) {
        return io.overlaysim.net.Ipv4Address.format(src) + " > " + io.overlaysim.net.Ipv4Address.format(dst);
    }

    @Override
    public void dropped(Node node, NetDevice dev, PacketBuffer p, DropReason reason) {
        steps.add(node + " dropped " + reason);
    }

    @Override
    public void delivered(Node node, PacketBuffer p, String to) {
        steps.add(node + " delivered " + to);
    }

    @Override
    public void icmpGenerated(Node node, PacketBuffer cause, PacketBuffer error, int type, int code) {
        steps.add(node + " icmp " + type + "/" + code);
    }

    public List<String> matching(String part) {
        return steps.stream().filter(s -> s.contains(part)).toList();
    }
}
