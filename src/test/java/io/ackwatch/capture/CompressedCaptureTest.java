package io.ackwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.testsupport.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A compressed capture reads exactly like the same capture uncompressed. */
class CompressedCaptureTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"206_example_b.pcap", "nanosecs_big_endian.pcap", "modified-format.pcap",
        "output_le__difficult__test202.pcapng", "gap-data-missing.pcapng", "pcapng-example.pcapng"})
    void gzipAndZstdGiveTheSameFrames(String name) throws IOException {
        byte[] plain = Files.readAllBytes(Corpus.capture(name).path());
        ReadAll want = ReadAll.ok(Corpus.capture(name).path());
        for (Compression c : List.of(Compression.GZIP, Compression.ZSTD)) {
            Path file = Files.write(dir.resolve("packed"), Compressed.compress(plain, c));
            assertSame(want, ReadAll.ok(file), c);
        }
        Path twoMembers = Files.write(dir.resolve("two.gz"), Compressed.gzipTwoMembers(plain, plain.length / 3));
        assertSame(want, ReadAll.ok(twoMembers), Compression.GZIP);
    }

    @Test
    void corpusZstdFileEqualsItsUncompressedTwin() {
        ReadAll zst = ReadAll.ok(Corpus.capture("pcapng-example.pcapng.zst").path());
        assertSame(ReadAll.ok(Corpus.capture("pcapng-example.pcapng").path()), zst, Compression.ZSTD);
    }

    @Test
    void progressCountsCompressedBytes() throws IOException {
        Path gz = Corpus.capture("iso-download.pcap.gz").path();
        try (CaptureReader reader = CaptureFiles.open(gz)) {
            PacketRecord r = new PacketRecord();
            while (reader.next(r)) {
                assertThat(reader.bytesConsumed()).isLessThanOrEqualTo(Files.size(gz));
            }
            assertThat(reader.bytesConsumed()).isEqualTo(Files.size(gz));
        }
    }

    @Test
    void damagedGzipDataIsCorrupt() throws IOException {
        byte[] packed = Compressed.compress(Files.readAllBytes(Corpus.capture("206_example_a.pcap").path()),
                Compression.GZIP);
        for (int i = packed.length / 2; i < packed.length / 2 + 64; i++) {
            packed[i] = (byte) ~packed[i];
        }
        ReadAll got = ReadAll.of(Files.write(dir.resolve("bad.gz"), packed));
        assertThat(got.error()).isNotNull();
        assertThat(got.error().kind()).as(got.error().getMessage()).isIn(ErrorKind.CORRUPT, ErrorKind.TRUNCATED);
        assertThat(got.error().getMessage()).doesNotContain("\n");
    }

    private static void assertSame(ReadAll want, ReadAll got, Compression c) {
        assertThat(got.compression()).isEqualTo(c);
        assertThat(got.format()).isEqualTo(want.format());
        assertThat(got.interfaces()).isEqualTo(want.interfaces());
        assertThat(got.frames()).hasSameSizeAs(want.frames());
        for (int i = 0; i < want.frames().size(); i++) {
            assertThat(got.frames().get(i).sameAs(want.frames().get(i))).as("frame %d", i + 1).isTrue();
            assertThat(got.frames().get(i).fileOffset()).isEqualTo(want.frames().get(i).fileOffset());
        }
    }
}
