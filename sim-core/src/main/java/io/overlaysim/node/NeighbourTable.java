package io.overlaysim.node;

import io.overlaysim.device.NetDevice;
import io.overlaysim.packet.ArpPacket;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.EtherType;
import io.overlaysim.packet.EthernetHeader;
import io.overlaysim.packet.IcmpHeader;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.routing.InterfaceAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A node's ARP table and ARP protocol ({@code net/core/neighbour.c}, {@code net/ipv4/arp.c}).
 * Output to an unresolved neighbour queues the packet (up to {@code unres_qlen}, dropping the
 * oldest) and broadcasts a request; requests repeat every {@code retrans_time} (1 s) until
 * {@code mcast_solicit} (3) went unanswered, then the entry FAILS and each queued packet earns
 * its sender an ICMP host unreachable ({@code arp_error_report} -> {@code ipv4_link_failure}).
 * A reply makes the entry REACHABLE for a random 0.5..1.5 x {@code base_reachable_time}, then
 * STALE; a STALE entry in use goes to DELAY (5 s), then PROBE (unicast requests).
 * Requests for our addresses are answered, and with {@code proxy_arp} on the receiving device
 * so are requests for addresses routed out of another device (after a random
 * {@code proxy_delay} unless the request was unicast or the delay is 0).
 */
public final class NeighbourTable {
    private final Node node;
    private final Map<Long, Neighbour> entries = new HashMap<>();
    private long lastKey = Long.MIN_VALUE;
    private Neighbour last;
    private RandomGenerator random;

    NeighbourTable(Node node) {
        this.node = node;
    }

    private static long key(NetDevice dev, int ip) {
        return ((long) dev.index() << 32) | (ip & 0xffffffffL);
    }

    /** The entry for {@code ip} on {@code dev}, or null. */
    public Neighbour get(NetDevice dev, int ip) {
        long k = key(dev, ip);
        if (k == lastKey) {
            return last;
        }
        Neighbour n = entries.get(k);
        if (n != null) {
            lastKey = k;
            last = n;
        }
        return n;
    }

    /** The entries as {@code ip neigh} lists them (by device, then address). */
    public List<Neighbour> entries() {
        List<Neighbour> l = new ArrayList<>(entries.values());
        l.sort(Comparator.comparingInt((Neighbour n) -> n.dev.index()).thenComparingLong(n -> n.ip & 0xffffffffL));
        return l;
    }

    /** {@code ip neigh replace IP lladdr MAC dev DEV nud permanent}. */
    public void addPermanent(NetDevice dev, int ip, long mac) {
        Neighbour n = getOrCreate(dev, ip);
        cancelTimer(n);
        n.state = NeighbourState.PERMANENT;
        n.mac = mac;
        flushQueue(n);
    }

    private Neighbour getOrCreate(NetDevice dev, int ip) {
        Neighbour n = get(dev, ip);
        if (n == null) {
            n = new Neighbour(dev, ip);
            if (dev.isNoArp()) {
                // arp_constructor: IFF_NOARP devices take their own address as the neighbour's, NUD_NOARP
                n.state = NeighbourState.NOARP;
                n.mac = dev.mac();
            }
            entries.put(key(dev, ip), n);
        }
        return n;
    }

    // ---------------------------------------------------------------- output

    /** {@code neigh_output} / {@code neigh_resolve_output}: send to {@code nextHop} on {@code dev}, resolving it first. */
    void output(PacketBuffer p, NetDevice dev, int nextHop) {
        Neighbour n = get(dev, nextHop);
        if (n == null) {
            n = getOrCreate(dev, nextHop);
        }
        outputTo(p, n);
    }

    private void outputTo(PacketBuffer p, Neighbour n) {
        NetDevice dev = n.dev;
        int nextHop = n.ip;
        PacketObserver obs = node.observer();
        switch (n.state) {
            case REACHABLE, PERMANENT, NOARP, DELAY, PROBE -> send(p, n);
            case STALE -> {
                n.state = NeighbourState.DELAY;
                long entered = now();
                arm(n, node.sysctls().delayFirstProbeSeconds * 1_000_000_000L, () -> delayExpired(n, entered));
                send(p, n);
            }
            case INCOMPLETE -> enqueue(p, n);
            case FAILED -> {
                // __neigh_event_send: start resolving
                n.state = NeighbourState.INCOMPLETE;
                n.probes = 0;
                enqueue(p, n);
                solicit(n, p, false);
            }
        }
        if (obs.enabled() && n.state == NeighbourState.INCOMPLETE) {
            obs.neighbour(node, p, dev, nextHop, -1);
        }
    }

    private void send(PacketBuffer p, Neighbour n) {
        PacketObserver obs = node.observer();
        if (obs.enabled()) {
            obs.neighbour(node, p, n.dev, n.ip, n.mac);
        }
        int off = p.push(EthernetHeader.LENGTH);
        EthernetHeader.write(p.array(), off, n.mac, n.dev.mac(), EtherType.IPV4);
        if (obs.enabled()) {
            obs.sent(node, n.dev, p);
        }
        n.dev.transmit(p);
    }

    private void enqueue(PacketBuffer p, Neighbour n) {
        if (n.queue.size() >= node.sysctls().unresQlen) {
            PacketBuffer old = n.queue.poll();
            node.drop(old, n.dev, DropReason.ARP_QUEUE_FULL);
        }
        n.queue.add(p);
    }

    private void flushQueue(Neighbour n) {
        PacketBuffer p;
        while ((p = n.queue.poll()) != null) {
            send(p, n);
        }
    }

    /** {@code arp_solicit}: a request for the entry's address, broadcast or (probing) unicast. */
    private void solicit(Neighbour n, PacketBuffer cause, boolean unicast) {
        n.probes++;
        int sip = 0;
        if (cause != null) {
            int s = Ipv4Header.source(cause.array(), cause.start());
            if (node.routes().fib().isLocalAddress(s)) {
                sip = s;
            }
        }
        if (sip == 0) {
            sip = selectAddress(n.dev, n.ip);
        }
        long dmac = unicast ? n.mac : 0xffff_ffff_ffffL;
        sendArp(n.dev, ArpPacket.OP_REQUEST, dmac, sip, unicast ? n.mac : 0, n.ip, "arp request");
        long retrans = node.sysctls().retransMillis * 1_000_000L;
        arm(n, retrans, () -> retransmit(n));
    }

    /** {@code inet_select_addr(dev, dst, RT_SCOPE_LINK)}: a primary address of the device, one in dst's subnet first. */
    private int selectAddress(NetDevice dev, int dst) {
        int first = 0;
        for (InterfaceAddress a : node.routes().fib().links().get(dev.name()).addresses()) {
            if (a.secondary()) {
                continue;
            }
            if (a.prefix().contains(dst)) {
                return a.address().bits();
            }
            if (first == 0) {
                first = a.address().bits();
            }
        }
        return first;
    }

    private void sendArp(NetDevice dev, int op, long dmac, int sip, long tmac, int tip, String what) {
        PacketBuffer f = PacketBuffer.allocate(EthernetHeader.LENGTH + ArpPacket.LENGTH);
        int o = f.put(EthernetHeader.LENGTH + ArpPacket.LENGTH);
        EthernetHeader.write(f.array(), o, dmac, dev.mac(), EtherType.ARP);
        ArpPacket.write(f.array(), o + EthernetHeader.LENGTH, op, dev.mac(), sip, tmac, tip);
        node.created(f, what);
        PacketObserver obs = node.observer();
        if (obs.enabled()) {
            obs.sent(node, dev, f);
        }
        dev.transmit(f);
    }

    /** {@code neigh_timer_handler} for INCOMPLETE and PROBE: another request, or FAILED. */
    private void retransmit(Neighbour n) {
        n.timer = -1;
        boolean probing = n.state == NeighbourState.PROBE;
        if (!probing && n.state != NeighbourState.INCOMPLETE) {
            return;
        }
        int max = probing ? node.sysctls().ucastSolicit : node.sysctls().mcastSolicit;
        if (n.probes >= max) {
            fail(n);
            return;
        }
        solicit(n, n.queue.peekLast(), probing);
    }

    /** {@code neigh_invalidate}: FAILED; each queued packet gets its sender an ICMP host unreachable. */
    private void fail(Neighbour n) {
        n.state = NeighbourState.FAILED;
        PacketBuffer p;
        while ((p = n.queue.poll()) != null) {
            node.icmp().sendError(p, null, IcmpHeader.DESTINATION_UNREACHABLE, IcmpHeader.CODE_HOST_UNREACHABLE, 0);
            node.drop(p, n.dev, DropReason.NO_ARP_REPLY);
        }
    }

    private void delayExpired(Neighbour n, long entered) {
        n.timer = -1;
        if (n.state != NeighbourState.DELAY) {
            return;
        }
        if (n.confirmed >= entered) {
            reachable(n);
            return;
        }
        n.state = NeighbourState.PROBE;
        n.probes = 0;
        solicit(n, null, true);
    }

    private void reachable(Neighbour n) {
        n.state = NeighbourState.REACHABLE;
        long base = node.sysctls().baseReachableMillis * 1_000_000L;
        // neigh_rand_reach_time: uniform in [base/2, 3*base/2)
        long t = base / 2 + (long) (rng().nextDouble() * base);
        arm(n, t, () -> {
            n.timer = -1;
            if (n.state == NeighbourState.REACHABLE) {
                n.state = NeighbourState.STALE;
            }
        });
    }

    private RandomGenerator rng() {
        if (random == null) {
            random = node.simulation().random("neigh:" + node.name());
        }
        return random;
    }

    private long now() {
        return node.simulation().now();
    }

    private void arm(Neighbour n, long after, Runnable r) {
        cancelTimer(n);
        n.timer = node.simulation().scheduleAfter(after, r);
    }

    private void cancelTimer(Neighbour n) {
        if (n.timer >= 0) {
            node.simulation().cancel(n.timer);
            n.timer = -1;
        }
    }

    /** {@code neigh_update}: a new address and state; queued packets leave when it becomes valid. */
    private void update(Neighbour n, long mac, NeighbourState state) {
        if (n.state == NeighbourState.PERMANENT || n.state == NeighbourState.NOARP) {
            return;
        }
        long oldMac = n.mac;
        boolean wasValid = n.state == NeighbourState.REACHABLE || n.state == NeighbourState.STALE
                || n.state == NeighbourState.DELAY || n.state == NeighbourState.PROBE;
        n.mac = mac;
        if (state == NeighbourState.REACHABLE) {
            n.confirmed = now();
            reachable(n);
        } else if (!wasValid || oldMac != mac) {
            // a STALE update with the same address keeps the state (neigh_update)
            cancelTimer(n);
            n.state = NeighbourState.STALE;
        }
        flushQueue(n);
    }

    // ---------------------------------------------------------------- input

    /** {@code arp_process}: {@code p} starts at the ARP header. */
    void arpReceive(NetDevice dev, PacketBuffer p, boolean l2broadcast) {
        byte[] b = p.array();
        int o = p.start();
        if (p.length() < ArpPacket.LENGTH || ArpPacket.hardwareType(b, o) != ArpPacket.HARDWARE_ETHERNET
                || ArpPacket.protocolType(b, o) != EtherType.IPV4) {
            node.drop(p, dev, DropReason.BAD_HEADER);
            return;
        }
        int op = ArpPacket.operation(b, o);
        long sha = ArpPacket.senderMac(b, o);
        int sip = ArpPacket.senderIp(b, o);
        int tip = ArpPacket.targetIp(b, o);
        if ((tip >>> 28) == 0xe || (op != ArpPacket.OP_REQUEST && op != ArpPacket.OP_REPLY)) {
            node.drop(p, dev, DropReason.BAD_HEADER);
            return;
        }
        if (op == ArpPacket.OP_REQUEST && node.routes().fib().isLocalAddress(tip)) {
            // a request for one of our addresses (arp_ignore = 0: any of them, on any device)
            neighEventNs(dev, sip, sha);
            sendArp(dev, ArpPacket.OP_REPLY, sha, tip, sha, sip, "arp reply");
            node.deliver(p, "arp");
            return;
        }
        if (op == ArpPacket.OP_REQUEST && sip != 0 && node.sysctls().proxyArp(dev.name())) {
            RouteDecision d = node.routes().input(tip, sip, dev);
            if (d.kind() == RouteDecision.Kind.UNICAST && d.dev() != dev) {
                neighEventNs(dev, sip, sha);
                int delay = node.sysctls().proxyDelay(dev.name());
                if (!l2broadcast || delay == 0) {
                    sendArp(dev, ArpPacket.OP_REPLY, sha, tip, sha, sip, "arp reply (proxy)");
                    node.deliver(p, "arp");
                } else {
                    // pneigh_enqueue: answered after a random part of proxy_delay (jiffies of 10 ms)
                    long wait = (long) (rng().nextDouble() * delay * 10_000_000L);
                    node.simulation().scheduleAfter(wait, () -> {
                        sendArp(dev, ArpPacket.OP_REPLY, sha, tip, sha, sip, "arp reply (proxy)");
                        node.deliver(p, "arp");
                    });
                }
                return;
            }
        }
        Neighbour n = get(dev, sip);
        if (n != null) {
            boolean reply = op == ArpPacket.OP_REPLY && !l2broadcast;
            update(n, sha, reply ? NeighbourState.REACHABLE : NeighbourState.STALE);
        }
        node.deliver(p, "arp");
    }

    /** {@code neigh_event_ns}: the sender of a request to us becomes (at least) STALE. */
    private void neighEventNs(NetDevice dev, int sip, long sha) {
        if (sip == 0) {
            return;
        }
        Neighbour n = getOrCreate(dev, sip);
        if (n.state == NeighbourState.REACHABLE && n.mac == sha) {
            return;
        }
        update(n, sha, NeighbourState.STALE);
    }
}
