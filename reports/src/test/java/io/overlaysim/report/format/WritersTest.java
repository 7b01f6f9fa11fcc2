package io.overlaysim.report.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.overlaysim.report.Fixtures;
import io.overlaysim.report.Report;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class WritersTest {

    @Test
    void csvIsRfc4180WithAFlagsColumn() {
        String csv = CsvWriter.toString(Fixtures.sample().sections().getFirst().table());
        assertThat(csv).isEqualTo("encap,fragments,ratio,inner_mtu,efficiency,pmtud,flags\r\n"
                + "none,1,0.125,1500,95.71,0,\r\n"
                + "\"vxlan, \"\"calico\"\"\",2,0.000,1440,92.46,1250000,inner_mtu:disagrees-with-theory\r\n"
                + "\"ipip\nline two\",,2.500,3146240,50.00,2500000000,black-hole\r\n");
    }

    @Test
    void numbersDoNotDependOnTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String german = CsvWriter.toString(Fixtures.sample().sections().getFirst().table())
                    + JsonWriter.toString(Fixtures.sample()) + MarkdownWriter.toString(Fixtures.sample(), true);
            Locale.setDefault(Locale.forLanguageTag("ar-EG"));
            String arabic = CsvWriter.toString(Fixtures.sample().sections().getFirst().table())
                    + JsonWriter.toString(Fixtures.sample()) + MarkdownWriter.toString(Fixtures.sample(), true);
            assertThat(german).isEqualTo(arabic).contains("95.71").doesNotContain("95,71");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void sameReportSameBytes() {
        Report a = Fixtures.sample();
        Report b = Fixtures.sample();
        assertThat(JsonWriter.toString(a)).isEqualTo(JsonWriter.toString(b));
        assertThat(MarkdownWriter.toString(a, true)).isEqualTo(MarkdownWriter.toString(b, true));
        assertThat(CsvWriter.toString(a.sections().getFirst().table()))
                .isEqualTo(CsvWriter.toString(b.sections().getFirst().table()));
    }

    @Test
    void jsonKeepsOrderTypesAndFlags() throws Exception {
        String json = JsonWriter.toString(Fixtures.sample());
        assertThat(json).startsWith("{\n  \"title\": \"Sample <report> & co\",\n  \"metadata\": {\n"
                + "    \"seed\": \"42\",\n    \"underlays\": \"1500, 9000\"\n  },\n").endsWith("}\n")
                .doesNotContain("\r");
        JsonNode root = new ObjectMapper().readTree(json);
        JsonNode section = root.get("sections").get(0);
        assertThat(section.get("columns").get(2).toString())
                .isEqualTo("{\"key\":\"ratio\",\"label\":\"Ratio\",\"type\":\"decimal\",\"digits\":3}");
        assertThat(section.get("columns").get(5).get("unit").asText()).isEqualTo("ns");
        JsonNode row2 = section.get("rows").get(1);
        assertThat(row2.get("cells").get("efficiency").decimalValue()).isEqualByComparingTo("92.46");
        assertThat(row2.get("cells").get("pmtud").asLong()).isEqualTo(1_250_000L);
        assertThat(row2.get("flags").get(0).toString()).isEqualTo("{\"column\":\"inner_mtu\",\"severity\":\"warning\","
                + "\"code\":\"disagrees-with-theory\",\"message\":\"simulated 1440, theory says 1450\"}");
        assertThat(row2.get("notes").get(0).get("text").asText()).isEqualTo("pod veth MTU 1500 | tunnel 1450");
        assertThat(section.get("rows").get(2).get("cells").get("fragments").isNull()).isTrue();
        assertThat(section.get("rows").get(0).has("flags")).isFalse();
        assertThat(section.get("charts").get(1).get("kind").asText()).isEqualTo("bar");
        // the machine form is written as a JSON number with the column's digits
        assertThat(json).contains("\"ratio\": 2.500,");
    }

    @Test
    void markdownIsAGithubTableWithVisibleFlags() {
        String md = MarkdownWriter.toString(Fixtures.sample(), true);
        assertThat(md).contains("""
                | Encapsulation | Fragments | Ratio | Inner MTU | Efficiency | PMTUD time |
                | :--- | ---: | ---: | ---: | ---: | ---: |
                | none | 1 | 0.125 | 1500 B | 95.71 % | 0 ns |
                | vxlan, "calico"<sup>1</sup> | 2 | 0.000 | \u26a0 **1440 B**<sup>2</sup> | 92.46 % | 1.250 ms |
                | \u2716 **ipip<br>line two**<sup>3</sup> | \u2013 | 2.500 | 3.00 MiB | 50.00 % | 2.500 s |
                """);
        assertThat(md).contains("1. (row 2): pod veth MTU 1500 \\| tunnel 1450\n"
                + "2. \u26a0 `disagrees-with-theory` (row 2, Inner MTU): simulated 1440, theory says 1450\n"
                + "3. \u2716 `black-hole` (row 3): fragmentation-needed never reached the sender\n");
        assertThat(md).startsWith("# Sample \\<report\\> &amp; co\n\n- **seed:** 42\n");
        assertThat(md).contains("![Efficiency](eff.png)").contains("> Theory from MtuTheory.");
        assertThat(MarkdownWriter.toString(Fixtures.sample(), false)).doesNotContain("](eff.png)");
    }

    @Test
    void htmlIsSelfContainedAndShowsFlags() {
        String html = toHtml(Fixtures.sample());
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>")
                .contains("<title>Sample &lt;report&gt; &amp; co</title>")
                .contains("<td class=\"num flag-warning\" title=\"simulated 1440, theory says 1450\">")
                .contains("<tr class=\"flag-error\" title=\"fragmentation-needed never reached the sender\">")
                .contains("<svg role=\"img\" aria-label=\"Efficiency\" width=\"10\"")
                .contains("id=\"eff-clip1\"").contains("url(#eff-clip1)")
                .doesNotContain("<script", "<link", "src=\"http", "@import", "<?xml", "<!DOCTYPE svg");
    }

    @Test
    void inlineSvgKeepsTitlesWithRegexCharacters() {
        assertThat(HtmlWriter.inlineSvg("<?xml version=\"1.0\"?>\n<svg x=\"1\"><g id=\"a\"/></svg>", "c1",
                "cost $1 \\ \"x\""))
                .isEqualTo("<svg role=\"img\" aria-label=\"cost $1 \\ &quot;x&quot;\" x=\"1\"><g id=\"c1-a\"/></svg>");
    }

    static String toHtml(Report report) {
        var sb = new StringBuilder();
        try {
            HtmlWriter.write(report, sb, c -> "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg width=\"10\">"
                    + "<defs><clipPath id=\"clip1\"/></defs><g clip-path=\"url(#clip1)\"/></svg>");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return sb.toString();
    }
}
