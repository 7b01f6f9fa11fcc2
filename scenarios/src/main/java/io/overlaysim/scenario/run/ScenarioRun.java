package io.overlaysim.scenario.run;

import io.overlaysim.device.NetDevice;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.MacAddress;
import io.overlaysim.node.Node;
import io.overlaysim.scenario.ExpectationSpec;
import io.overlaysim.scenario.Scenario;
import io.overlaysim.scenario.ScenarioException;
import io.overlaysim.trace.Trace;
import io.overlaysim.traffic.PingResult;
import io.overlaysim.traffic.TracerouteResult;
import io.overlaysim.traffic.UdpFlowResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SequencedMap;

/**
 * Runs a scenario: builds its network and BGP speakers, starts its traffic and faults at their times, captures
 * what it asks, runs the simulation until the scenario's duration, and decides every
 * expectation. Deterministic: the same scenario and seed give the same {@link RunResult} (and
 * byte-identical captures), whatever the machine.
 *
 * <pre>{@code
 * Scenario s = ScenarioLoader.load(Path.of("scenarios/bundled/routers-chain.yaml"));
 * RunResult r = ScenarioRun.run(s, ScenarioRun.Options.DEFAULT);
 * r.passed();
 * }</pre>
 */
public final class ScenarioRun {
    /** Slices of simulated time between progress reports. */
    private static final int SLICES = 200;

    /**
     * How to run.
     *
     * @param seed overrides the scenario's seed
     * @param captureDir where capture files go; none are written without it
     */
    public record Options(OptionalLong seed, Optional<Path> captureDir, Progress progress) {
        public static final Options DEFAULT = new Options(OptionalLong.empty(), Optional.empty(), Progress.NONE);
    }

    /** Hears how far a run has come, between slices of simulated time. */
    public interface Progress {
        Progress NONE = (now, end, packets) -> { };

        void update(long simNanos, long endNanos, long packets);
    }

    private ScenarioRun() {
    }

    /**
     * Runs {@code scenario}.
     *
     * @throws ScenarioException when the scenario asks what cannot be built (yet), at its line
     * @throws IOException when a capture file cannot be written
     */
    public static RunResult run(Scenario scenario, Options options) throws IOException {
        long started = System.nanoTime();
        long seed = options.seed().orElse(scenario.seed());
        Simulation sim = new Simulation(seed);
        BuiltNetwork built = NetworkBuilder.build(scenario, sim);
        boolean comments = options.captureDir().isPresent()
                && scenario.capture().map(CaptureSet::wantsComments).orElse(false);
        // the walk is recorded only when something reads it, and bounded (WalkKeeper)
        WalkKeeper keeper = comments || Expectations.needWalks(scenario.expectations())
                ? new WalkKeeper(new Trace(), comments) : null;
        BgpSpeakers bgp = BgpSpeakers.build(scenario, built, sim);
        TrafficWatch watch = new TrafficWatch(keeper);
        built.network().setObserver(watch);
        Applications apps = new Applications(built, watch);
        apps.schedule(scenario.traffic(), sim);
        Faults faults = new Faults(built, bgp);
        faults.schedule(scenario.faults(), sim);
        Expectations expectations = new Expectations(built, apps, watch, bgp);
        expectations.prepare(scenario.expectations(), sim);
        List<Path> captures = List.of();
        CaptureSet capture = null;
        if (options.captureDir().isPresent() && scenario.capture().isPresent()) {
            capture = CaptureSet.open(scenario.capture().get(), built, watch.comments(), options.captureDir().get());
            captures = capture.files();
        }
        try {
            long end = scenario.duration().toNanos();
            for (int i = 1; i <= SLICES; i++) {
                long t = end / SLICES * i + (i == SLICES ? end % SLICES : 0);
                sim.runUntil(Math.max(t, sim.now()));
                options.progress().update(sim.now(), end, built.network().ledger().created());
            }
        } finally {
            if (capture != null) {
                capture.close();
            }
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (ExpectationSpec e : scenario.expectations()) {
            verdicts.add(expectations.evaluate(e));
        }
        SequencedMap<String, PingResult> pings = new LinkedHashMap<>();
        apps.pings().forEach((name, p) -> pings.put(name, p.result()));
        SequencedMap<String, UdpFlowResult> flows = new LinkedHashMap<>();
        apps.flows().forEach((name, f) -> flows.put(name, f.result()));
        SequencedMap<String, TracerouteResult> traceroutes = new LinkedHashMap<>();
        apps.traceroutes().forEach((name, t) -> traceroutes.put(name, t.result()));
        return new RunResult(scenario, seed, verdicts, nodes(built, bgp, sim.now()), pings, flows, traceroutes,
                built.network().ledger().summary(),
                faults.events(), captures, Duration.ofNanos(System.nanoTime() - started));
    }

    private static SequencedMap<String, RunResult.NodeState> nodes(BuiltNetwork built, BgpSpeakers bgp, long now) {
        SequencedMap<String, RunResult.NodeState> out = new LinkedHashMap<>();
        for (Node n : built.network().nodes()) {
            List<RunResult.DeviceState> devices = new ArrayList<>();
            for (NetDevice d : n.devices()) {
                var c = d.counters();
                devices.add(new RunResult.DeviceState(d.name(), d.index(), new MacAddress(d.mac()).toString(), d.mtu(),
                        d.isAdminUp(), d.hasCarrier(), c.rxBytes(), c.rxPackets(), c.rxErrors(), c.rxDropped(),
                        c.txBytes(), c.txPackets(), c.txErrors(), c.txDropped()));
            }
            out.put(n.name(), new RunResult.NodeState(n.name(), n.isUp(), RouteTables.all(n), devices,
                    bgp.sessions(n.name(), now)));
        }
        return out;
    }
}
