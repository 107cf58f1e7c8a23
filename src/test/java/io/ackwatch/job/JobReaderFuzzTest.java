package io.ackwatch.job;

import static io.ackwatch.job.PrintJobs.ascii;
import static io.ackwatch.job.PrintJobs.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.ackwatch.flow.ByteStreamSample;
import io.ackwatch.flow.StreamAssembler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Truncated, bit-flipped, spliced and gapped versions of real-looking jobs never make a reader throw. */
class JobReaderFuzzTest {
    private static final String[] SERVICES = {null, "raw", "lpd", "ipp"};
    private static final List<byte[][]> JOBS = jobs();

    private final JobReader reader = new JobReader();
    private static final JobReader PRIVATE = new JobReader(JobPrivacy.randomKey());

    /** {client, server} pairs. */
    private static List<byte[][]> jobs() {
        List<byte[][]> jobs = new ArrayList<>();
        jobs.add(new byte[][] {PrintJobs.pjlPcl("Q3-report.pdf", "alice", 30_000),
                concat(PrintJobs.ustatus("10001", "READY", true), PrintJobs.ustatus("30016", "PAPER JAM", false))});
        jobs.add(new byte[][] {PrintJobs.pjlPostScript("Budget", "bob", "Budget.docx"),
                ascii("%%[ Error: ioerror; OffendingCommand: image ]%%\r\n@PJL USTATUS JOB\r\nEND\r\nPAGES=3\r\n\f")});
        jobs.add(new byte[][] {PrintJobs.barePostScript("Title (with) parens", "carol"), new byte[0]});
        jobs.add(new byte[][] {PrintJobs.pdf("Q3 (draft)", 20_000), new byte[0]});
        PrintJobs.LpdSession lpd = PrintJobs.lpd("lp", "ws12", "alice", "Q3.pdf", PrintJobs.pdf("x", 10_000));
        jobs.add(new byte[][] {lpd.client(), lpd.server()});
        jobs.add(new byte[][] {
            PrintJobs.ippPost(PrintJobs.ippRequest(2, 7, "alice", "Q3.pdf", PrintJobs.pdf("Q3", 8000)), 300),
            PrintJobs.ippReply(200, "OK", PrintJobs.ippResponse(0x0507, 7, "busy"))});
        return jobs;
    }

    /** 300 seeds per run; {@code -Dackwatch.fuzz.seeds=N} runs more. */
    static LongStream seeds() {
        return LongStream.rangeClosed(1, Long.getLong("ackwatch.fuzz.seeds", 300)).map(s -> s * 0x9E3779B97F4A7C15L);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mangledJobsNeverThrow(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[][] job = JOBS.get(r.nextInt(JOBS.size()));
        byte[] client = mangle(job[0], r);
        byte[] server = mangle(job[1], r);
        int head = 16 + r.nextInt(70_000);
        int tail = 1 + r.nextInt(5000);
        ByteStreamSample c = gapped(client, head, tail, r);
        ByteStreamSample s = gapped(server, head, tail, r);
        long delivered = client.length == 0 ? 0 : r.nextLong(client.length + 1L);
        for (String service : SERVICES) {
            assertThatCode(() -> {
                JobInfo info = reader.read(Flows.flow(c, s, client.length, server.length, delivered), service);
                if (info != null) {
                    assertThat(info.describe()).isNotBlank();
                    JobInfo hidden = PRIVATE.read(Flows.flow(c, s, client.length, server.length, delivered), service);
                    assertThat(hidden.printerMessages()).hasSameSizeAs(info.printerMessages());
                    assertThat(info.printerMessages()).hasSizeLessThanOrEqualTo(JobFacts.MAX_MESSAGES);
                    for (String text : new String[] {info.name(), info.user(), info.host()}) {
                        assertThat(text == null || text.length() <= Text.MAX_TEXT && !text.isBlank()).isTrue();
                    }
                }
            }).as("seed %d service %s", seed, service).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomBytesBehindProtocolPrefixesNeverThrow(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] prefixes = {"", "\u0002lp\n\u0002", "\u0002lp\n\u0003", "\u0005lp ",
            "POST / HTTP/1.1\r\nContent-Type: application/ipp\r\nTransfer-Encoding: chunked\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Type: application/ipp\r\nContent-Length: 99999999\r\n\r\n\u0002\u0000\u0000\u0002",
            PrintJobs.UEL + "@PJL ", PrintJobs.UEL + "@PJL ENTER LANGUAGE=PDF\r\n%PDF-1.4 /Title ", "%!PS\n%%Title: ",
            "%PDF-1.5\n/Title <FEFF", "HTTP/1.1 200 OK\r\nContent-Type: application/ipp\r\n\r\n"};
        byte[] client = concat(ascii(prefixes[r.nextInt(prefixes.length)]), randomBytes(r, r.nextInt(3000)));
        byte[] server = concat(ascii(prefixes[r.nextInt(prefixes.length)]), randomBytes(r, r.nextInt(3000)));
        for (String service : SERVICES) {
            assertThatCode(() -> {
                JobInfo info = reader.read(Flows.flow(client, server, r.nextInt(client.length + 1)), service);
                if (info != null) {
                    info.describe();
                }
            }).as("seed %d service %s", seed, service).doesNotThrowAnyException();
        }
    }

    private static byte[] randomBytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** Random truncation, bit flips, byte runs overwritten with protocol-ish bytes. */
    private static byte[] mangle(byte[] original, SplittableRandom r) {
        byte[] b = r.nextInt(3) == 0 ? Arrays.copyOf(original, r.nextInt(original.length + 1)) : original.clone();
        int flips = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(40);
        for (int i = 0; i < flips && b.length > 0; i++) {
            int at = r.nextInt(b.length);
            b[at] ^= (byte) (1 << r.nextInt(8));
        }
        byte[] specials = {0, '\n', '\r', '"', '(', ')', '\\', '=', 0x1b, (byte) 0xff, 0x03, '<', '>', '%', ' '};
        int overwrites = r.nextInt(10);
        for (int i = 0; i < overwrites && b.length > 0; i++) {
            b[r.nextInt(b.length)] = specials[r.nextInt(specials.length)];
        }
        return b;
    }

    /** The sample of {@code stream} with a few random ranges never captured. */
    private static ByteStreamSample gapped(byte[] stream, int head, int tail, SplittableRandom r) {
        StreamAssembler a = new StreamAssembler(head, tail);
        for (int off = 0; off < stream.length; off += 1000) {
            int n = Math.min(1000, stream.length - off);
            if (r.nextInt(15) != 0) {
                int kept = r.nextInt(20) == 0 ? r.nextInt(n + 1) : n; // sometimes a snaplen cut
                a.add(off, stream, off, kept, n);
            }
        }
        return a.sample();
    }
}
