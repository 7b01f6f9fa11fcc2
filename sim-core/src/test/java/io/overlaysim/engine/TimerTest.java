package io.overlaysim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerTest {
    private final Simulation sim = new Simulation(1);
    private final List<Long> fired = new ArrayList<>();
    private final Timer timer = sim.timer(() -> fired.add(sim.now()));

    @Test
    void firesOnceAtItsExpiry() {
        assertThat(timer.isPending()).isFalse();
        timer.scheduleAfter(100);
        assertThat(timer.isPending()).isTrue();
        assertThat(timer.expiry()).isEqualTo(100);
        sim.runUntilIdle();
        assertThat(fired).containsExactly(100L);
        assertThat(timer.isPending()).isFalse();
        assertThatThrownBy(timer::expiry).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reschedulingReplacesThePendingFiring() {
        timer.scheduleAt(100);
        sim.schedule(50, () -> timer.scheduleAfter(100));   // restarted at 50: fires at 150
        sim.runUntilIdle();
        assertThat(fired).containsExactly(150L);
        assertThat(sim.statistics().cancelled()).isEqualTo(1);
    }

    @Test
    void cancelStopsItAndReportsWhetherItWasPending() {
        timer.scheduleAt(10);
        assertThat(timer.cancel()).isTrue();
        assertThat(timer.cancel()).isFalse();
        sim.runUntil(1000);
        assertThat(fired).isEmpty();
        assertThat(sim.pendingEvents()).isZero();
    }

    @Test
    void aPeriodicTimerReschedulesItselfFromItsAction() {
        Timer[] keepalive = new Timer[1];
        keepalive[0] = sim.timer(() -> {
            fired.add(sim.now());
            keepalive[0].scheduleAfter(80);
        });
        keepalive[0].scheduleAfter(80);
        sim.runUntil(400);
        assertThat(fired).containsExactly(80L, 160L, 240L, 320L, 400L);
        assertThat(keepalive[0].isPending()).isTrue();
        assertThat(keepalive[0].expiry()).isEqualTo(480);
    }
}
