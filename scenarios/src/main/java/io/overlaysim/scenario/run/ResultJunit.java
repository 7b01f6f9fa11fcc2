package io.overlaysim.scenario.run;

import io.overlaysim.report.junit.Outcome;
import io.overlaysim.report.junit.TestCase;
import io.overlaysim.report.junit.TestSuite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A run as a JUnit test suite: one test case per expectation, named by the expectation and
 * classed under the scenario; a failure's message is the verdict's line and its body the
 * evidence: the facts that decided it and the walk of the packet that broke it.
 */
public final class ResultJunit {
    private ResultJunit() {
    }

    public static TestSuite suite(RunResult r) {
        String classname = "overlaysim." + r.scenario().name();
        List<TestCase> cases = new ArrayList<>();
        for (Verdict v : r.verdicts()) {
            Outcome outcome = v.passed() ? Outcome.PASSED
                    : new Outcome.Failure("expectation-failed", v.message(), failureBody(v));
            // no per-case system-out: Ant's JUnit.xsd, which CI tools follow, has none in a testcase
            cases.add(new TestCase(classname, v.name(), Duration.ZERO, outcome));
        }
        TestSuite s = TestSuite.of(r.scenario().name(), cases)
                .withProperty("scenario", r.scenario().source())
                .withProperty("seed", Long.toString(r.seed()))
                .withSystemOut(r.ledger().text() + "\n");
        return new TestSuite(s.name(), s.packageName(), s.timestamp(), s.hostname(), r.wall(), s.properties(), s.cases(),
                s.systemOut(), s.systemErr());
    }

    private static List<String> failureBody(Verdict v) {
        List<String> body = new ArrayList<>();
        body.add(v.expectation().where() + ": " + v.kind() + ": " + v.message());
        body.addAll(v.evidence());
        return body;
    }
}
