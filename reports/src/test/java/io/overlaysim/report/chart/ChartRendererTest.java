package io.overlaysim.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.report.Fixtures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ChartRendererTest {

    private final ChartRenderer renderer = ChartRenderer.standard();

    @Test
    void pngIsAnImageOfTheRequestedSize() throws Exception {
        for (Chart chart : Fixtures.sample().charts()) {
            byte[] png = renderer.png(chart);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image.getWidth()).isEqualTo(800);
            assertThat(image.getHeight()).isEqualTo(480);
            // something is drawn in a series colour (the first of the palette, 0x0072B2)
            boolean blue = false;
            for (int x = 0; x < 800 && !blue; x += 2) {
                for (int y = 0; y < 480 && !blue; y += 2) {
                    blue = (image.getRGB(x, y) & 0xFFFFFF) == 0x0072B2;
                }
            }
            assertThat(blue).as(chart.id()).isTrue();
        }
    }

    @Test
    void svgIsWellFormedScalableAndDeterministic() throws Exception {
        for (Chart chart : Fixtures.sample().charts()) {
            String svg = renderer.svg(chart);
            assertThat(svg).isEqualTo(renderer.svg(chart)).contains("viewBox=\"0 0 800 480\"")
                    .doesNotContain("<line style=\"fill:none;stroke:rgb(0,114,178)");
            var f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        }
    }

    @Test
    void writesPngAndSvgBesideEachOther(@TempDir Path dir) throws Exception {
        Chart chart = Fixtures.sample().charts().getFirst();
        assertThat(renderer.write(chart, dir)).containsExactly(dir.resolve("eff.png"), dir.resolve("eff.svg"));
    }

    @Test
    void compactorJoinsTouchingSegmentsAndRounds() {
        String s = "<g>\n<line style=\"a\" x1=\"1.23456\" x2=\"2\" y1=\"3\" y2=\"4\"/>\n"
                + "<line style=\"a\" x1=\"2\" x2=\"5\" y1=\"4\" y2=\"6\"/>\n"
                + "<line style=\"b\" x1=\"5\" x2=\"7\" y1=\"6\" y2=\"8\"/>\n"
                + "<line style=\"b\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"1\"/>\n</g>";
        assertThat(SvgCompactor.compact(s)).isEqualTo("<g>\n<path style=\"a\" d=\"M1.23,3 L2,4 L5,6\"/>\n"
                + "<path style=\"b\" d=\"M5,6 L7,8\"/>\n<path style=\"b\" d=\"M0,0 L1,1\"/>\n</g>");
        assertThat(SvgCompactor.round("M-0.0001,1.005 L2.5,3.14159")).isEqualTo("M0,1.01 L2.5,3.14");
    }

    @Test
    void badChartsAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BarChart("b", "t", "x", "y", List.of("1500"),
                        List.of(new BarChart.BarSeries("ipip", List.of(1.0, 2.0)))))
                .hasMessage("chart 'b', series 'ipip': expected 1 values (one per category), got 2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LineChart.XySeries("s", List.of(1.0), List.of()))
                .hasMessageContaining("expected as many x as y values");
    }
}
