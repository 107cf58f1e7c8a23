package io.ackwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.ackwatch.capture.CaptureException;
import io.ackwatch.capture.CaptureFiles;
import io.ackwatch.capture.CaptureReader;
import io.ackwatch.capture.PacketRecord;
import io.ackwatch.report.JsonReportWriter;
import io.ackwatch.report.ReportOptions;
import io.ackwatch.testsupport.Corpus;
import io.ackwatch.testsupport.ReportSchema;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded, reproducible damage to real captures: bit flips, truncation at random offsets, corrupted length
 * fields and block types. Whatever the damage, the analysis returns a result (no exception escapes, nothing
 * hangs), the report stays schema-valid, a truncated file keeps exactly the frames before the cut, and an
 * error is one line that names the file. A failing seed is rerun alone by its number in the test name.
 */
class DamagedCaptureFuzzTest {
    private static final int SEEDS = Integer.getInteger("ackwatch.fuzzSeeds", 300);
    private static final List<String> SOURCES = List.of(
            "files/zeek__zeek/ssh-dups.pcap",
            "files/zeek__zeek/retransmit-timeout.pcapng",
            "files/seladb__PcapPlusPlus/pcapng-example.pcapng",
            "files/hadrielk__pcapng-test-generator/output_be__advanced__test100.pcapng",
            "files/hadrielk__pcapng-test-generator/output_le__difficult__test202.pcapng",
            "files/seladb__PcapPlusPlus/nanosecs_big_endian.pcap",
            "files/rusticata__pcap-parser/modified-format.pcap",
            "files/zeek__zeek/iso-download.pcap.gz",
            "files/arkime__arkime/tcp_handshake_synthetic.pcap",
            "files/seladb__PcapPlusPlus/sll2.pcap");

    enum Damage { FLIP_BITS, TRUNCATE, LENGTH_FIELD, BLOCK_TYPE, ZERO_RUN }

    static Stream<Integer> seeds() {
        return IntStream.range(0, SEEDS).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void damagedCaptureYieldsAReportNotAnException(int seed, @TempDir Path tmp) throws IOException {
        Path corpus = Corpus.assumeCorpus();
        SplittableRandom random = new SplittableRandom(seed);
        Path source = corpus.resolve(SOURCES.get(random.nextInt(SOURCES.size())));
        byte[] original = Files.readAllBytes(source);
        Damage damage = Damage.values()[random.nextInt(Damage.values().length)];
        byte[] damaged = damage(original, damage, random);
        Path file = tmp.resolve("damaged-" + seed + "-" + source.getFileName());
        Files.write(file, damaged);

        CaptureResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new CaptureAnalyzer(
                AnalysisSettings.defaults().withAllFlows(true)).analyze(file, file.toString(), ProgressListener.NONE),
                () -> "seed " + seed + " (" + damage + " of " + source.getFileName() + ") hung");

        if (result.error() != null) {
            assertThat(result.error().message()).as("seed %d", seed).contains(file.toString()).doesNotContain("\n");
            assertThat(result.error().fatal()).isEqualTo(result.packets() == 0);
        }
        if (damage == Damage.TRUNCATE && source.toString().endsWith(".pcap")) {
            assertThat(result.packets()).as("seed %d: frames before the cut", seed)
                    .isEqualTo(framesWithin(source, damaged.length));
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new JsonReportWriter(ReportOptions.defaults()).write(new Report("test", List.of(result)), json);
        assertThat(ReportSchema.problems(json.toString(StandardCharsets.UTF_8))).as("seed %d: schema", seed).isEmpty();
    }

    private static byte[] damage(byte[] data, Damage damage, SplittableRandom random) {
        byte[] d = data.clone();
        switch (damage) {
            case FLIP_BITS -> {
                int flips = 1 + random.nextInt(16);
                for (int i = 0; i < flips; i++) {
                    int at = random.nextInt(d.length);
                    d[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case TRUNCATE -> d = java.util.Arrays.copyOf(d, random.nextInt(d.length));
            case LENGTH_FIELD -> {
                // a 32-bit field somewhere past the file header set to an extreme or odd value
                int at = Math.min(d.length - 4, 24 + random.nextInt(Math.max(1, d.length - 28)));
                int[] values = {0, 1, 3, 0x7FFFFFFF, 0xFFFFFFFF, 0x10000, 65535 + random.nextInt(1000)};
                int v = values[random.nextInt(values.length)];
                d[at] = (byte) v;
                d[at + 1] = (byte) (v >>> 8);
                d[at + 2] = (byte) (v >>> 16);
                d[at + 3] = (byte) (v >>> 24);
            }
            case BLOCK_TYPE -> {
                int at = Math.min(d.length - 4, random.nextInt(d.length));
                at -= at % 4;
                int[] types = {0x0A0D0D0A, 0x00000001, 0x00000006, 0x00000003, 0x00000BAD, 0x40000BAD, 0x80000000};
                int v = types[random.nextInt(types.length)];
                for (int k = 0; k < 4; k++) {
                    d[at + k] = (byte) (v >>> (8 * k));
                }
            }
            case ZERO_RUN -> {
                int at = random.nextInt(d.length);
                int len = Math.min(d.length - at, 1 + random.nextInt(64));
                java.util.Arrays.fill(d, at, at + len, (byte) 0);
            }
        }
        return d;
    }

    /** Frames of the intact file whose whole record lies before {@code cut}. */
    private static long framesWithin(Path source, long cut) throws IOException {
        List<Long> ends = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(source)) {
            PacketRecord r = new PacketRecord();
            long previousStart = -1;
            while (reader.next(r)) {
                ends.add(r.fileOffset());
                previousStart = r.fileOffset();
            }
            ends.add(Files.size(source));
            assertThat(previousStart).isGreaterThanOrEqualTo(-1);
        } catch (CaptureException e) {
            throw new IOException(e);
        }
        // in a classic pcap, records lie back to back: record i spans [start_i, start_{i+1})
        long n = 0;
        for (int i = 0; i + 1 < ends.size(); i++) {
            if (ends.get(i + 1) <= cut) {
                n++;
            }
        }
        return n;
    }
}
