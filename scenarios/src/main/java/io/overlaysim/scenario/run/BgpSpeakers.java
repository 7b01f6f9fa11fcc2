package io.overlaysim.scenario.run;

import io.overlaysim.bgp.BgpNeighbor;
import io.overlaysim.bgp.BgpSpeaker;
import io.overlaysim.bgp.BgpTimers;
import io.overlaysim.bgp.CalicoKernelRoutes.Encapsulation;
import io.overlaysim.bgp.KernelExport;
import io.overlaysim.bgp.NotificationMessage;
import io.overlaysim.bgp.PeerConfig;
import io.overlaysim.bgp.TcpBgpTransport;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.node.Node;
import io.overlaysim.scenario.BgpSpec;
import io.overlaysim.scenario.Scenario;
import io.overlaysim.scenario.ScenarioError;
import io.overlaysim.scenario.ScenarioException;
import io.overlaysim.scenario.SourceLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * A scenario's declared BGP speakers, one BIRD per node as Calico runs it: a {@link BgpSpeaker}
 * over the node's own TCP ({@link TcpBgpTransport}), its peers with their timers, its cluster id
 * and announced prefixes, and a {@link KernelExport} that programs the node's table the way the
 * speaker's {@code tunnel} says, after calico-node's graceful-restart wait ({@code bird -R}:
 * nothing until the sessions are up, 240 s at most). Every speaker starts at time 0.
 */
final class BgpSpeakers {
    private final SequencedMap<String, BgpSpeaker> speakers = new LinkedHashMap<>();
    private final SequencedMap<String, KernelExport> exports = new LinkedHashMap<>();

    private BgpSpeakers() {
    }

    /** Builds the speakers of {@code scenario} on the built network and schedules their start. */
    static BgpSpeakers build(Scenario scenario, BuiltNetwork built, Simulation sim) {
        BgpSpeakers out = new BgpSpeakers();
        BgpSpec bgp = scenario.bgp();
        built.presetSpeakers().forEach((node, p) -> {
            out.speakers.put(node, p.speaker());
            if (p.export() != null) {
                out.exports.put(node, p.export());
            }
        });
        for (BgpSpec.Speaker s : bgp.speakers().values()) {
            SourceLocation at = scenario.nodes().containsKey(s.node()) ? scenario.nodes().get(s.node()).at()
                    : SourceLocation.startOf(scenario.source());
            Node node = built.node(s.node());
            Ipv4Address address = s.routerId().orElseGet(() -> new Ipv4Address(built.addressOf(s.node())));
            if (address.bits() == 0) {
                throw error(at, "node \"" + s.node() + "\" has no address for its BGP speaker; give it a routerId");
            }
            if (!node.routes().fib().isLocalAddress(address.bits())) {
                throw error(at, "the BGP speaker of node \"" + s.node() + "\" speaks from " + address
                        + ", which is not one of the node's addresses (its routerId is also its sessions' address)");
            }
            BgpSpeaker speaker = new BgpSpeaker(sim, new TcpBgpTransport(node), s.node(), address, s.asn());
            s.clusterId().ifPresent(speaker::withClusterId);
            for (BgpSpec.Peer p : s.peers()) {
                BgpTimers t = timers(at, s.node(), p.timers(), s.timers(), bgp.timers());
                speaker.addNeighbor(PeerConfig.of(p.address(), p.asn().orElse(s.asn())).withPassive(p.passive())
                        .withRrClient(p.rrClient()).withTimers(t));
            }
            for (Ipv4Prefix prefix : s.announce()) {
                speaker.originate(prefix);
            }
            try {
                out.exports.put(s.node(), KernelExport.attach(speaker, node, encapsulation(s.tunnel()),
                        KernelExport.CALICO_RESTART_WAIT));
            } catch (IllegalArgumentException e) {
                throw error(at, e.getMessage() + " (the tunnels branch brings ipip devices; a tunnel is never faked)");
            }
            out.speakers.put(s.node(), speaker);
        }
        sim.schedule(0, () -> out.speakers.values().forEach(BgpSpeaker::start));
        return out;
    }

    private static Encapsulation encapsulation(BgpSpec.Tunnel t) {
        return switch (t) {
            case IPIP -> Encapsulation.IPIP;
            case CROSS_SUBNET -> Encapsulation.CROSS_SUBNET;
            case NONE -> Encapsulation.NONE;
        };
    }

    /**
     * A session's timers: each of hold, keepalive and connect retry from the peer, else the
     * speaker, else {@code bgp.timers}, else BIRD's default; keepalive a third of a given hold
     * time when none is given ({@code keepalive time}'s default in BIRD).
     */
    private static BgpTimers timers(SourceLocation at, String node, BgpSpec.Timers... levels) {
        Optional<Duration> hold = Optional.empty();
        Optional<Duration> keepalive = Optional.empty();
        Optional<Duration> retry = Optional.empty();
        for (BgpSpec.Timers t : levels) {
            hold = hold.or(t::hold);
            keepalive = keepalive.or(t::keepalive);
            retry = retry.or(t::connectRetry);
        }
        BgpTimers base = BgpTimers.BIRD;
        int h = hold.map(d -> (int) d.toSeconds()).orElse(base.hold());
        int k = keepalive.map(d -> (int) d.toSeconds()).orElse(hold.isPresent() ? h / 3 : base.keepalive());
        int r = retry.map(d -> (int) d.toSeconds()).orElse(base.connectRetry());
        try {
            return base.withHold(h, k).withConnect(base.connectDelay(), r);
        } catch (IllegalArgumentException e) {
            throw error(at, "the BGP timers of node \"" + node + "\" do not hold together (hold " + h + "s, keepalive "
                    + k + "s, connect retry " + r + "s): " + e.getMessage());
        }
    }

    private static ScenarioException error(SourceLocation at, String message) {
        return new ScenarioException(List.of(new ScenarioError(at, message)));
    }

    /** The speaker on {@code node}, or null. */
    BgpSpeaker speaker(String node) {
        return speakers.get(node);
    }

    /** The kernel export of {@code node}'s speaker, or null. */
    KernelExport export(String node) {
        return exports.get(node);
    }

    /** The sessions of {@code node}'s speaker at the end of the run, in the order its peers are configured. */
    List<RunResult.BgpSession> sessions(String node, long now) {
        BgpSpeaker s = speakers.get(node);
        if (s == null) {
            return List.of();
        }
        List<RunResult.BgpSession> out = new ArrayList<>();
        for (BgpNeighbor n : s.neighbors()) {
            SessionTimeline.Change c = SessionTimeline.of(n).at(now);
            out.add(new RunResult.BgpSession(n.config().address().toString(), n.config().asn(),
                    n.internal() ? "iBGP" : "eBGP", n.state().text(), c.nanos(), n.establishedCount(),
                    n.adjRibIn() == null ? 0 : n.adjRibIn().size(), sent(s, n), text(n.lastNotificationSent()),
                    text(n.lastNotificationReceived())));
        }
        return out;
    }

    /**
     * The prefixes (paths) this session has sent, as the peer holds them: its Adj-RIB-In for us when
     * the peer is a speaker of the scenario and the session is up; 0 otherwise.
     */
    private int sent(BgpSpeaker self, BgpNeighbor n) {
        if (n.established() == null) {
            return 0;
        }
        for (BgpSpeaker other : speakers.values()) {
            BgpNeighbor back = other.neighbor(self.address());
            if (other != self && other.address().equals(n.config().address()) && back != null
                    && back.adjRibIn() != null) {
                return back.adjRibIn().size();
            }
        }
        return 0;
    }

    private static String text(NotificationMessage m) {
        return m == null ? null : m.toString();
    }
}
