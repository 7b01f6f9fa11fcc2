package io.overlaysim.scenario.run;

import io.overlaysim.device.NetDevice;
import io.overlaysim.iproute.RoutePrinter;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.node.Node;
import io.overlaysim.node.PacketObserver;
import io.overlaysim.node.RouteDecision;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.IcmpHeader;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.routing.TableNames;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Attributes packets to the scenario's traffic and records what happened to them: the observer
 * of a scenario run. A ping's requests are known by their ICMP identifier when made; anything
 * made while one of the traffic's packets is being handled (an echo reply, a fragment, a
 * reassembled datagram) belongs to that traffic, as does an ICMP error about one of its
 * packets. ARP is nobody's traffic.
 *
 * <p>The seam with the {@code trace} package (node2 branch): once the packet walk lands, the run
 * observes through it as well, and failure reports carry its numbered steps instead of the
 * short steps kept here.
 */
final class TrafficWatch implements PacketObserver {
    private final RoutePrinter printer = new RoutePrinter(new TableNames());
    private final SequencedMap<String, TrafficLog> logs = new LinkedHashMap<>();
    /** {@code node:identifier} of each ping to its log. */
    private final Map<String, TrafficLog> pings = new HashMap<>();
    private final Map<Long, TrafficLog> byPacket = new HashMap<>();
    private TrafficLog current;
    private long currentPacket;
    private boolean commentRoutes;
    private long lastLookupPacket = -1;
    private String lastLookup;

    TrafficLog log(String traffic) {
        return logs.computeIfAbsent(traffic, TrafficLog::new);
    }

    /** A ping's echo requests on {@code node} carry {@code identifier}. */
    void ping(String traffic, Node node, int identifier) {
        pings.put(node.name() + ":" + identifier, log(traffic));
    }

    /** Whether to remember each packet's last route for capture comments. */
    void commentRoutes(boolean on) {
        commentRoutes = on;
    }

    /** The route that last sent {@code packet} ({@code r1: 10.0.0.8/30 via 10.0.0.6 dev eth1}), or null. */
    String routeComment(long packet) {
        return packet == lastLookupPacket ? lastLookup : null;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    private TrafficLog of(PacketBuffer p) {
        TrafficLog l = byPacket.get(p.id());
        current = l;
        currentPacket = p.id();
        return l;
    }

    private String time(Node n) {
        long t = n.simulation().now();
        return String.format("%d.%06ds ", t / 1_000_000_000L, (t % 1_000_000_000L) / 1000);
    }

    @Override
    public void created(Node node, PacketBuffer p, String what) {
        TrafficLog l;
        if (what.equals("ping")) {
            int id = IcmpHeader.identifier(p.array(), p.start());
            l = pings.get(node.name() + ":" + id);
        } else if (what.startsWith("arp")) {
            l = null;
        } else {
            l = current;
        }
        if (l == null) {
            return;
        }
        byPacket.put(p.id(), l);
        l.created++;
        l.nodes.add(node.name());
        String cause = current == l && currentPacket != p.id() && !what.equals("ping") ? " (from #" + currentPacket + ")" : "";
        l.step(p.id(), time(node) + node.name() + ": created " + what + cause);
        if (what.equals("ping")) {
            current = l;
            currentPacket = p.id();
        }
    }

    @Override
    public void received(Node node, NetDevice dev, PacketBuffer p) {
        TrafficLog l = of(p);
        if (l != null) {
            l.devices.add(node.name() + "/" + dev.name());
            l.nodes.add(node.name());
            l.step(p.id(), time(node) + node.name() + ": received on " + dev.name());
        }
    }

    @Override
    public void routeLookup(Node node, PacketBuffer p, NetDevice in, int dst, RouteDecision d) {
        TrafficLog l = of(p);
        if (commentRoutes && d.ok() && d.matched() != null) {
            lastLookupPacket = p.id();
            lastLookup = node.name() + ": " + RouteTables.line(d.matched()).replace('\n', ' ');
        }
        if (l != null) {
            String route = d.matched() == null ? "no route" : printer.text(RoutePrinter.kernelForm(d.matched()));
            l.step(p.id(), time(node) + node.name() + ": route " + (in == null ? "output" : "input") + " to "
                    + Ipv4Address.format(dst) + ": " + route.replace('\n', ' ') + " -> "
                    + (d.ok() ? d.kind().name().toLowerCase() + (d.dev() == null ? "" : " dev " + d.dev().name())
                            : "error " + d.drop()));
        }
    }

    @Override
    public void sent(Node node, NetDevice dev, PacketBuffer p) {
        TrafficLog l = of(p);
        if (l != null) {
            l.devices.add(node.name() + "/" + dev.name());
            l.step(p.id(), time(node) + node.name() + ": sent on " + dev.name());
        }
    }

    @Override
    public void fragmented(Node node, PacketBuffer p, int mtu, List<PacketBuffer> fragments) {
        TrafficLog l = of(p);
        if (l != null) {
            for (PacketBuffer f : fragments) {
                byPacket.put(f.id(), l);
            }
            l.step(p.id(), time(node) + node.name() + ": fragmented into " + fragments.size() + " for mtu " + mtu);
        }
    }

    @Override
    public void icmpGenerated(Node node, PacketBuffer cause, PacketBuffer error, int type, int code) {
        TrafficLog l = byPacket.get(cause.id());
        if (l == null) {
            return;
        }
        byPacket.put(error.id(), l);
        int mtu = type == IcmpHeader.DESTINATION_UNREACHABLE && code == IcmpHeader.CODE_FRAGMENTATION_NEEDED
                ? IcmpHeader.nextHopMtu(error.array(), error.start()) : 0;
        l.icmpErrors.add(new TrafficLog.IcmpError(error.id(), node.name(), type, code, mtu, null, 0));
        l.step(cause.id(), time(node) + node.name() + ": icmp error type " + type + " code " + code
                + (mtu > 0 ? " mtu " + mtu : "") + " -> #" + error.id());
    }

    @Override
    public void encapsulated(Node node, NetDevice tunnel, PacketBuffer p, int outerSrc, int outerDst, String detail) {
        TrafficLog l = of(p);
        if (l != null) {
            l.encapsulations.add(node.name() + "/" + tunnel.name() + ": " + detail);
            l.step(p.id(), time(node) + node.name() + ": encapsulated by " + tunnel.name() + " " + detail);
        }
    }

    @Override
    public void decapsulated(Node node, NetDevice tunnel, PacketBuffer p, int outerSrc, int outerDst, String detail) {
        TrafficLog l = of(p);
        if (l != null) {
            l.step(p.id(), time(node) + node.name() + ": decapsulated by " + tunnel.name() + " " + detail);
        }
    }

    @Override
    public void delivered(Node node, PacketBuffer p, String to) {
        TrafficLog l = of(p);
        if (l == null) {
            return;
        }
        l.delivered++;
        l.step(p.id(), time(node) + node.name() + ": delivered to " + to);
        for (int i = 0; i < l.icmpErrors.size(); i++) {
            TrafficLog.IcmpError e = l.icmpErrors.get(i);
            if (e.packet() == p.id()) {
                l.icmpErrors.set(i, e.received(node.name(), Ipv4Header.source(p.array(), p.start())));
            }
        }
    }

    @Override
    public void dropped(Node node, NetDevice dev, PacketBuffer p, DropReason reason) {
        TrafficLog l = of(p);
        if (l != null) {
            l.drops.add(new TrafficLog.Drop(p.id(), node.name(), dev == null ? null : dev.name(), reason));
            l.step(p.id(), time(node) + node.name() + ": dropped (" + reason.label() + ")"
                    + (dev == null ? "" : " on " + dev.name()));
        }
    }
}
