package io.overlaysim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void durationsTakeDecimalsAndEveryUnit() {
        assertThat(Units.duration("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Units.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Units.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Units.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Units.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Units.duration("100us")).isEqualTo(Duration.ofNanos(100_000));
        assertThat(Units.duration("3µs")).isEqualTo(Duration.ofNanos(3_000));
        assertThat(Units.duration("7ns")).isEqualTo(Duration.ofNanos(7));
        assertThat(Units.duration("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void badDurationsSayWhatWasExpected() {
        assertThatThrownBy(() -> Units.duration("10 s")).hasMessage(
                "expected a duration such as 10s, 250ms, 1.5s or 2m, found \"10 s\"");
        assertThatThrownBy(() -> Units.duration("5")).hasMessageContaining("found \"5\"");
        assertThatThrownBy(() -> Units.duration("1.5ns")).hasMessageContaining("whole number of nanoseconds");
    }

    @Test
    void bandwidthsAreBitsPerSecondWithDecimalPrefixes() {
        assertThat(Units.bandwidth("10Gbit").bitsPerSecond()).isEqualTo(10_000_000_000L);
        assertThat(Units.bandwidth("1Gbps").bitsPerSecond()).isEqualTo(1_000_000_000L);
        assertThat(Units.bandwidth("100Mbit").bitsPerSecond()).isEqualTo(100_000_000L);
        assertThat(Units.bandwidth("1.5kbit").bitsPerSecond()).isEqualTo(1_500L);
        assertThat(Units.bandwidth("64bit")).hasToString("64bit");
        assertThat(Units.bandwidth("10Gbps")).hasToString("10Gbit");
        assertThatThrownBy(() -> Units.bandwidth("10GB")).hasMessageContaining("found \"10GB\"");
        assertThatThrownBy(() -> Units.bandwidth("0Mbit")).hasMessageContaining("above zero");
    }

    @Test
    void serialisationTimeRoundsUp() {
        // 1500 bytes at 1 Gbit/s: 12 µs; at 10 Gbit/s: 1.2 µs
        assertThat(new Bandwidth(1_000_000_000L).nanosFor(1500)).isEqualTo(12_000);
        assertThat(new Bandwidth(10_000_000_000L).nanosFor(1500)).isEqualTo(1_200);
        assertThat(new Bandwidth(3).nanosFor(1)).isEqualTo(2_666_666_667L);
    }

    @Test
    void percentagesAreBareOrWithASign() {
        assertThat(Units.percent("0.1")).isEqualTo(0.1);
        assertThat(Units.percent("1%")).isEqualTo(1.0);
        assertThatThrownBy(() -> Units.percent("101")).hasMessageContaining("0..100");
    }
}
