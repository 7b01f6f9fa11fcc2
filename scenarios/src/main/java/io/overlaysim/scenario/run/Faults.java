package io.overlaysim.scenario.run;

import io.overlaysim.bgp.BgpNeighbor;
import io.overlaysim.bgp.BgpSpeaker;
import io.overlaysim.bgp.KernelExport;
import io.overlaysim.device.EthernetDevice;
import io.overlaysim.device.NetDevice;
import io.overlaysim.device.PointToPointLink;
import io.overlaysim.engine.Simulation;
import io.overlaysim.node.Node;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteChange;
import io.overlaysim.scenario.DeviceRef;
import io.overlaysim.scenario.FaultSpec;
import io.overlaysim.scenario.IpLines;
import io.overlaysim.scenario.ScenarioError;
import io.overlaysim.scenario.ScenarioException;
import java.util.ArrayList;
import java.util.List;

/**
 * Breaks and heals things at their times: links down and up, nodes down and up, routes added and
 * deleted, MTUs changed, BGP sessions shut down and enabled again ({@code birdc disable|enable}:
 * Cease / Administrative Shutdown to the peer). Each fault, when it happens, leaves a line in the
 * run's event log ({@code 2.000000s link r1-r2 down}).
 */
final class Faults {
    private final BuiltNetwork built;
    private final BgpSpeakers bgp;
    private final List<String> events = new ArrayList<>();

    Faults(BuiltNetwork built, BgpSpeakers bgp) {
        this.built = built;
        this.bgp = bgp;
    }

    /** What happened, in order, as {@code TIME WHAT}. */
    List<String> events() {
        return events;
    }

    /** Checks every fault against the built network and schedules it. */
    void schedule(List<FaultSpec> faults, Simulation sim) {
        for (FaultSpec f : faults) {
            Runnable action = switch (f) {
                case FaultSpec.LinkState l -> linkState(l);
                case FaultSpec.NodeState n -> {
                    Node node = built.node(n.node());
                    yield () -> {
                        node.setUp(n.up());
                        log(sim, "node " + n.node() + (n.up() ? " up" : " down"));
                    };
                }
                case FaultSpec.RouteChange r -> {
                    Node node = built.node(r.node());
                    Route route = IpLines.route(r.route());
                    yield () -> {
                        String result;
                        if (r.add()) {
                            RouteChange c = node.addRoute(route);
                            result = c instanceof RouteChange.Refused refused ? " refused: " + refused.message() : "";
                        } else {
                            result = node.deleteRoute(route) ? "" : " failed: no such route";
                        }
                        // BIRD resolves its recursive next hops again when the table under them changes
                        KernelExport export = bgp.export(r.node());
                        if (export != null) {
                            export.refresh();
                        }
                        log(sim, "ip route " + (r.add() ? "add " : "del ") + r.route().text() + " on " + r.node() + result);
                    };
                }
                case FaultSpec.MtuChange m -> {
                    Node node = built.node(m.device().node());
                    NetDevice dev = node.device(m.device().device());
                    yield () -> {
                        dev.setMtu(m.mtu());
                        node.routes().changed();
                        log(sim, "ip link set " + dev.name() + " mtu " + m.mtu() + " on " + node.name());
                    };
                }
                case FaultSpec.BgpPeerState b -> peerState(b, sim);
            };
            sim.schedule(f.at().toNanos(), action);
        }
    }

    /** {@code birdc disable|enable PEER} on the node's speaker. */
    private Runnable peerState(FaultSpec.BgpPeerState b, Simulation sim) {
        BgpSpeaker speaker = bgp.speaker(b.node());
        BgpNeighbor n = speaker == null ? null : speaker.neighbor(b.peer());
        if (n == null) {
            throw new ScenarioException(List.of(new ScenarioError(b.where(), "the BGP speaker of node \"" + b.node()
                    + "\" has no peer " + b.peer() + "; its peers: " + (speaker == null ? "none"
                            : speaker.neighbors().stream().map(x -> x.config().address().toString()).toList()))));
        }
        return () -> {
            if (b.up()) {
                speaker.enable(b.peer());
            } else {
                speaker.disable(b.peer());
            }
            log(sim, "bgp " + b.node() + " peer " + b.peer() + (b.up() ? " enabled" : " disabled ("
                    + n.lastNotificationSent() + ")"));
        };
    }

    /** A link by name; a {@code NODE/DEVICE} takes down the link that device is on. */
    private Runnable linkState(FaultSpec.LinkState l) {
        PointToPointLink link = built.link(l.link());
        if (link == null && l.link().contains("/")) {
            DeviceRef ref = DeviceRef.parse(l.link());
            NetDevice d = built.node(ref.node()).device(ref.device());
            if (d instanceof EthernetDevice e && e.channel() instanceof PointToPointLink p) {
                link = p;
            }
        }
        if (link == null) {
            throw new ScenarioException(List.of(new ScenarioError(l.where(), "no link \"" + l.link()
                    + "\" to take " + (l.up() ? "up" : "down") + "; links: " + built.links().keySet())));
        }
        PointToPointLink target = link;
        return () -> {
            if (l.up()) {
                target.up();
            } else {
                target.down();
            }
            log(target, l.up());
        };
    }

    private void log(PointToPointLink link, boolean up) {
        log(link.end(0).node().simulation(), "link " + link.name() + (up ? " up" : " down"));
    }

    private void log(Simulation sim, String what) {
        long t = sim.now();
        events.add(String.format("%d.%06ds %s", t / 1_000_000_000L, (t % 1_000_000_000L) / 1000, what));
    }
}
