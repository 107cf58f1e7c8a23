package io.ackwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.ackwatch.testsupport.Corpus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cut, empty, foreign, missing and unreadable files give the right {@link ErrorKind} and nothing else. */
class DamagedCaptureTest {
    private static final List<String> CUT_FILES = List.of("ssh-dups.pcap", "pptp.pcap", "nanosecs_big_endian.pcap",
            "modified-format.pcap", "output_le__difficult__test202.pcapng", "output_be__basic__test018.pcapng",
            "many_interfaces-1.pcapng", "output_le__basic__test010.pcapng", "get-to-ssh-server.pcap");

    @TempDir
    Path dir;

    /**
     * Where records and blocks end, found by a walk independent of the reader: a cut exactly there leaves a
     * valid shorter file; anywhere else it leaves a truncated one.
     */
    record Layout(TreeSet<Long> boundaries, List<Long> recordEnds) {
        static Layout of(byte[] f) {
            TreeSet<Long> boundaries = new TreeSet<>();
            List<Long> ends = new ArrayList<>();
            ByteBuffer b = ByteBuffer.wrap(f);
            int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
            if (magic == 0x0A0D0D0A) {
                long at = 0;
                while (at < f.length) {
                    int type = b.getInt((int) at);
                    if (type == 0x0A0D0D0A) {
                        b.order(b.order(ByteOrder.LITTLE_ENDIAN).getInt((int) at + 8) == 0x1A2B3C4D
                                ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                        type = b.getInt((int) at);
                    }
                    at += Integer.toUnsignedLong(b.getInt((int) at + 4));
                    boundaries.add(at);
                    if (type == 2 || type == 3 || type == 6 || type == 0xBAD || type == 0x40000BAD) {
                        ends.add(at);
                    }
                }
            } else {
                boolean le = magic == 0xa1b2c3d4 || magic == 0xa1b23c4d || magic == 0xa1b2cd34;
                b.order(le ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                int header = b.getInt(0) == 0xa1b2cd34 ? 24 : 16;
                long at = 24;
                boundaries.add(at);
                while (at < f.length) {
                    at += header + Integer.toUnsignedLong(b.getInt((int) at + 8));
                    boundaries.add(at);
                    ends.add(at);
                }
            }
            return new Layout(boundaries, ends);
        }

        long framesBefore(long cut) {
            return recordEnds.stream().filter(e -> e <= cut).count();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void cutFilesReturnTheWholeFramesBeforeTheCutThenTruncated(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int checked = 0;
        for (String name : CUT_FILES) {
            Path original = Corpus.capture(name).path();
            byte[] bytes = Files.readAllBytes(original);
            Layout layout = Layout.of(bytes);
            List<ReadAll.Frame> full = ReadAll.ok(original).frames();
            assertThat((long) full.size()).isEqualTo(layout.recordEnds().size());
            List<Long> cuts = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                cuts.add(1 + random.nextLong(bytes.length - 1));
            }
            for (int i = 0; i < 5; i++) { // right at, just before and just after a boundary
                long boundary = layout.boundaries().stream().skip(random.nextInt(layout.boundaries().size()))
                        .findFirst().orElseThrow();
                for (long c : new long[] {boundary - 1, boundary, boundary + 1}) {
                    if (c > 0 && c < bytes.length) {
                        cuts.add(c);
                    }
                }
            }
            for (long cut : cuts) {
                Path file = Files.write(dir.resolve("cut.bin"), java.util.Arrays.copyOf(bytes, (int) cut));
                ReadAll got = ReadAll.of(file);
                String where = name + " cut at " + cut;
                long want = layout.framesBefore(cut);
                assertThat((long) got.frames().size()).as(where).isEqualTo(want);
                for (int i = 0; i < got.frames().size(); i++) {
                    assertThat(got.frames().get(i).sameAs(full.get(i))).as(where + " frame " + (i + 1)).isTrue();
                }
                if (layout.boundaries().contains(cut)) {
                    assertThat(got.error()).as(where).isNull();
                } else {
                    assertThat(got.error()).as(where).isNotNull();
                    assertThat(got.error().kind()).as(got.error().getMessage()).isEqualTo(ErrorKind.TRUNCATED);
                    assertThat(got.error().afterFrame()).as(where).isEqualTo(want);
                    Long last = layout.boundaries().floor(cut);
                    assertThat(got.error().offset()).as(where).isEqualTo(last == null ? 0 : last);
                    assertThat(got.error().getMessage()).doesNotContain("\n").contains("truncated");
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(CUT_FILES.size() * 25);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void cutCompressedFilesEndWithTruncatedAfterAPrefixOfTheFrames(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        for (String name : List.of("206_example_a.pcap", "pcapng-example.pcapng")) {
            List<ReadAll.Frame> full = ReadAll.ok(Corpus.capture(name).path()).frames();
            for (Compression c : List.of(Compression.GZIP, Compression.ZSTD)) {
                byte[] packed = Compressed.compress(Files.readAllBytes(Corpus.capture(name).path()), c);
                for (int i = 0; i < 10; i++) {
                    int cut = 1 + random.nextInt(packed.length - 1);
                    ReadAll got = ReadAll.of(Files.write(dir.resolve("cut." + c.reportName()),
                            java.util.Arrays.copyOf(packed, cut)));
                    String where = name + "." + c.reportName() + " cut at " + cut;
                    assertThat(got.error()).as(where).isNotNull();
                    assertThat(got.error().kind()).as(where + ": " + got.error().getMessage())
                            .isIn(ErrorKind.TRUNCATED, cut < 4 ? ErrorKind.BAD_MAGIC : ErrorKind.TRUNCATED);
                    assertThat(got.frames().size()).as(where).isLessThan(full.size());
                    assertThat(got.error().afterFrame()).as(where).isEqualTo(got.frames().size());
                    for (int f = 0; f < got.frames().size(); f++) {
                        assertThat(got.frames().get(f).sameAs(full.get(f))).as(where).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void zeroLengthFileIsEmpty() throws IOException {
        ReadAll got = ReadAll.of(Files.write(dir.resolve("empty.pcap"), new byte[0]));
        assertThat(got.error().kind()).isEqualTo(ErrorKind.EMPTY);
        assertThat(got.error().getMessage()).contains("empty.pcap");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14})
    void randomBytesAreNotACapture(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] bytes = new byte[1 + random.nextInt(5000)];
        random.nextBytes(bytes);
        bytes[0] = 0x55; // no magic number starts with it
        Path file = Files.write(dir.resolve("random.cap"), bytes);
        ReadAll got = ReadAll.of(file);
        assertThat(got.error().kind()).isEqualTo(ErrorKind.BAD_MAGIC);
        assertThat(got.error().getMessage()).contains("random.cap").contains("editcap").doesNotContain("\n");
        assertThat(CaptureFiles.sniff(file)).isEmpty();
    }

    @Test
    void netmonCaptureIsNamed() throws IOException {
        Path file = Files.write(dir.resolve("trace.cap"), "GMBU\u0002\u0000rest of a network monitor file".getBytes());
        ReadAll got = ReadAll.of(file);
        assertThat(got.error().kind()).isEqualTo(ErrorKind.BAD_MAGIC);
        assertThat(got.error().getMessage()).contains("Network Monitor").contains("editcap");
    }

    @Test
    void aFewBytesOfAMagicNumberAreTruncatedOtherwiseBadMagic() throws IOException {
        assertThat(ReadAll.of(Files.write(dir.resolve("a"), new byte[] {(byte) 0xd4, (byte) 0xc3})).error().kind())
                .isEqualTo(ErrorKind.TRUNCATED);
        assertThat(ReadAll.of(Files.write(dir.resolve("b"), new byte[] {0x0a, 0x0d, 0x0d})).error().kind())
                .isEqualTo(ErrorKind.TRUNCATED);
        assertThat(ReadAll.of(Files.write(dir.resolve("c"), new byte[] {0x01, 0x02})).error().kind())
                .isEqualTo(ErrorKind.BAD_MAGIC);
    }

    @Test
    void missingFileIsNotFound() {
        ReadAll got = ReadAll.of(dir.resolve("no-such.pcap"));
        assertThat(got.error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(got.error().getMessage()).contains("no-such.pcap");
    }

    @Test
    void folderIsUnreadable() {
        ReadAll got = ReadAll.of(dir);
        assertThat(got.error().kind()).isEqualTo(ErrorKind.UNREADABLE);
        assertThat(got.error().getMessage()).contains("folder");
    }

    @Test
    void fileWithoutReadPermissionIsUnreadable() throws IOException {
        Path file = Files.write(dir.resolve("secret.pcap"), new byte[] {1, 2, 3, 4});
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        // root reads anything, so this can only be checked as an ordinary user
        assumeFalse(Files.isReadable(file), "running as root: permissions do not stop reading; skipped");
        assertThat(ReadAll.of(file).error().kind()).isEqualTo(ErrorKind.UNREADABLE);
    }

    @Test
    void sniffRecognisesCapturesByContentNotName() throws IOException {
        Path pcap = Files.copy(Corpus.capture("ssh-dups.pcap").path(), dir.resolve("looks-like.txt"));
        assertThat(CaptureFiles.sniff(pcap)).contains(new CaptureFiles.Detected(CaptureFormat.PCAP, Compression.NONE));
        Path zst = Corpus.capture("pcapng-example.pcapng.zst").path();
        assertThat(CaptureFiles.sniff(zst)).contains(new CaptureFiles.Detected(CaptureFormat.PCAPNG, Compression.ZSTD));
        Path gz = Corpus.capture("iso-download.pcap.gz").path();
        assertThat(CaptureFiles.sniff(gz)).contains(new CaptureFiles.Detected(CaptureFormat.PCAP, Compression.GZIP));
        assertThat(CaptureFiles.sniff(Corpus.capture("err-eof.bin").path())).isEmpty();
        assertThat(CaptureFiles.sniff(dir)).isEmpty();
        assertThat(CaptureFiles.sniff(dir.resolve("missing"))).isEmpty();
    }
}
