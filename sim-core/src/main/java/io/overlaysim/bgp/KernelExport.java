package io.overlaysim.bgp;

import io.overlaysim.bgp.CalicoKernelRoutes.Encapsulation;
import io.overlaysim.engine.Timer;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.node.Node;
import io.overlaysim.routing.IpAddress;
import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.NextHop;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteAnswer;
import io.overlaysim.routing.RouteChange;
import io.overlaysim.routing.RouteFlag;
import io.overlaysim.routing.RouteMetrics;
import io.overlaysim.routing.RouteProtocol;
import io.overlaysim.routing.RouteQuery;
import io.overlaysim.routing.RouteType;
import io.overlaysim.routing.TableNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A speaker's BIRD {@code protocol kernel}: it follows the speaker's best routes and installs,
 * replaces and deletes them in the node's main table ({@code proto bird}, metric 0), as Calico's
 * BIRD programs the kernel with its {@code calico_kernel_programming} filter and the
 * {@code krt_tunnel} attribute of Calico's fork:
 * <ul>
 *   <li>a route the speaker originates: {@code blackhole PREFIX proto bird} (Calico's static
 *       blackhole per block);</li>
 *   <li>{@link Encapsulation#IPIP}: {@code PREFIX via NEXTHOP dev tunl0 proto bird onlink};</li>
 *   <li>{@link Encapsulation#CROSS_SUBNET}: the same when the next hop is outside the subnet of the
 *       speaker's address, else as {@code NONE};</li>
 *   <li>{@link Encapsulation#NONE}: the next hop resolved as BIRD's {@code gateway recursive} does
 *       ({@code rt_update_hostentry}): looked up in the node's table; on link it gives
 *       {@code via NEXTHOP dev DEV}, through a gateway {@code via GATEWAY dev DEV}; when it does not
 *       resolve (no route, a reject route, or only through a route BIRD itself installed, since a
 *       recursive route must not depend on another) BIRD marks the route unreachable and the
 *       kernel gets {@code unreachable PREFIX proto bird} ({@code nl_send_route}).</li>
 * </ul>
 * With a restart wait (calico-node starts BIRD with {@code -R}, graceful-restart recovery) the
 * kernel channel waits: nothing is installed until every session of the speaker is Established
 * or the wait (240 s in BIRD) ends; then the whole table is installed at once (BIRD's
 * {@code graceful_restart_done} starting the kernel channel's feed). The next hop is resolved when
 * a route is installed, and again on {@link #refresh()}; BIRD also re-resolves on every change of
 * the table it resolves through, which here is the caller's to signal.
 *
 * <pre>{@code
 * KernelExport k = KernelExport.attach(speaker, node, Encapsulation.NONE, KernelExport.CALICO_RESTART_WAIT);
 * speaker.start();
 * ...
 * k.lines(); // ["blackhole 10.1.1.0/24 proto bird", "10.3.3.0/24 via 10.0.0.1 dev eth0 proto bird"]
 * }</pre>
 */
public final class KernelExport implements BestRoute.Listener {
    /** BIRD's {@code graceful restart wait} default, which calico-node's {@code -R} runs under. */
    public static final long CALICO_RESTART_WAIT = 240_000_000_000L;
    private static final long POLL = 1_000_000_000L;
    private static final RouteProtocol BIRD = RouteProtocol.parse("bird");

    private final BgpSpeaker speaker;
    private final Node node;
    private final Encapsulation mode;
    private final Ipv4Prefix subnet;
    private final SortedMap<Ipv4Prefix, Route> installed = new TreeMap<>();
    private final List<String> log = new ArrayList<>();
    private final Timer poll;
    private long waitEnds;
    private boolean ready;

    private KernelExport(BgpSpeaker speaker, Node node, Encapsulation mode, Ipv4Prefix subnet) {
        this.speaker = speaker;
        this.node = node;
        this.mode = mode;
        this.subnet = subnet;
        this.poll = node.simulation().timer(this::checkRecovery);
    }

    /**
     * Attaches a kernel export to {@code speaker}, programming {@code node}'s table: at once with
     * the best routes the speaker has already (its originated ones, say), then as they change.
     *
     * @param restartWait the graceful-restart wait in nanoseconds, 0 for none (install at once)
     * @throws IllegalArgumentException when {@code mode} needs {@code tunl0} and the node has none
     */
    public static KernelExport attach(BgpSpeaker speaker, Node node, Encapsulation mode, long restartWait) {
        if (mode != Encapsulation.NONE && node.deviceOrNull(CalicoKernelRoutes.TUNNEL) == null) {
            throw new IllegalArgumentException("node " + node.name() + " has no " + CalicoKernelRoutes.TUNNEL
                    + " device for its " + (mode == Encapsulation.IPIP ? "ipip" : "crossSubnet") + " routes");
        }
        KernelExport k = new KernelExport(speaker, node, mode, subnetOf(node, speaker.address()));
        speaker.addListener(k);
        if (restartWait <= 0) {
            k.ready = true;
            k.refresh();
        } else {
            k.waitEnds = node.simulation().now() + restartWait;
            k.poll.scheduleAfter(Math.min(POLL, restartWait));
        }
        return k;
    }

    /** The subnet of the interface address the speaker uses, for CrossSubnet; null when none holds it. */
    private static Ipv4Prefix subnetOf(Node node, Ipv4Address address) {
        for (var link : node.routes().fib().links().all()) {
            for (var a : link.addresses()) {
                if (a.address().equals(address)) {
                    return a.prefix();
                }
            }
        }
        return null;
    }

    /** Whether routes are installed (the restart wait is over). */
    public boolean ready() {
        return ready;
    }

    /** The routes installed now, by prefix. */
    public SortedMap<Ipv4Prefix, Route> installed() {
        return Collections.unmodifiableSortedMap(installed);
    }

    /** What the export did, one line each: {@code 12.000000000 add 10.3.3.0/24 via 10.0.0.1 dev eth0 proto bird}. */
    public List<String> log() {
        return List.copyOf(log);
    }

    /** The installed routes as {@code ip route} lines, in prefix order. */
    public List<String> lines() {
        return installed.values().stream().map(KernelExport::line).toList();
    }

    @Override
    public void changed(Ipv4Prefix prefix, BestRoute before, BestRoute after) {
        if (!ready) {
            checkRecovery();
            return;
        }
        program(prefix, after);
    }

    /** Resolves every learned route's next hop again, as BIRD does when the table it resolves through changes. */
    public void refresh() {
        if (ready) {
            for (BestRoute r : speaker.bestRoutes()) {
                program(r.prefix(), r);
            }
        }
    }

    /** The graceful-restart recovery ends when every session is up, or at the end of the wait. */
    private void checkRecovery() {
        if (ready) {
            return;
        }
        boolean allUp = true;
        for (BgpNeighbor n : speaker.neighbors()) {
            allUp &= n.established() != null;
        }
        long now = node.simulation().now();
        if (allUp || now >= waitEnds) {
            ready = true;
            poll.cancel();
            log.add(stamp() + " graceful restart recovery done (" + (allUp ? "sessions up" : "wait expired") + ")");
            refresh();
        } else if (!poll.isPending()) {
            poll.scheduleAt(Math.min(now + POLL, waitEnds));
        }
    }

    private void program(Ipv4Prefix prefix, BestRoute best) {
        Route want = best == null ? null : route(best);
        Route have = installed.get(prefix);
        if (want == null ? have == null : want.equals(have)) {
            return;
        }
        if (have != null) {
            // BIRD replaces in place (NLM_F_REPLACE); delete-then-add in one event is the same table
            node.deleteRoute(have);
            installed.remove(prefix);
        }
        if (want == null) {
            log.add(stamp() + " delete " + line(have));
            return;
        }
        RouteChange c = node.addRoute(want);
        if (c instanceof RouteChange.Refused r) {
            log.add(stamp() + " refused " + line(want) + ": " + r.message());
            return;
        }
        installed.put(prefix, want);
        log.add(stamp() + (have == null ? " add " : " replace ") + line(want));
    }

    private Route route(BestRoute r) {
        IpPrefix dst = IpPrefix.v4(r.prefix());
        if (r.local()) {
            return reject(RouteType.BLACKHOLE, dst);
        }
        Ipv4Address via = r.nextHop();
        boolean tunnel = switch (mode) {
            case IPIP -> true;
            case CROSS_SUBNET -> subnet == null || !subnet.contains(via);
            case NONE -> false;
        };
        if (tunnel) {
            return unicast(dst, NextHop.via(new IpAddress.V4(via), CalicoKernelRoutes.TUNNEL), Set.of(RouteFlag.ONLINK));
        }
        RouteAnswer a = node.routes().lookup().get(RouteQuery.to(via.bits()));
        if (a instanceof RouteAnswer.Found f && f.type() == RouteType.UNICAST && f.matched() != null
                && !BIRD.equals(f.matched().protocol())) {
            IpAddress gw = f.gateway() != null ? f.gateway() : new IpAddress.V4(via);
            return unicast(dst, NextHop.via(gw, f.dev()), Set.of());
        }
        return reject(RouteType.UNREACHABLE, dst);
    }

    private static Route reject(RouteType type, IpPrefix dst) {
        return new Route(type, dst, null, TableNames.MAIN, 0, BIRD, null, null, null, List.of(), false, null,
                Set.of(), RouteMetrics.NONE, null, null, Map.of());
    }

    private static Route unicast(IpPrefix dst, NextHop hop, Set<RouteFlag> flags) {
        return new Route(RouteType.UNICAST, dst, null, TableNames.MAIN, 0, BIRD, null, null, null, List.of(hop), false,
                null, flags, RouteMetrics.NONE, null, null, Map.of());
    }

    /** A route as {@code ip route} prints the shapes this class makes. */
    static String line(Route r) {
        Ipv4Prefix p = r.destination().v4();
        String dst = p.length() == 32 ? p.address().toString() : p.toString();
        return switch (r.type()) {
            case BLACKHOLE -> "blackhole " + dst + " proto bird";
            case UNREACHABLE -> "unreachable " + dst + " proto bird";
            default -> dst + " via " + r.gateway() + " dev " + r.device() + " proto bird"
                    + (r.flags().contains(RouteFlag.ONLINK) ? " onlink" : "");
        };
    }

    private String stamp() {
        long t = node.simulation().now();
        return String.format("%d.%09d", t / 1_000_000_000L, t % 1_000_000_000L);
    }
}
