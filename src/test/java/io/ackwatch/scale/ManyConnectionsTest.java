package io.ackwatch.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.pipeline.AnalysisSettings;
import io.ackwatch.pipeline.CaptureAnalyzer;
import io.ackwatch.pipeline.ProgressListener;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Very many short, healthy print jobs in one capture: every one counted, memory per connection small. 100,000
 * connections took 11.6 s to analyze on the busy 2-core test machine, so a million (8 million frames) would take
 * about two minutes; the test runs 200,000 (1.6 million frames, 11-21 s). A judged healthy connection is kept
 * packed, about 270 bytes with its share of the printer summary (it was about 1.5 KB before packing).
 * {@code -Dackwatch.scale.connections=N} changes the count.
 */
class ManyConnectionsTest {
    static final int CONNECTIONS = Integer.getInteger("ackwatch.scale.connections", 200_000);
    private static final int PAYLOAD = 10;
    private static final int PRINTER = ScalePcapWriter.ipv4(192, 168, 1, 10);
    private static final long START = 1_700_000_000_000_000_000L;
    private static final long MILLISECOND = 1_000_000L;

    @TempDir
    Path dir;

    /** Writes {@code n} connections (8 frames each), one starting every {@code spacingNanos}, unique 4-tuples. */
    static void writeShortJobs(Path file, int n, long spacingNanos) throws IOException {
        try (ScalePcapWriter w = new ScalePcapWriter(file, false)) {
            for (int i = 0; i < n; i++) {
                // 50,000 client hosts, each using ports from 10000 up: (host, port) stays unique for 2.7 billion
                int host = i % 50_000;
                int client = ScalePcapWriter.ipv4(10, 1 + host / 200 / 250, 1 + host / 200 % 250, 1 + host % 200);
                int port = 10_000 + i / 50_000;
                Talk c = new Talk(w, client, port, PRINTER, 9100, i * 7919L, 1_000_000L + i);
                long t = START + i * spacingNanos;
                c.handshake(t, 10_000);
                c.data(t + 30_000, PAYLOAD);
                c.serverAck(t + 40_000);
                c.close(t + 50_000, 10_000);
            }
        }
    }

    @Test
    @Timeout(55)
    void everyShortConnectionIsCountedAndOk() throws IOException {
        Path file = dir.resolve("short-jobs.pcap");
        long t0 = System.nanoTime();
        writeShortJobs(file, CONNECTIONS, MILLISECOND);
        long t1 = System.nanoTime();
        long before = usedHeapAfterGc();
        CaptureResult result = new CaptureAnalyzer(AnalysisSettings.defaults())
                .analyze(file, file.getFileName().toString(), ProgressListener.NONE);
        long t2 = System.nanoTime();
        long retained = usedHeapAfterGc() - before; // the result is still reachable: it is asserted on below
        System.err.printf("ManyConnections: %d connections, write %d ms, analyze %d ms, retained %d bytes/connection%n",
                CONNECTIONS, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, retained / CONNECTIONS);

        assertThat(result.error()).isNull();
        assertThat(result.packets()).isEqualTo(8L * CONNECTIONS);
        assertThat(result.flows()).hasSize(CONNECTIONS);
        assertThat(result.flows()).allSatisfy(v -> {
            assertThat(v.verdict()).isEqualTo(Verdict.OK);
            assertThat(v.flow().deliveredBytes()).isEqualTo(PAYLOAD);
        });
        assertThat(result.flows().stream().mapToInt(v -> v.flow().stream()).distinct().count()).isEqualTo(CONNECTIONS);
        assertThat(result.printers()).singleElement().satisfies(p -> {
            assertThat(p.flows()).isEqualTo(CONNECTIONS);
            assertThat(p.ok()).isEqualTo(CONNECTIONS);
        });
        FlowVerdict last = result.flows().get(CONNECTIONS - 1);
        assertThat(last.flow().lastFrame()).isEqualTo(8L * CONNECTIONS);
        assertThat(retained / CONNECTIONS).as("bytes retained per healthy connection").isLessThan(512);
    }

    /**
     * The honest memory test: the command line in a child JVM limited to 256 MB, 50,000 connections one every
     * 10 s of capture time. The report keeps every connection (packed, measured above).
     */
    @Test
    @Timeout(55)
    void fiftyThousandConnectionsFitInA256MbChildJvm() throws Exception {
        runInSmallHeap(50_000, 10_000 * MILLISECOND);
    }

    /**
     * The same 50,000 connections one every millisecond. FlowTracker once kept a closed connection with its live
     * state for a minute of capture time, so at 1000 connections a second all 50,000 were live at once (about 3.2
     * KB each); it now judges one a second after its clean close, and keeps its analysis state (about 1 KB) for 10 s
     * more, so some 10,000 are held at a time. The judged connections are kept packed.
     */
    @Test
    @Timeout(55)
    void fiftyThousandDenseConnectionsFitInA256MbChildJvm() throws Exception {
        runInSmallHeap(50_000, MILLISECOND);
    }

    private void runInSmallHeap(int n, long spacingNanos) throws Exception {
        Path file = dir.resolve("short-jobs-" + n + ".pcap");
        writeShortJobs(file, n, spacingNanos);
        Path text = dir.resolve("report.txt");
        ChildJvm run = ChildJvm.run("256m", dir, 50, "analyze", "--format", "text", "--color", "never", "--output",
                text.toString(), "--jobs", "1", file.toString());
        System.err.printf("ManyConnections: %d connections %d ms apart, child JVM -Xmx256m %d ms%n", n,
                spacingNanos / MILLISECOND, run.millis());

        assertThat(run.exitCode()).as("exit code (3: out of memory) " + run.stderr()).isZero();
        assertThat(Files.readString(text))
                .contains("packets   " + 8 * n + " (" + 8 * n + " TCP)")
                .contains("summary: 1 capture, " + n + " connections: " + n + " ok, 0 degraded, 0 failed");
    }

    static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
