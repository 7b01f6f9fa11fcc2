package io.overlaysim.engine;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The random streams of one simulation, one per component name, all derived from one scenario
 * seed. A stream's numbers depend only on the seed and its name (never on identity hash codes,
 * map order or the order streams are created in), so runs repeat across JVMs and machines and
 * adding a component does not shift the numbers another one draws.
 *
 * <pre>{@code
 * RandomStreams streams = new RandomStreams(42);
 * RandomGenerator loss = streams.stream("link:worker01/enp1s0");
 * }</pre>
 */
public final class RandomStreams {
    private final long seed;
    // Looked up by name only, never iterated: its order cannot leak into a run.
    private final Map<String, SplittableRandom> streams = new HashMap<>();

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    /** The scenario seed. */
    public long seed() {
        return seed;
    }

    /** The stream of {@code component}; the same name returns the same generator object. */
    public RandomGenerator stream(String component) {
        return streams.computeIfAbsent(component, name -> new SplittableRandom(seedFor(seed, name)));
    }

    /**
     * The seed of a component's stream: a stable 64-bit hash of its name (FNV-1a over UTF-8)
     * mixed with the scenario seed through the SplitMix64 finalizer, so that nearby seeds and
     * similar names give unrelated streams.
     */
    public static long seedFor(long scenarioSeed, String component) {
        long h = 0xcbf29ce484222325L;
        for (byte b : component.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix64(mix64(scenarioSeed) ^ h);
    }

    /** SplitMix64's finalizer (Stafford variant 13), as java.util.SplittableRandom uses it. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
