package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The CI example in README.md ("Using it in CI", between {@code <!-- CI-EXAMPLE -->} markers) is run as
 * written: its {@code ./ackwatch analyze ...} line minus the launcher, with only the {@code --output} path moved
 * under a temporary folder, from the project root as the README says. The JUnit file it writes is then checked
 * against the testdata sidecars, so the documented command keeps doing what the README promises.
 */
class CiExampleTest {
    private static final Path README = Path.of("README.md");
    private static final String BEGIN = "<!-- CI-EXAMPLE -->";
    private static final String END = "<!-- /CI-EXAMPLE -->";
    private static final String COMMAND_START = "./ackwatch analyze";

    @TempDir
    Path tmp;

    @Test
    void readmeCommandWritesJunitWithOneSuitePerCaptureAndTheSeedFailure() throws Exception {
        Testdata.assumePresent();
        List<String> documented = documentedCommand();
        int output = documented.indexOf("--output");
        assertThat(output).as("the README command writes its report with --output: " + documented).isPositive();
        Path documentedReport = Path.of(documented.get(output + 1));
        assertThat(documentedReport.isAbsolute()).as("README's --output path is relative").isFalse();

        List<String> args = new ArrayList<>(documented.subList(1, documented.size())); // drop ./ackwatch
        Path report = tmp.resolve(documentedReport);
        args.set(output, report.toString());
        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as("testdata holds failures on purpose: " + run.describe()).isEqualTo(1);
        assertThat(run.out()).as("with --output nothing goes to stdout").isEmpty();
        assertThat(report).as("report written by " + run.describe()).isRegularFile();

        Document xml = parse(report);
        assertThat(xml.getElementsByTagName("error").getLength()).as("<error> elements").isZero();
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("testsuites");

        Map<String, Element> suites = new HashMap<>();
        NodeList suiteList = xml.getElementsByTagName("testsuite");
        for (int i = 0; i < suiteList.getLength(); i++) {
            Element suite = (Element) suiteList.item(i);
            assertThat(suites.put(suite.getAttribute("name"), suite)).as("duplicate suite " + suite.getAttribute("name"))
                    .isNull();
        }
        List<Path> captures = Testdata.captures();
        assertThat(suites.keySet()).as("one testsuite per capture in testdata, named by its path")
                .containsExactlyInAnyOrderElementsOf(captures.stream().map(Path::toString).toList());

        for (Path capture : captures) {
            Element suite = suites.get(capture.toString());
            List<Element> cases = children(suite, "testcase");
            Sidecar sidecar = Sidecar.of(capture);
            assertThat(cases).as("testcases of " + capture + " = printer connections in its sidecar, and a scan's probes"
                    + " as one testcase per scanner").hasSize(sidecar.jobs().size() + sidecar.scanners().size());
            assertThat(suite.getAttribute("tests")).as("tests attribute of " + capture)
                    .isEqualTo(String.valueOf(cases.size()));
            long failures = cases.stream().filter(c -> !children(c, "failure").isEmpty()).count();
            assertThat(suite.getAttribute("failures")).as("failures attribute of " + capture)
                    .isEqualTo(String.valueOf(failures));
        }

        Element seed = suites.get(Testdata.SEED.toString());
        List<Element> seedFailures = children(children(seed, "testcase").get(0), "failure");
        assertThat(seedFailures).as("the seed connection fails").hasSize(1);
        assertThat(seedFailures.get(0).getAttribute("type")).isEqualTo("missing-ack-after-two-segments");
        Sidecar.Connection seedConnection = Sidecar.of(Testdata.SEED).connections().get(0);
        assertThat(children(seed, "testcase").get(0).getAttribute("name"))
                .contains(seedConnection.client() + " -> " + seedConnection.server());
    }

    @Test
    void everyAckwatchCommandInTheCiSectionIsTheTestedOne() throws IOException {
        List<String> lines = section().lines().map(String::strip)
                .map(l -> l.startsWith("run: ") ? l.substring(5) : l)
                .map(l -> l.startsWith("- ") ? l.substring(2) : l)
                .filter(l -> l.startsWith(COMMAND_START)).toList();
        assertThat(lines).as("ackwatch commands in the CI section").hasSizeGreaterThanOrEqualTo(3);
        assertThat(lines).as("the GitLab and GitHub examples run the tested command").containsOnly(lines.get(0));
    }

    /** The first line of the section starting with {@code ./ackwatch analyze}, split into words. */
    private static List<String> documentedCommand() throws IOException {
        String line = section().lines().map(String::strip).filter(l -> l.startsWith(COMMAND_START)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + COMMAND_START + "' in the CI section"));
        assertThat(line).as("the CI command is plain words (this test does not interpret shell quoting)")
                .doesNotContain("'", "\"", "\\", "$", "|", ">");
        return Arrays.asList(line.split("\\s+"));
    }

    private static String section() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as(BEGIN + " in README.md").isNotNegative();
        assertThat(end).as(END + " after " + BEGIN).isGreaterThan(begin);
        return readme.substring(begin + BEGIN.length(), end);
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }
}
