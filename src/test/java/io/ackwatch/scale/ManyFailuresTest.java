package io.ackwatch.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ackwatch.cli.Main;
import io.ackwatch.pipeline.EvidenceExtractor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A printer that fails tens of thousands of jobs in one capture, every report format at once, in a small heap.
 * Every failed connection is listed in every report, so this is where a writer that builds its report whole
 * runs out of memory: the HTML page did, on 10 M packets in 256 MB, before it handed its text to the file as it
 * went. The analysis itself keeps each judged connection packed.
 */
class ManyFailuresTest {
    private static final int FAILURES = Integer.getInteger("ackwatch.scale.failures", 30_000);
    private static final int PRINTER = ScalePcapWriter.ipv4(192, 168, 1, 10);
    private static final long START = 1_700_000_000_000_000_000L;
    private static final long MILLISECOND = 1_000_000L;
    private static final long SECOND = 1000 * MILLISECOND;

    @TempDir
    Path dir;

    /**
     * Windows XP's pattern against a printer that stopped acknowledging: handshake, two data segments, resends
     * at 0.3, 0.9 and 2.1 s, then the client resets. One connection starts every 10 s of capture time, so few are
     * open at once.
     */
    static void writeUnacknowledgedJobs(Path file, int n) throws IOException {
        try (ScalePcapWriter w = new ScalePcapWriter(file, false)) {
            for (int i = 0; i < n; i++) {
                int client = ScalePcapWriter.ipv4(10, 2, 1 + i / 250 % 250, 1 + i % 250);
                Talk c = new Talk(w, client, 1025 + i / 62_500, PRINTER, 9100, i * 7919L, 5_000_000L + i);
                long t = START + i * 10 * SECOND;
                c.handshake(t, MILLISECOND);
                long first = c.clientNext();
                c.data(t + 5 * MILLISECOND, 1460);
                c.data(t + 6 * MILLISECOND, 1460);
                for (long backoff : new long[] {300, 900, 2100}) {
                    c.resend(t + 6 * MILLISECOND + backoff * MILLISECOND, first, 1460);
                }
                c.clientReset(t + 5 * SECOND);
            }
        }
    }

    @Test
    @Timeout(120)
    void everyFormatListsEveryFailureInA160MbChildJvm() throws Exception {
        Path capture = dir.resolve("printer-stopped-acking-" + FAILURES + ".pcap");
        writeUnacknowledgedJobs(capture, FAILURES);
        Path out = dir.resolve("reports");
        ChildJvm run = ChildJvm.run("160m", dir, 110, "analyze", "--format", "text,json,junit,markdown,html",
                "--output-dir", out.toString(), "--jobs", "1", capture.toString());
        System.err.printf("ManyFailures: %d failed connections, every format, child JVM -Xmx160m %d ms%n", FAILURES,
                run.millis());

        assertThat(run.exitCode()).as("exit code (1: findings; 3: out of memory) " + run.stderr()).isEqualTo(1);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("ackwatch-report.json").toFile()).get("summary");
        assertThat(summary.get("failed").asInt()).isEqualTo(FAILURES);
        assertThat(Files.readString(out.resolve("ackwatch-report.html")))
                .contains("Failed and degraded connections (" + FAILURES + ")")
                .endsWith("</html>\n");
        assertThat(Files.readString(out.resolve("ackwatch-report.xml"))).contains("failures=\"" + FAILURES + "\"");
        assertThat(Files.readString(out.resolve("ackwatch-report.txt")))
                .contains(FAILURES + " connections: 0 ok, 0 degraded, " + FAILURES + " failed");
        assertThat(Files.readString(out.resolve("ackwatch-report.md"))).contains(FAILURES + " failed");
    }

    @Test
    @Timeout(60)
    void extractWritesTheFirstFailuresAndSaysHowManyGotNoFile() throws Exception {
        int failures = EvidenceExtractor.MAX_FILES + 44;
        Path capture = dir.resolve("stopped-acking.pcap");
        writeUnacknowledgedJobs(capture, failures);
        Path evidence = dir.resolve("evidence");
        StringWriter err = new StringWriter();
        int rc = Main.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .execute("analyze", "--format", "json", "--extract", evidence.toString(), capture.toString());

        assertThat(rc).as(err.toString()).isEqualTo(1);
        try (Stream<Path> files = Files.list(evidence)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .hasSize(EvidenceExtractor.MAX_FILES)
                    .startsWith("stopped-acking-stream0-failed.pcapng", "stopped-acking-stream1-failed.pcapng")
                    .doesNotContain("stopped-acking-stream" + (failures - 1) + "-failed.pcapng");
        }
        assertThat(err.toString()).contains("44 more failed or degraded connections of " + capture
                + " got no evidence file");
    }
}
