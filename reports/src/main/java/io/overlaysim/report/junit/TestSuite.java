package io.overlaysim.report.junit;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * One JUnit test suite: one scenario run, with one {@link TestCase} per expectation.
 *
 * @param name the scenario's name
 * @param packageName the package CI tools group suites under ({@code overlaysim.scenarios})
 * @param timestamp when the run started; written to the second, in UTC, as Ant does. Pass a fixed
 *                  instant (the scenario's simulated epoch) for byte-identical output
 * @param hostname where it ran ({@code localhost} for reproducible output)
 * @param time the whole run's duration
 * @param properties facts of the run ({@code seed}, {@code scenario file}), in order
 * @param cases the expectations, in scenario order
 * @param systemOut the run's log
 * @param systemErr the run's warnings
 */
public record TestSuite(String name, String packageName, Instant timestamp, String hostname, Duration time,
                        SequencedMap<String, String> properties, List<TestCase> cases, String systemOut,
                        String systemErr) {

    public TestSuite {
        TestCase.requireText("testsuite name", name);
        TestCase.requireText("testsuite package", packageName);
        Objects.requireNonNull(timestamp, "timestamp");
        TestCase.requireText("testsuite hostname", hostname);
        if (time == null || time.isNegative()) {
            throw new IllegalArgumentException("testsuite '" + name + "': time must be zero or more, got " + time);
        }
        properties = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(properties));
        for (String key : properties.keySet()) {
            TestCase.requireText("testsuite '" + name + "' property name", key);
        }
        cases = List.copyOf(cases);
        Objects.requireNonNull(systemOut, "systemOut");
        Objects.requireNonNull(systemErr, "systemErr");
    }

    /**
     * A suite with the reproducible defaults: package {@code overlaysim}, timestamp the epoch,
     * host {@code localhost}, time the sum of the cases' times, no properties, no output.
     */
    public static TestSuite of(String name, List<TestCase> cases) {
        Duration total = cases.stream().map(TestCase::time).reduce(Duration.ZERO, Duration::plus);
        return new TestSuite(name, "overlaysim", Instant.EPOCH, "localhost", total, new LinkedHashMap<>(), cases,
                "", "");
    }

    /** This suite with the run's log as its system-out. */
    public TestSuite withSystemOut(String text) {
        return new TestSuite(name, packageName, timestamp, hostname, time, properties, cases, text, systemErr);
    }

    /** This suite with one more property. */
    public TestSuite withProperty(String key, String value) {
        var p = new LinkedHashMap<>(properties);
        p.put(key, Objects.requireNonNull(value));
        return new TestSuite(name, packageName, timestamp, hostname, time, p, cases, systemOut, systemErr);
    }

    /** This suite started at {@code start} on {@code host}. */
    public TestSuite at(Instant start, String host) {
        return new TestSuite(name, packageName, start, host, time, properties, cases, systemOut, systemErr);
    }

    public long failures() {
        return cases.stream().filter(c -> c.outcome() instanceof Outcome.Failure).count();
    }

    public long errors() {
        return cases.stream().filter(c -> c.outcome() instanceof Outcome.Error).count();
    }

    public long skipped() {
        return cases.stream().filter(c -> c.outcome() instanceof Outcome.Skipped).count();
    }
}
