package io.ackwatch.verdict;

import static io.ackwatch.scale.ScalePcapWriter.ACK;
import static io.ackwatch.scale.ScalePcapWriter.RST;
import static io.ackwatch.scale.ScalePcapWriter.SYN;
import static io.ackwatch.scale.ScalePcapWriter.ipv4;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.analysis.Thresholds;
import io.ackwatch.scale.ScalePcapWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans told from print jobs on hand-built captures, judged the way the pipeline judges them
 * ({@link TestdataVerdictsTest#judgeWithScans}). Source ports and gaps come from a seeded random, so a failure
 * repeats.
 */
class ScanDetectorTest {
    private static final long SEED = 16;
    private static final long T0 = 1_800_000_000_000_000_000L;
    private static final int CLIENT = ipv4(10, 0, 1, 2);
    private static final int PRINTER = ipv4(10, 0, 2, 9);

    @TempDir
    Path dir;

    @Test
    void aClientWhosePrinterRefusesThreeSynsIsNotAScan() throws Exception {
        Random random = new Random(SEED);
        Path capture = dir.resolve("refused.pcap");
        try (ScalePcapWriter w = new ScalePcapWriter(capture, true)) {
            long t = T0;
            for (int i = 0; i < 3; i++) {
                refusedSyn(w, t, CLIENT, 49152 + random.nextInt(16000), PRINTER, 9100);
                t += 200_000_000L + random.nextInt(800_000_000);
            }
        }
        ScanDetector.Result r = TestdataVerdictsTest.judgeWithScans(capture);

        assertThat(r.scans()).isEmpty();
        assertThat(r.probes()).isEmpty();
        assertThat(r.jobs()).hasSize(3).allSatisfy(v -> assertThat(v.verdict()).isEqualTo(Verdict.FAILED));
    }

    @Test
    void theSameSourceProbingFiveTargetsInABurstIsAScanAndItsPrintJobStaysAJob() throws Exception {
        Random random = new Random(SEED);
        Path capture = dir.resolve("scan.pcap");
        int[] hosts = {PRINTER, ipv4(10, 0, 2, 10)};
        int[] ports = {515, 631, 9100};
        try (ScalePcapWriter w = new ScalePcapWriter(capture, true)) {
            long t = T0;
            int sport = 49152 + random.nextInt(16000);
            for (int host : hosts) {
                for (int port : ports) {
                    refusedSyn(w, t, CLIENT, sport, host, port);
                    t += random.nextInt(5_000_000);
                }
            }
            // after the scan, the scanner's own job to the printer: handshake, data, FIN both ways
            t += 20_000_000_000L;
            job(w, t, CLIENT, 50001, PRINTER, 9100);
        }
        ScanDetector.Result r = TestdataVerdictsTest.judgeWithScans(capture);

        assertThat(r.scans()).hasSize(1);
        Scan scan = r.scans().get(0);
        assertThat(scan.source()).isEqualTo("10.0.1.2");
        assertThat(scan.hosts()).containsExactly("10.0.2.9", "10.0.2.10");
        assertThat(scan.ports()).containsExactly(515, 631, 9100);
        assertThat(scan.connections()).isEqualTo(6);
        assertThat(scan.streams()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(scan.filter()).isEqualTo("tcp.stream in {0..5}");
        assertThat(scan.packets()).isEqualTo(12);
        assertThat(r.jobs()).singleElement().satisfies(v -> {
            assertThat(v.flow().client().port()).isEqualTo(50001);
            assertThat(v.verdict()).isEqualTo(Verdict.OK);
        });
        // one target fewer than the threshold asks for: a client's failures, judged as jobs
        Thresholds stricter = Thresholds.defaults().with("scan-min-targets", "7");
        assertThat(ScanDetector.detect(TestdataVerdictsTest.judgeWithScans(capture).probes(), stricter).scans())
                .isEmpty();
    }

    @Test
    void probesSpreadWiderThanTheWindowAreNotOneBurst() throws Exception {
        Path capture = dir.resolve("slow.pcap");
        try (ScalePcapWriter w = new ScalePcapWriter(capture, true)) {
            long t = T0;
            for (int port : List.of(515, 631, 9100, 9101, 9102)) {
                refusedSyn(w, t, CLIENT, 40000, PRINTER, port);
                t += 11_000_000_000L;
            }
        }
        ScanDetector.Result r = TestdataVerdictsTest.judgeWithScans(capture);

        assertThat(r.scans()).isEmpty();
        assertThat(r.jobs()).hasSize(5);
    }

    /** SYN answered by RST,ACK: a closed port, or a printer refusing the client. */
    private static void refusedSyn(ScalePcapWriter w, long t, int src, int sport, int dst, int dport)
            throws Exception {
        w.tcpAt(t, src, sport, dst, dport, SYN, 1000, 0, 0);
        w.tcpAt(t + 60_000, dst, dport, src, sport, RST | ACK, 0, 1001, 0);
    }

    private static void job(ScalePcapWriter w, long t, int src, int sport, int dst, int dport) throws Exception {
        w.tcpAt(t, src, sport, dst, dport, SYN, 5000, 0, 0);
        w.tcpAt(t + 100_000, dst, dport, src, sport, SYN | ACK, 9000, 5001, 0);
        w.tcpAt(t + 200_000, src, sport, dst, dport, ACK, 5001, 9001, 0);
        w.tcpAt(t + 300_000, src, sport, dst, dport, ACK, 5001, 9001, 1000);
        w.tcpAt(t + 400_000, dst, dport, src, sport, ACK, 9001, 6001, 0);
        w.tcpAt(t + 500_000, src, sport, dst, dport, ACK | 0x01, 6001, 9001, 0);
        w.tcpAt(t + 600_000, dst, dport, src, sport, ACK | 0x01, 9001, 6002, 0);
        w.tcpAt(t + 700_000, src, sport, dst, dport, ACK, 6002, 9002, 0);
    }
}
