package io.overlaysim.report.mtu;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.report.Report;
import io.overlaysim.report.chart.ChartRenderer;
import io.overlaysim.report.format.ReportFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example: the theory report in every format, twice, byte for byte the same. */
class TheoryReportTest {

    private static Report example() {
        return TheoryReport.build(List.of(1500, 9000, 1460, 1450), 1500, 64, 9000, 16, 10e9);
    }

    @Test
    void writesEveryFormatAndTheSameBytesTwice(@TempDir Path a, @TempDir Path b) throws Exception {
        List<Path> first = ReportFiles.writeAll(example(), a, "mtu-theory", ChartRenderer.standard());
        List<Path> second = ReportFiles.writeAll(example(), b, "mtu-theory", ChartRenderer.standard());
        assertThat(first).extracting(p -> p.getFileName().toString()).containsExactly(
                "mtu-theory-mtu.csv", "mtu-theory-efficiency.csv", "mtu-theory-goodput.csv", "mtu-theory.json",
                "mtu-theory.md", "max-deliverable.png", "max-deliverable.svg", "efficiency.png", "efficiency.svg",
                "goodput.png", "goodput.svg", "mtu-theory.html");
        for (int i = 0; i < first.size(); i++) {
            String name = first.get(i).getFileName().toString();
            if (name.endsWith(".csv") || name.endsWith(".json") || name.endsWith(".md") || name.endsWith(".svg")
                    || name.endsWith(".html")) {
                assertThat(Files.readAllBytes(second.get(i))).as(name).isEqualTo(Files.readAllBytes(first.get(i)));
            }
        }
        String html = Files.readString(a.resolve("mtu-theory.html"));
        assertThat(html).contains("<svg role=\"img\" aria-label=\"Maximum deliverable datagram per underlay MTU\"")
                .doesNotContain("<script", "<link", "<img", "src=\"");
        assertThat(html.split("<svg ", -1)).hasSize(4);
    }

    @Test
    void theTableIsCalicos(@TempDir Path dir) throws Exception {
        ReportFiles.write(example(), dir, "t", java.util.Set.of(ReportFiles.Format.CSV), ChartRenderer.standard());
        assertThat(Files.readAllLines(dir.resolve("t-mtu.csv"))).containsExactly(
                "underlay_mtu,encap,overhead,inner_mtu,frame,efficiency,flags",
                "1500,none,0,1500,1514,95.71,",
                "9000,none,0,9000,9014,99.27,",
                "1460,none,0,1460,1474,95.59,",
                "1450,none,0,1450,1464,95.56,",
                "1500,ipip,20,1480,1514,94.41,",
                "9000,ipip,20,8980,9014,99.05,",
                "1460,ipip,20,1440,1474,94.26,",
                "1450,ipip,20,1430,1464,94.22,",
                "1500,vxlan,50,1450,1514,92.46,",
                "9000,vxlan,50,8950,9014,98.72,",
                "1460,vxlan,50,1410,1474,92.26,",
                "1450,vxlan,50,1400,1464,92.20,");
        assertThat(dir.resolve("t-efficiency.csv")).content().contains("1451,1,95.57,1,94.30,2,86.40,\r\n");
        assertThat(Files.list(dir).count()).isEqualTo(3);
    }
}
