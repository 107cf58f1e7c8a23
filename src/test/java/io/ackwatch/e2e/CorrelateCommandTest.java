package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --correlate}, {@code --no-correlate} and automatic correlation, on the command line. */
class CorrelateCommandTest {
    private static final String CLIENT = "testdata/captures/s07-acks-lost-client-cli1.pcap";
    private static final String PORT = "testdata/captures/s07-acks-lost-printer-port.pcap";
    private static final String UNRELATED = "testdata/captures/s01-healthy-client-cli1.pcap";

    @Test
    void capturesOfTheSameConnectionsAreCorrelatedUnlessRefused() {
        Testdata.assumePresent();
        CliRun auto = CliRun.of("analyze", CLIENT, PORT);
        CliRun refused = CliRun.of("analyze", "--no-correlate", CLIENT, PORT);
        assertThat(auto.out()).contains("correlation (automatic: these captures hold the same connections;"
                + " --no-correlate turns it off)", "located: network-between-points");
        assertThat(refused.out()).doesNotContain("correlation");
        assertThat(withoutCorrelation(auto.out())).isEqualTo(refused.out());
        assertThat(auto.exitCode()).isEqualTo(refused.exitCode());
    }

    @Test
    void aCaptureWithItselfSaysSoAndChangesNothing(@TempDir Path dir) throws IOException {
        Testdata.assumePresent();
        Path copy = Files.copy(Path.of(CLIENT), dir.resolve("copy.pcap"));
        CliRun asked = CliRun.of("analyze", "--correlate", CLIENT, copy.toString());
        CliRun plain = CliRun.of("analyze", CLIENT, copy.toString());
        assertThat(asked.out()).contains("the same capture twice (same SHA-256): nothing to correlate, nothing changed");
        assertThat(plain.out()).doesNotContain("correlation");
        assertThat(withoutCorrelation(asked.out())).isEqualTo(plain.out());
    }

    @Test
    void unrelatedCapturesSaySoAndChangeNothing() {
        Testdata.assumePresent();
        CliRun asked = CliRun.of("analyze", "--correlate", CLIENT, UNRELATED);
        CliRun plain = CliRun.of("analyze", CLIENT, UNRELATED);
        assertThat(asked.out()).contains("no connection is in both captures (other addresses, ports or times):"
                + " nothing to correlate, nothing changed");
        assertThat(plain.out()).doesNotContain("correlation");
        assertThat(withoutCorrelation(asked.out())).isEqualTo(plain.out());
    }

    @Test
    void theReadmeShowsTheCorrelatedReportOfTheLostAckScenarioAsItIs() throws IOException {
        Testdata.assumePresent();
        String readme = Files.readString(Path.of("README.md"));
        String block = readme.substring(readme.indexOf("<!-- CORRELATION-EXAMPLE -->"),
                readme.indexOf("<!-- /CORRELATION-EXAMPLE -->"));
        String shown = block.substring(block.indexOf("\ncorrelation ") + 1, block.lastIndexOf("```"));
        CliRun run = CliRun.of("analyze", CLIENT, PORT);
        String out = run.out();
        assertThat(out.substring(out.indexOf("\ncorrelation ") + 1)).isEqualTo(shown);
        assertThat(block).contains("$ ./ackwatch analyze " + CLIENT + " " + PORT);
    }

    @Test
    void theHtmlPageShowsBothPointsSideBySide() {
        Testdata.assumePresent();
        String html = CliRun.of("analyze", "--format", "html", CLIENT, PORT).out();
        assertThat(html).contains("<h2>Correlated: " + CLIENT + " &amp; " + PORT + "</h2>",
                "<th>A frame</th><th>time s (A's clock)</th><th>packet</th><th>B frame</th>",
                "<code>tcp.stream eq 0 &amp;&amp; frame.number in {5, 7, 47}</code>");
        // the printer's first three ACKs: at B (frames 5, 7, 47), not at A
        assertThat(html).contains("<td>—</td><td>0.006113</td><td><code>← ACK seq=1 ack=1461 len=0</code></td>"
                + "<td>5</td><td></td><td>lost between the points</td>");
        assertThat(html.split("<td>lost between the points</td>", -1)).hasSize(4);
        assertThat(CliRun.of("analyze", "--format", "html", "--no-correlate", CLIENT, PORT).out())
                .doesNotContain("Correlated:");
    }

    @Test
    void connectionsBehindANatBetweenThePointsArePairedByTheirIsnsAndTheReportsSayWhichEndpointBecameWhich() {
        Testdata.assumePresent();
        String client = "testdata/captures/s20-nat-client-cli1.pcap";
        String port = "testdata/captures/s20-nat-printer-port.pcap";
        String nat = "NAT between the points: client 10.99.1.2:42001 became 10.99.2.1:52001";
        assertThat(CliRun.of("analyze", client, port).out().replaceAll("\\s+", " "))
                .contains("correlation (automatic: these captures hold the same connections;",
                        "shared 2 connections in both, 0 only in A, 0 only in B", nat,
                        "client 10.99.1.2:42002 became 10.99.2.1:42002");
        assertThat(CliRun.of("analyze", "--format", "html", client, port).out()).contains("<p>" + nat);
    }

    /** The text report without its correlation sections (they come after the captures, before the summary). */
    private static String withoutCorrelation(String text) {
        int start = text.indexOf("\ncorrelation ");
        int summary = text.lastIndexOf("\nsummary: ");
        return start < 0 ? text : text.substring(0, start) + text.substring(summary);
    }
}
