package io.overlaysim.bgp;

import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node's BGP speaker (one BIRD): router id, AS, neighbors, the Loc-RIB, and the routes it
 * originates. Routes move as RFC 4271 §9 says: import into the Adj-RIB-In and Loc-RIB with the
 * loop checks (AS_PATH for eBGP, ORIGINATOR_ID and CLUSTER_LIST for iBGP, RFC 4456 §8), best-path
 * selection ({@link BestPath}), export to each neighbor ({@link ExportPolicy}: iBGP split horizon,
 * route reflection, eBGP AS_PATH prepend and next hop self), and {@link BestRoute.Listener}s hear
 * every change of a best route.
 *
 * <pre>{@code
 * BgpSpeaker s = new BgpSpeaker(sim, transport, "worker01", Ipv4Address.parse("192.168.0.176"), 64512);
 * s.addNeighbor(PeerConfig.of(Ipv4Address.parse("192.168.0.146"), 64512).withTimers(BgpTimers.CALICO));
 * s.originate(Ipv4Prefix.parse("172.16.52.128/26"));
 * s.addListener((prefix, before, after) -> ...);
 * s.start();
 * }</pre>
 */
public final class BgpSpeaker {
    private final Simulation sim;
    private final BgpTransport transport;
    private final String name;
    private final Ipv4Address address;
    private final Ipv4Address routerId;
    private final long asn;
    private Ipv4Address clusterId;
    private final BgpPeer self;
    private final Map<Ipv4Address, BgpNeighbor> neighbors = new LinkedHashMap<>();
    /** The neighbors in the order they were added, for the export loop (a route reflector adds thousands). */
    private final List<BgpNeighbor> neighborList = new ArrayList<>();
    private int rrClients;
    private final RouteInterner interner;
    private final UpdateImport imports;
    private final PrefixIndex prefixes;
    private final LocRib locRib;
    /** Originated routes win over learned ones, as BIRD's static (preference 200) over BGP (100). */
    private final Map<Ipv4Prefix, BgpRoute> originated = new TreeMap<>();
    private final IntObjectMap<BgpPath> originatedById = new IntObjectMap<>();
    private final BitSet originatedIds = new BitSet();
    /** UPDATE bytes encoded during one flush, for the next neighbor that sends the same UPDATE. */
    private final Map<EncodeKey, byte[]> encoded = new HashMap<>();
    private final List<BestRoute.Listener> listeners = new ArrayList<>();
    private final List<BgpNeighbor> dirty = new ArrayList<>();
    private static final List<PathAttribute> ORIGINATED = List.of(PathAttribute.Origin.of(PathAttribute.Origin.IGP));
    private final ExportPolicy export;
    private final Map<MessageType, long[]> sent = new EnumMap<>(MessageType.class);
    private final Map<MessageType, long[]> received = new EnumMap<>(MessageType.class);
    private BgpTransport.Listener listening;
    private boolean flushScheduled;
    /** Prefixes whose best route changed since the last flush, in the order they changed. */
    private int[] changed = new int[16];
    private int changedCount;
    private final BitSet changedSet = new BitSet();
    /** Whether the Established neighbors are on the dirty list for the changes since the last flush. */
    private boolean changesMarked;
    /** Whether the shortcuts that give the general paths' results are taken (off only to test that they do). */
    private boolean fastPaths = true;
    /**
     * Export plans made, neighbor flushes sent from one, buckets encoded again for a source, and
     * flushes decided alone although a plan of their kind was there (see {@link ExportGroups}).
     */
    private final long[] planCounts = new long[4];

    /** A speaker whose router id is its address, as Calico sets it. */
    public BgpSpeaker(Simulation sim, BgpTransport transport, String name, Ipv4Address address, long asn) {
        this(sim, transport, name, address, address, asn);
    }

    public BgpSpeaker(Simulation sim, BgpTransport transport, String name, Ipv4Address address, Ipv4Address routerId,
                      long asn) {
        this(sim, transport, name, address, routerId, asn, new RouteInterner());
    }

    /** A speaker sharing prefixes, attribute sets and paths with the others of its network (see {@link CalicoBgp}). */
    public BgpSpeaker(Simulation sim, BgpTransport transport, String name, Ipv4Address address, Ipv4Address routerId,
                      long asn, RouteInterner interner) {
        this.interner = interner;
        this.prefixes = interner.prefixes();
        this.locRib = new LocRib(prefixes);
        this.sim = sim;
        this.transport = transport;
        this.name = name;
        this.address = address;
        this.routerId = routerId;
        this.asn = asn;
        this.clusterId = routerId;
        this.self = new BgpPeer(address, routerId, asn, true);
        this.export = new ExportPolicy(this);
        this.imports = new UpdateImport(this);
        for (MessageType t : MessageType.values()) {
            sent.put(t, new long[1]);
            received.put(t, new long[1]);
        }
    }

    public String name() {
        return name;
    }

    public Ipv4Address address() {
        return address;
    }

    public Ipv4Address routerId() {
        return routerId;
    }

    public long asn() {
        return asn;
    }

    /** The cluster id this speaker stamps when it reflects (RFC 4456 §7; BIRD's default: the router id). */
    public Ipv4Address clusterId() {
        return clusterId;
    }

    public BgpSpeaker withClusterId(Ipv4Address id) {
        this.clusterId = id;
        return this;
    }

    Simulation simulation() {
        return sim;
    }

    BgpTransport transport() {
        return transport;
    }

    BgpPeer self() {
        return self;
    }

    RouteInterner interner() {
        return interner;
    }

    UpdateImport imports() {
        return imports;
    }

    /** Adds a configured neighbor; before or after {@link #start}. */
    public BgpNeighbor addNeighbor(PeerConfig config) {
        if (neighbors.containsKey(config.address())) {
            throw new IllegalArgumentException(name + ": neighbor " + config.address() + " configured twice");
        }
        BgpNeighbor n = new BgpNeighbor(this, config);
        neighbors.put(config.address(), n);
        neighborList.add(n);
        rrClients += config.rrClient() ? 1 : 0;
        if (listening != null) {
            n.start();
        }
        return n;
    }

    /** Whether this speaker reflects: some neighbor of it is a route reflector client. */
    boolean reflects() {
        return rrClients > 0;
    }

    public BgpNeighbor neighbor(Ipv4Address peerAddress) {
        return neighbors.get(peerAddress);
    }

    /** The neighbors in the order they were added. */
    public Collection<BgpNeighbor> neighbors() {
        return neighbors.values();
    }

    public void addListener(BestRoute.Listener l) {
        listeners.add(l);
    }

    /** Listens on the BGP port and starts every neighbor. */
    public void start() {
        if (listening == null) {
            listening = transport.listen(address, BgpTransport.BGP_PORT, c -> {
                // BIRD's bgp_incoming_connection: unknown addresses are refused.
                BgpNeighbor n = neighbors.get(c.remoteAddress());
                return n == null ? null : n.accept(c);
            });
        }
        neighbors.values().forEach(BgpNeighbor::start);
    }

    /** Stops every neighbor with Cease / Administrative Shutdown and stops listening. */
    public void stop() {
        neighbors.values().forEach(BgpNeighbor::stop);
        if (listening != null) {
            listening.close();
            listening = null;
        }
        flush();
    }

    /** {@code birdc disable NAME}: stops one neighbor. */
    public void disable(Ipv4Address peerAddress) {
        neighbors.get(peerAddress).stop();
        flush();
    }

    public void enable(Ipv4Address peerAddress) {
        neighbors.get(peerAddress).start();
    }

    /** Originates a route (a static {@code blackhole} route exported to BGP, as Calico's blocks). */
    public void originate(Ipv4Prefix prefix) {
        BgpRoute r = new BgpRoute(prefix, BgpPath.of(self, 0, interner.attributes(ORIGINATED), 100, 0));
        int id = prefixes.id(prefix);
        BgpPath before = effective(id);
        originated.put(prefix, r);
        originatedById.put(id, r.path());
        originatedIds.set(id);
        announce(id, before, r.path());
        flush();
    }

    /** Stops originating a route. */
    public void withdrawOriginated(Ipv4Prefix prefix) {
        int id = prefixes.id(prefix);
        BgpPath before = effective(id);
        if (originated.remove(prefix) != null) {
            originatedById.remove(id);
            originatedIds.clear(id);
            announce(id, before, effective(id));
            flush();
        }
    }

    /** The best route to a prefix, or null. */
    public BestRoute best(Ipv4Prefix prefix) {
        int id = prefixes.find(prefix);
        return id < 0 ? null : view(id, effective(id));
    }

    /** Every best route, in prefix order. */
    public List<BestRoute> bestRoutes() {
        TreeMap<Ipv4Prefix, BestRoute> all = new TreeMap<>();
        for (BgpRoute r : locRib.bestRoutes()) {
            all.put(r.prefix(), view(r));
        }
        originated.values().forEach(r -> all.put(r.prefix(), view(r)));
        return new ArrayList<>(all.values());
    }

    public LocRib locRib() {
        return locRib;
    }

    /** Messages of a type this speaker sent (all sessions). */
    public long sentCount(MessageType t) {
        return sent.get(t)[0];
    }

    public long receivedCount(MessageType t) {
        return received.get(t)[0];
    }

    void countSent(BgpMessage m) {
        sent.get(m.type())[0]++;
    }

    void countSent(MessageType t, int n) {
        sent.get(t)[0] += n;
    }

    void countReceived(BgpMessage m) {
        received.get(m.type())[0]++;
    }

    void countReceived(MessageType t) {
        received.get(t)[0]++;
    }

    BgpPath effectivePath(int id) {
        return effective(id);
    }

    private BgpPath effective(int id) {
        BgpPath o = originatedIds.get(id) ? originatedById.get(id) : null;
        return o != null ? o : locRib.bestPath(id);
    }

    boolean originates(int id) {
        return originatedIds.get(id);
    }

    private BestRoute view(BgpRoute r) {
        return r == null ? null : view(r.prefix(), r.path());
    }

    private BestRoute view(int id, BgpPath p) {
        return p == null ? null : view(prefixes.prefix(id), p);
    }

    private BestRoute view(Ipv4Prefix prefix, BgpPath p) {
        boolean local = p.from() == self;
        return new BestRoute(prefix, local ? address : p.attributes().nextHop(), p.attributes().list(),
                local ? null : p.from().address());
    }

    /** The OPEN this speaker sends a neighbor, capabilities in BIRD's order ({@code bgp_write_capabilities}). */
    OpenMessage openFor(PeerConfig config) {
        List<Capability> caps = new ArrayList<>();
        caps.add(new Capability.MultiProtocol(AfiSafi.IPV4_UNICAST));
        caps.add(new Capability.RouteRefresh());
        caps.add(new Capability.GracefulRestart(0, 120, List.of()));
        caps.add(new Capability.FourOctetAs(asn));
        if (config.addPaths()) {
            caps.add(new Capability.AddPath(List.of(new Capability.AddPath.Entry(AfiSafi.IPV4_UNICAST, 3))));
        }
        caps.add(new Capability.EnhancedRouteRefresh());
        caps.add(new Capability.LongLivedGracefulRestart(List.of()));
        return OpenMessage.of(asn, config.timers().hold(), routerId, caps);
    }

    // ---- route processing ----

    void sessionUp(BgpNeighbor n) {
        // The initial table: every best route the export policy lets through (BIRD's feed), at the next flush.
        n.feed = true;
        markDirty(n);
    }

    /** The numbers of every prefix with a best route (learned or originated), in prefix order. */
    int[] effectiveIds() {
        int[] learned = locRib.candidateIds();
        if (originated.isEmpty()) {
            return learned;
        }
        int[] all = Arrays.copyOf(learned, learned.length + originated.size());
        int k = learned.length;
        for (Ipv4Prefix p : originated.keySet()) {
            int id = prefixes.id(p);
            if (locRib.bestPath(id) == null) {
                all[k++] = id;
            }
        }
        prefixes.sort(all, k);
        return k == all.length ? all : Arrays.copyOf(all, k);
    }

    /** What neighbor {@code n} should have for prefix {@code id} now: the export of the best route, or null. */
    PathAttributes wanted(BgpNeighbor n, int id) {
        BgpPath p = effective(id);
        return p == null ? null : export.attributes(n, p);
    }

    /** {@link #wanted} for a neighbor of {@code n}'s kind that is not the source of the best route. */
    PathAttributes wantedOfKind(BgpNeighbor n, int id) {
        BgpPath p = effective(id);
        return p == null ? null : export.ofKind(n, p);
    }

    void sessionDown(BgpNeighbor n, BgpPeer gone) {
        for (LocRib.BestChange c : locRib.withdrawAll(gone)) {
            int id = prefixes.id(c.prefix());
            if (!originates(id)) {
                announce(id, c.before() == null ? null : c.before().path(), c.after() == null ? null : c.after().path());
            }
        }
    }

    /** A best route moved: tell the listeners and every Established neighbor's Adj-RIB-Out. */
    void announce(int id, BgpPath before, BgpPath after) {
        if (!listeners.isEmpty()) {
            Ipv4Prefix prefix = prefixes.prefix(id);
            BestRoute was = view(id, before);
            BestRoute now = view(id, after);
            for (BestRoute.Listener l : listeners) {
                l.changed(prefix, was, now);
            }
        }
        if (!changedSet.get(id)) {
            changedSet.set(id);
            if (changedCount == changed.length) {
                changed = Arrays.copyOf(changed, changed.length * 2);
            }
            changed[changedCount++] = id;
        }
        if (!changesMarked) {
            // Every Established neighbor looks at the changed prefixes at the next flush.
            changesMarked = true;
            for (int i = 0, k = neighborList.size(); i < k; i++) {
                BgpNeighbor n = neighborList.get(i);
                if (n.established() != null) {
                    markDirty(n);
                }
            }
        }
    }

    private void markDirty(BgpNeighbor n) {
        if (!n.queued) {
            n.queued = true;
            dirty.add(n);
        }
    }

    /**
     * Sends what is pending once every event of this instant has run, as BIRD's tx event runs
     * after the io loop has read every readable socket: the changes that many UPDATEs caused
     * leave in one write per neighbor (the simulated time is the same).
     */
    void flushSoon() {
        if (!flushScheduled && !dirty.isEmpty()) {
            flushScheduled = true;
            sim.scheduleAfter(0, this::scheduledFlush);
        }
    }

    private void scheduledFlush() {
        flushScheduled = false;
        flush();
    }

    /** Sends what the changes so far left pending, neighbor by neighbor in the order they were touched. */
    /**
     * Turns the shortcuts off (or on again): {@link ExportGroups}' shared plans, the UPDATE
     * import straight from the bytes. The results are the same; tests compare them.
     */
    void fastPaths(boolean on) {
        this.fastPaths = on;
    }

    boolean fastPaths() {
        return fastPaths;
    }

    /** {plans made, neighbor flushes sent from a plan, buckets encoded again without a source's prefixes, flushes decided alone}. */
    long[] planCounts() {
        return planCounts;
    }

    void flush() {
        while (!dirty.isEmpty()) {
            int[] ids = Arrays.copyOf(changed, changedCount);
            if (changed.length > 1024) {
                changed = new int[16]; // not kept at its peak: 5,000 speakers would hold 64 KB each
            }
            for (int id : ids) {
                changedSet.clear(id);
            }
            changedCount = 0;
            changesMarked = false;
            prefixes.sort(ids, ids.length);
            BgpNeighbor[] batch = dirty.toArray(BgpNeighbor[]::new);
            dirty.clear();
            for (BgpNeighbor n : batch) {
                n.queued = false; // changes made while sending mark it again, for the next round
            }
            ExportGroups groups = new ExportGroups(this, ids);
            for (BgpNeighbor n : batch) {
                n.flush(groups);
            }
        }
        encoded.clear();
        export.forget();
    }

    /** An UPDATE's bytes for a session context, encoded once per flush however many neighbors send it. */
    byte[] encode(AdjRibOut.Out o, SessionContext ctx) {
        EncodeKey k = new EncodeKey(o.attributes(), o.message().withdrawn(), o.message().nlri(), ctx);
        byte[] b = encoded.get(k);
        if (b == null) {
            b = BgpCodec.encode(o.message(), ctx);
            encoded.put(k, b);
        }
        return b;
    }

    /** An UPDATE as the encode memo knows it: attributes and context by identity (both interned), NLRI by value. */
    private record EncodeKey(PathAttributes attributes, List<Nlri> withdrawn, List<Nlri> nlri, SessionContext ctx) {
        @Override
        public boolean equals(Object o) {
            return o instanceof EncodeKey k && k.attributes == attributes && k.ctx == ctx && k.nlri.equals(nlri)
                    && k.withdrawn.equals(withdrawn);
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(attributes) * 31 + System.identityHashCode(ctx)) * 31 + nlri.hashCode();
        }
    }

    @Override
    public String toString() {
        return name + " (" + address + ", AS " + asn + ")";
    }
}
