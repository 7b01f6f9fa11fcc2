package io.overlaysim.report.junit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Writes test suites as JUnit XML (the Ant format that Jenkins, GitLab and the GitHub test
 * reporters read), in UTF-8, with a fixed attribute order, so the same results give the same bytes.
 *
 * <pre>
 * &lt;testsuites&gt;
 *   &lt;testsuite name package id tests failures errors [skipped] time timestamp hostname&gt;
 *     &lt;properties&gt;&lt;property name value/&gt;...&lt;/properties&gt;
 *     &lt;testcase name classname time&gt;
 *       [&lt;failure message type&gt;walk...&lt;/failure&gt; | &lt;error .../&gt; | &lt;skipped message/&gt;]
 *       [&lt;system-out&gt;...&lt;/system-out&gt;]
 *     &lt;/testcase&gt;
 *     &lt;system-out&gt;...&lt;/system-out&gt;&lt;system-err&gt;...&lt;/system-err&gt;
 *   &lt;/testsuite&gt;
 * &lt;/testsuites&gt;
 * </pre>
 *
 * Without skipped cases nor per-case output the document is valid against Ant's
 * {@code JUnit.xsd} (as aggregated by junitreport: the root carries no attributes, every suite a
 * {@code package} and an {@code id}); with them, against the Jenkins schema, which adds both.
 * Times are seconds with millisecond precision.
 */
public final class JunitXmlWriter {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private JunitXmlWriter() {}

    /** Writes the suites as one {@code <testsuites>} document. */
    public static void write(List<TestSuite> suites, Writer out) throws IOException {
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
        for (int i = 0; i < suites.size(); i++) {
            suite(suites.get(i), i, out);
        }
        out.write("</testsuites>\n");
    }

    /** The suites as a string (encode it as UTF-8, as the declaration says). */
    public static String toString(List<TestSuite> suites) {
        var w = new StringWriter();
        try {
            write(suites, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void suite(TestSuite s, int id, Writer out) throws IOException {
        out.write("  <testsuite");
        attr(out, "name", s.name());
        attr(out, "package", s.packageName());
        attr(out, "id", Integer.toString(id));
        attr(out, "tests", Integer.toString(s.cases().size()));
        attr(out, "failures", Long.toString(s.failures()));
        attr(out, "errors", Long.toString(s.errors()));
        if (s.skipped() > 0) {
            attr(out, "skipped", Long.toString(s.skipped()));
        }
        attr(out, "time", seconds(s.time()));
        attr(out, "timestamp", TIMESTAMP.format(s.timestamp().truncatedTo(ChronoUnit.SECONDS)));
        attr(out, "hostname", s.hostname());
        out.write(">\n");
        if (s.properties().isEmpty()) {
            out.write("    <properties/>\n");
        } else {
            out.write("    <properties>\n");
            for (Map.Entry<String, String> p : s.properties().entrySet()) {
                out.write("      <property");
                attr(out, "name", p.getKey());
                attr(out, "value", p.getValue());
                out.write("/>\n");
            }
            out.write("    </properties>\n");
        }
        for (TestCase c : s.cases()) {
            testCase(c, out);
        }
        element(out, "    ", "system-out", s.systemOut());
        element(out, "    ", "system-err", s.systemErr());
        out.write("  </testsuite>\n");
    }

    private static void testCase(TestCase c, Writer out) throws IOException {
        out.write("    <testcase");
        attr(out, "name", c.name());
        attr(out, "classname", c.classname());
        attr(out, "time", seconds(c.time()));
        if (c.outcome() instanceof Outcome.Passed && c.systemOut().isEmpty()) {
            out.write("/>\n");
            return;
        }
        out.write(">\n");
        switch (c.outcome()) {
            case Outcome.Passed p -> { }
            case Outcome.Failure f -> problem(out, "failure", f.message(), f.type(), f.body());
            case Outcome.Error e -> problem(out, "error", e.message(), e.type(), e.body());
            case Outcome.Skipped k -> {
                out.write("      <skipped");
                attr(out, "message", k.message());
                out.write("/>\n");
            }
        }
        if (!c.systemOut().isEmpty()) {
            element(out, "      ", "system-out", c.systemOut());
        }
        out.write("    </testcase>\n");
    }

    private static void problem(Writer out, String tag, String message, String type, List<String> body)
            throws IOException {
        out.write("      <" + tag);
        attr(out, "message", message);
        attr(out, "type", type);
        if (body.isEmpty()) {
            out.write("/>\n");
            return;
        }
        out.write('>');
        out.write(XmlText.content(String.join("\n", body)));
        out.write("</" + tag + ">\n");
    }

    private static void element(Writer out, String indent, String tag, String text) throws IOException {
        if (text.isEmpty()) {
            out.write(indent + "<" + tag + "/>\n");
        } else {
            out.write(indent + "<" + tag + ">" + XmlText.content(text) + "</" + tag + ">\n");
        }
    }

    private static void attr(Writer out, String name, String value) throws IOException {
        out.write(' ');
        out.write(name);
        out.write("=\"");
        out.write(XmlText.attribute(value));
        out.write('"');
    }

    /** Seconds with three decimals, {@code 0.012}: an {@code xs:decimal}, never an exponent. */
    static String seconds(Duration d) {
        BigDecimal s = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
        return s.setScale(3, RoundingMode.HALF_UP).toPlainString();
    }
}
