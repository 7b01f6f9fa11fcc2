package io.overlaysim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void rowsMustFitTheColumns() {
        var b = Table.builder().column(Column.text("encap", "E")).column(Column.bytes("mtu", "MTU"));
        assertThatThrownBy(() -> b.row("vxlan").build())
                .hasMessage("row 1: expected 2 cells (encap, mtu), got 1");
        var c = Table.builder().column(Column.text("encap", "E")).column(Column.bytes("mtu", "MTU"));
        assertThatThrownBy(() -> c.row("vxlan", 1.5).build())
                .hasMessage("row 1, column 'mtu': a bytes column cannot hold real Real[value=1.5]");
        var d = Table.builder().column(Column.integer("n", "N"));
        assertThatThrownBy(() -> d.row("x").build())
                .hasMessage("row 1, column 'n': an integer column cannot hold text Text[text=x]");
    }

    @Test
    void keysAndIdsAreChecked() {
        assertThatThrownBy(() -> Column.text("Encap", "E")).hasMessageContaining("got Encap");
        assertThatThrownBy(() -> new Table(List.of(Column.text("a", "A"), Column.text("a", "B")), List.of()))
                .hasMessage("column key 'a' appears twice");
        assertThatThrownBy(() -> Section.of("Bad Id", "t", Table.builder().column(Column.text("a", "A")).build()))
                .hasMessageContaining("section id");
        assertThatThrownBy(() -> Value.of(Double.NaN)).hasMessage("a report value must be finite, got NaN");
        assertThatThrownBy(() -> Value.of(new Object()))
                .hasMessage("a report value must be a String, a whole or a real number, got Object");
    }

    @Test
    void wholeNumbersFitDecimalColumnsAndFlagsAreKept() {
        Table t = Table.builder().column(Column.decimal("x", "X", 2))
                .row(Row.of(Cell.of(3).note("n")).flag(Flag.info("i", "m"))).build();
        assertThat(t.rows().getFirst().flagged()).isTrue();
        assertThat(t.rows().getFirst().cells().getFirst().notes()).containsExactly("n");
        Report r = Fixtures.sample();
        assertThat(r.metadata().sequencedKeySet()).containsExactly("seed", "underlays");
        assertThat(r.charts()).extracting(c -> c.id()).containsExactly("eff", "max");
    }
}
