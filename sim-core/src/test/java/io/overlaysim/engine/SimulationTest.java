package io.overlaysim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulationTest {
    private final Simulation sim = new Simulation(1);
    private final List<String> log = new ArrayList<>();

    private Runnable note(String what) {
        return () -> log.add(what + "@" + sim.now());
    }

    @Test
    void eventsRunInTimeOrderAndTiesInSchedulingOrder() {
        sim.schedule(30, note("c"));
        sim.schedule(10, note("a1"));
        sim.schedule(20, note("b"));
        sim.schedule(10, note("a2"));
        sim.schedule(10, note("a3"));
        sim.schedule(0, note("zero"));

        assertThat(sim.runUntilIdle()).isEqualTo(RunOutcome.IDLE);
        assertThat(log).containsExactly("zero@0", "a1@10", "a2@10", "a3@10", "b@20", "c@30");
        assertThat(sim.now()).isEqualTo(30);
    }

    @Test
    void manyTiesKeepInsertionOrderThroughTheHeap() {
        // Enough entries that ties cross many heap levels and sift-downs.
        List<Integer> order = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(7);
        int n = 5000;
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = r.nextInt(20);
            int id = i;
            sim.schedule(times[i], () -> order.add(id));
        }
        sim.runUntilIdle();
        assertThat(order).hasSize(n);
        for (int k = 1; k < n; k++) {
            int prev = order.get(k - 1);
            int cur = order.get(k);
            assertThat(times[prev] < times[cur] || (times[prev] == times[cur] && prev < cur))
                    .as("event %d before %d", prev, cur).isTrue();
        }
    }

    @Test
    void eventsScheduledFromEventsRunInOrderAndTimeNeverGoesBackwards() {
        long[] last = {-1};
        int[] count = {0};
        SplittableRandom r = new SplittableRandom(3);
        Runnable[] step = new Runnable[1];
        step[0] = () -> {
            assertThat(sim.now()).isGreaterThanOrEqualTo(last[0]);
            last[0] = sim.now();
            if (++count[0] < 20_000) {
                sim.scheduleAfter(r.nextInt(1000), step[0]);
                if (count[0] % 3 == 0) {
                    sim.scheduleAfter(0, step[0]);   // same-time event from inside an event
                }
            }
        };
        for (int i = 0; i < 100; i++) {
            sim.schedule(r.nextInt(1000), step[0]);
        }
        sim.runUntilIdle();
        assertThat(count[0]).isGreaterThanOrEqualTo(20_000);
        assertThat(sim.statistics().dispatched()).isEqualTo(count[0]);
        assertThat(sim.pendingEvents()).isZero();
    }

    @Test
    void zeroDelayEventFromAnEventRunsAfterEventsAlreadyDueAtThatTime() {
        sim.schedule(5, () -> {
            log.add("first@" + sim.now());
            sim.scheduleAfter(0, note("child"));
        });
        sim.schedule(5, note("second"));
        sim.runUntilIdle();
        assertThat(log).containsExactly("first@5", "second@5", "child@5");
    }

    @Test
    void cancelledEventsDoNotRun() {
        long a = sim.schedule(10, note("a"));
        long b = sim.schedule(20, note("b"));
        long c = sim.schedule(10, note("c"));
        assertThat(sim.isPending(a)).isTrue();
        assertThat(sim.timeOf(b)).isEqualTo(20);

        assertThat(sim.cancel(a)).isTrue();
        assertThat(sim.cancel(a)).as("second cancel").isFalse();
        assertThat(sim.isPending(a)).isFalse();
        assertThat(sim.pendingEvents()).isEqualTo(2);

        sim.runUntilIdle();
        assertThat(log).containsExactly("c@10", "b@20");
        assertThat(sim.isPending(b)).isFalse();
        assertThat(sim.cancel(c)).as("cancel after it ran").isFalse();
        assertThat(sim.cancel(Simulation.NO_EVENT)).isFalse();
        assertThat(sim.statistics()).isEqualTo(new EngineStatistics(3, 2, 1, 0, 3));
    }

    @Test
    void aStaleHandleDoesNotCancelTheEventThatReusedItsSlot() {
        long a = sim.schedule(1, note("a"));
        sim.runUntilIdle();
        long b = sim.schedule(2, note("b"));   // reuses a's slot
        assertThat(sim.isPending(a)).isFalse();
        assertThat(sim.cancel(a)).isFalse();
        assertThat(sim.isPending(b)).isTrue();
        sim.runUntilIdle();
        assertThat(log).containsExactly("a@1", "b@2");
    }

    @Test
    void cancellingMostEventsCompactsTheQueueAndKeepsTheRestInOrder() {
        int n = 10_000;
        long[] handles = new long[n];
        List<Long> ran = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = (i * 7919L) % n;
            handles[i] = sim.schedule(t, () -> ran.add(sim.now()));
        }
        for (int i = 0; i < n; i++) {
            if (i % 10 != 0) {
                assertThat(sim.cancel(handles[i])).isTrue();
            }
        }
        assertThat(sim.pendingEvents()).isEqualTo(n / 10);
        for (int i = 0; i < n; i++) {
            assertThat(sim.isPending(handles[i])).isEqualTo(i % 10 == 0);
        }
        sim.runUntilIdle();
        assertThat(ran).hasSize(n / 10).isSorted();
    }

    @Test
    void runUntilTimeRunsEventsDueUpToAndIncludingItThenSetsTheClock() {
        sim.schedule(10, note("a"));
        sim.schedule(20, note("b"));
        sim.schedule(21, note("c"));

        assertThat(sim.runUntil(20)).isEqualTo(RunOutcome.TIME_REACHED);
        assertThat(log).containsExactly("a@10", "b@20");
        assertThat(sim.now()).isEqualTo(20);
        assertThat(sim.runUntil(100)).isEqualTo(RunOutcome.TIME_REACHED);
        assertThat(sim.now()).as("advanced past the last event").isEqualTo(100);
        assertThat(log).containsExactly("a@10", "b@20", "c@21");
        assertThatThrownBy(() -> sim.runUntil(99)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already at 100 ns");
    }

    @Test
    void runUntilConditionChecksBeforeAndAfterEachEvent() {
        int[] counter = {0};
        for (int i = 1; i <= 10; i++) {
            sim.schedule(i * 100L, () -> counter[0]++);
        }
        assertThat(sim.runUntil(() -> counter[0] == 0)).isEqualTo(RunOutcome.CONDITION_MET);
        assertThat(sim.now()).isZero();
        assertThat(sim.runUntil(() -> counter[0] >= 4)).isEqualTo(RunOutcome.CONDITION_MET);
        assertThat(sim.now()).isEqualTo(400);
        assertThat(sim.runUntil(() -> counter[0] > 100)).isEqualTo(RunOutcome.IDLE);
        assertThat(counter[0]).isEqualTo(10);
        assertThat(sim.now()).isEqualTo(1000);
    }

    @Test
    void stopFromAnEventEndsTheRunAndAResumedRunContinues() {
        sim.schedule(10, note("a"));
        sim.schedule(20, () -> {
            log.add("stop@" + sim.now());
            sim.stop();
        });
        sim.schedule(30, note("c"));

        assertThat(sim.runUntil(1000)).isEqualTo(RunOutcome.STOPPED);
        assertThat(sim.now()).isEqualTo(20);
        assertThat(sim.pendingEvents()).isEqualTo(1);
        assertThat(sim.runUntilIdle()).isEqualTo(RunOutcome.IDLE);
        assertThat(log).containsExactly("a@10", "stop@20", "c@30");
        sim.stop();   // outside a run: no effect on the next run
        sim.schedule(40, note("d"));
        assertThat(sim.runUntilIdle()).isEqualTo(RunOutcome.IDLE);
    }

    @Test
    void schedulingInThePastOrRunningFromAnEventIsRefused() {
        sim.schedule(50, () -> {
            assertThatThrownBy(() -> sim.schedule(49, note("late")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot schedule an event in the past: time 49 ns is before now (50 ns)");
            assertThatThrownBy(sim::runUntilIdle).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already running");
            log.add("checked");
        });
        sim.runUntilIdle();
        assertThat(log).containsExactly("checked");
        assertThatThrownBy(() -> sim.scheduleAfter(-1, note("x")))
                .hasMessage("delay must be >= 0 ns, got -1");
        assertThatThrownBy(() -> sim.scheduleAfter(Long.MAX_VALUE, note("x")))
                .hasMessageContaining("overflows");
        assertThat(sim.isRunning()).isFalse();
    }

    @Test
    void anExceptionFromAnEventLeavesTheSimulationUsable() {
        sim.schedule(1, () -> {
            throw new IllegalStateException("boom");
        });
        sim.schedule(2, note("after"));
        assertThatThrownBy(sim::runUntilIdle).hasMessage("boom");
        assertThat(sim.isRunning()).isFalse();
        sim.runUntilIdle();
        assertThat(log).containsExactly("after@2");
    }

    @Test
    void eventsAtTheEndOfTimeRunInOrder() {
        for (int i = 0; i < 10; i++) {
            sim.schedule(Long.MAX_VALUE - (i % 2), note("e" + i));
        }
        sim.runUntilIdle();
        assertThat(log).containsExactly(
                "e1@" + (Long.MAX_VALUE - 1), "e3@" + (Long.MAX_VALUE - 1), "e5@" + (Long.MAX_VALUE - 1),
                "e7@" + (Long.MAX_VALUE - 1), "e9@" + (Long.MAX_VALUE - 1),
                "e0@" + Long.MAX_VALUE, "e2@" + Long.MAX_VALUE, "e4@" + Long.MAX_VALUE,
                "e6@" + Long.MAX_VALUE, "e8@" + Long.MAX_VALUE);
    }

    @Test
    void aReusableActionCanBeScheduledManyTimes() {
        int[] fired = {0};
        Runnable shared = () -> fired[0]++;
        for (int i = 0; i < 1000; i++) {
            sim.schedule(i % 17, shared);
        }
        sim.runUntilIdle();
        assertThat(fired[0]).isEqualTo(1000);
        assertThat(sim.statistics().peakPending()).isEqualTo(1000);
    }
}
