package io.overlaysim.report.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.report.ColumnType;
import io.overlaysim.report.Value;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ValueFormatTest {

    @Test
    void machineFormsAreExactAndRoundHalfUp() {
        assertThat(ValueFormat.machine(ColumnType.decimal(2), Value.of(0.125))).isEqualTo("0.13");
        assertThat(ValueFormat.machine(ColumnType.decimal(2), Value.of(-0.001))).isEqualTo("0.00");
        assertThat(ValueFormat.machine(ColumnType.decimal(0), Value.of(2.5))).isEqualTo("3");
        assertThat(ValueFormat.machine(ColumnType.decimal(3), Value.of(7))).isEqualTo("7.000");
        assertThat(ValueFormat.machine(ColumnType.decimal(2), Value.of(1e20))).isEqualTo("100000000000000000000.00");
        assertThat(ValueFormat.machine(ColumnType.percent(2), Value.of(0.939234))).isEqualTo("93.92");
        assertThat(ValueFormat.machine(ColumnType.bytes(), Value.of(1480))).isEqualTo("1480");
        assertThat(ValueFormat.machine(ColumnType.duration(), Value.of(1_250_000L))).isEqualTo("1250000");
        assertThat(ValueFormat.machine(ColumnType.text(), Value.MISSING)).isNull();
    }

    @Test
    void humanFormsCarryUnits() {
        assertThat(ValueFormat.human(ColumnType.percent(1), Value.of(0.5))).isEqualTo("50.0 %");
        assertThat(ValueFormat.bytes(1450)).isEqualTo("1450 B");
        assertThat(ValueFormat.bytes(3L * 1024 * 1024 + 512)).isEqualTo("3.00 MiB");
        assertThat(ValueFormat.bytes(5L << 30)).isEqualTo("5.00 GiB");
        assertThat(ValueFormat.duration(850)).isEqualTo("850 ns");
        assertThat(ValueFormat.duration(12_500)).isEqualTo("12.500 \u00b5s");
        assertThat(ValueFormat.duration(1_250_000)).isEqualTo("1.250 ms");
        assertThat(ValueFormat.duration(2_500_000_000L)).isEqualTo("2.500 s");
        assertThat(ValueFormat.human(ColumnType.integer(), Value.MISSING)).isEqualTo("\u2013");
        assertThat(ValueFormat.fixed(new BigDecimal("1E+3"), 1)).isEqualTo("1000.0");
    }
}
