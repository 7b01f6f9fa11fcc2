package io.overlaysim.iproute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LineTokensTest {
    @Test
    void splitsOnSpacesAndTabsKeepingColumns() {
        LineTokens t = LineTokens.of("r.txt", 4, "\tnexthop via 10.0.0.1  dev swp1 weight 1 onlink ");
        assertThat(t.size()).isEqualTo(8);
        assertThat(t.column()).isEqualTo(2);
        assertThat(t.next()).isEqualTo("nexthop");
        assertThat(t.accept("via")).isTrue();
        assertThat(t.next()).isEqualTo("10.0.0.1");
        assertThat(t.column()).isEqualTo(24);
        assertThat(t.accept("via")).isFalse();
    }

    @Test
    void errorsNameFileLineColumnAndWhatWasExpected() {
        LineTokens t = LineTokens.of("ip-route.txt", 12, "default vai 10.0.0.1");
        t.next();
        assertThatThrownBy(() -> t.expectKeyword("via"))
                .isInstanceOf(DumpParseException.class)
                .hasMessage("ip-route.txt:12:9: expected \"via\", found \"vai\"");
        t.next();
        t.next();
        assertThat(t.error("a device name").getMessage())
                .isEqualTo("ip-route.txt:12:21: expected a device name, found end of line");
    }

    @Test
    void commentsAndBlankLinesCarryNothing() {
        assertThat(LineTokens.isCommentOrBlank("  # source: somewhere")).isTrue();
        assertThat(LineTokens.isCommentOrBlank(" \t ")).isTrue();
        assertThat(LineTokens.isCommentOrBlank("default via 1.2.3.4")).isFalse();
    }
}
