package io.overlaysim.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * A scenario file, read and validated: what to build (declared nodes, links, segments, BGP
 * speakers, presets), what to send (traffic), what to break (faults), what must hold
 * (expectations) and what to capture. Maps keep the file's order, so that runs are deterministic.
 *
 * <pre>{@code
 * Scenario s = ScenarioLoader.load(Path.of("scenarios/bundled/calico-ipip.yaml"));
 * s.presets();       // [Calico[nodes=3, mode=IPIP, ...]]
 * s.expectations();  // [Delivered[...], Dropped[reason=BLACKHOLE, ...], ...]
 * }</pre>
 *
 * @param source the file name as given, for messages
 */
public record Scenario(
        String source,
        String name,
        String description,
        long seed,
        Duration duration,
        SequencedMap<String, NodeSpec> nodes,
        List<LinkSpec> links,
        SequencedMap<String, SegmentSpec> segments,
        BgpSpec bgp,
        List<PresetSpec> presets,
        List<TrafficSpec> traffic,
        List<FaultSpec> faults,
        List<ExpectationSpec> expectations,
        Optional<CaptureSpec> capture) {
    /** The seed when the file gives none. */
    public static final long DEFAULT_SEED = 1;
    /** The duration when the file gives none. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
}
