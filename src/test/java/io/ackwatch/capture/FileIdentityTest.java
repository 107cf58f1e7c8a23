package io.ackwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reader hashes the raw file bytes as it reads them: the identity is that of the whole file on disk, also
 * when reading stopped at damage before the end (the rest is hashed then), and of the compressed bytes for a
 * gzip or zstd file; and each SHA-256 engine gives what sha256sum gives.
 */
class FileIdentityTest {
    private static final Path SEED = Path.of("testdata/printer-stops-acking.pcap");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void wholeFileIsHashedWhenReadToTheEnd(Compression compression) throws Exception {
        byte[] onDisk = seedAs(compression);
        Path file = Files.write(tmp.resolve("c.pcap"), onDisk);
        assertThat(readAll(file)).isEqualTo(new FileIdentity(onDisk.length, sha256(onDisk)));
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void damageBeforeTheEndStillGivesTheHashOfTheWholeFile(Compression compression) throws Exception {
        byte[] plain = Files.readAllBytes(SEED);
        // a record length of 0x7fffffff after the second packet stops the reader early
        byte[] damaged = plain.clone();
        int second = 24 + 16 + littleEndian(plain, 24 + 8);
        Arrays.fill(damaged, second + 8, second + 12, (byte) 0x7f);
        byte[] onDisk = compression == Compression.NONE ? damaged : Compressed.compress(damaged, compression);
        // a plain file also gets a tail of zeros the reader never reaches (zstd would call them a bad frame)
        byte[] withTail = compression == Compression.NONE ? Arrays.copyOf(onDisk, onDisk.length + 100_000) : onDisk;
        Path file = Files.write(tmp.resolve("d.pcap"), withTail);
        try (CaptureReader reader = CaptureFiles.open(file)) {
            PacketRecord r = new PacketRecord();
            assertThatThrownBy(() -> {
                while (reader.next(r)) {
                    // read until the damage
                }
            }).isInstanceOf(CaptureException.class);
            assertThat(reader.identity()).isEqualTo(new FileIdentity(withTail.length, sha256(withTail)));
        }
    }

    /**
     * The hashing runs on a thread of its own; a reader closed before anyone asked for the identity (a batch that
     * stopped at an error), or a folder scan's look at a compressed file, must not leave it waiting for bytes.
     */
    @ParameterizedTest
    @EnumSource(Compression.class)
    void aReaderClosedWithoutItsIdentityStopsItsHashingThread(Compression compression) throws Exception {
        Path file = Files.write(tmp.resolve("e.pcap"), seedAs(compression));
        long before = hashingThreads();
        assertThat(CaptureFiles.sniff(file)).as("a folder scan's look at the file").isPresent();
        try (CaptureReader reader = CaptureFiles.open(file)) {
            assertThat(reader.next(new PacketRecord())).isTrue();
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (hashingThreads() > before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(hashingThreads()).as("hashing threads left running").isLessThanOrEqualTo(before);
    }

    /** The seed capture's bytes as a file compressed so would hold them. */
    private static byte[] seedAs(Compression compression) throws Exception {
        byte[] plain = Files.readAllBytes(SEED);
        return compression == Compression.NONE ? plain : Compressed.compress(plain, compression);
    }

    private static long hashingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("ackwatch-sha256") && t.isAlive()).count();
    }

    /** Larger than a few of FileDigest's chunks, so that chunk borders are crossed. */
    private static final Path LARGER = Path.of("testdata/captures/s01-healthy-middle.pcap");

    static Stream<Arguments> enginesAndFiles() {
        return Arrays.stream(Sha256Engine.values()).flatMap(engine -> Arrays.stream(Compression.values())
                .flatMap(c -> Stream.of(Arguments.of(engine, c, false), Arguments.of(engine, c, true))));
    }

    @ParameterizedTest(name = "{0} {1} cut={2}")
    @MethodSource("enginesAndFiles")
    void everyEngineAgreesWithSha256sum(Sha256Engine engine, Compression compression, boolean cut) throws Exception {
        assumeTrue(engine.available(), engine + " is not available on this machine (the JDK's engine always is)");
        byte[] whole = Files.readAllBytes(LARGER);
        // a capture cut in the middle of a record ends in damage; compressed after the cut, as a capture
        // written straight into gzip or zstd and cut short would decompress
        byte[] plain = cut ? Arrays.copyOf(whole, whole.length / 2 + 11) : whole;
        byte[] written = compression == Compression.NONE ? plain : Compressed.compress(plain, compression);
        Path file = Files.write(tmp.resolve("e.pcap"), written);
        try (CaptureReader reader = CaptureFiles.open(file, engine)) {
            PacketRecord r = new PacketRecord();
            boolean damaged = false;
            try {
                while (reader.next(r)) {
                    // every record
                }
            } catch (CaptureException e) {
                damaged = true;
            }
            assertThat(damaged).isEqualTo(cut);
            assertThat(reader.identity()).isEqualTo(new FileIdentity(written.length, sha256sum(file)));
        }
    }

    @Test
    void aMissingLibcryptoIsReportedAtDebugLevelOnly() {
        Logger logger = (Logger) LoggerFactory.getLogger(OpenSslSha256.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        Level was = logger.getLevel();
        logger.setLevel(Level.TRACE);
        try {
            assertThat(OpenSslSha256.bind("/nonexistent/libcrypto.so.3", "libcrypto-missing.so.9")).isFalse();
        } finally {
            logger.detachAppender(events);
            logger.setLevel(was);
        }
        assertThat(events.list).hasSize(2).allMatch(e -> e.getLevel() == Level.DEBUG);
    }

    /** The digest as sha256sum, the tool vendors check it with, prints it. */
    private static String sha256sum(Path file) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "sha256sum is not installed (coreutils)");
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(p.waitFor()).as(out).isZero();
        return out.substring(0, 64);
    }

    private static FileIdentity readAll(Path file) throws Exception {
        try (CaptureReader reader = CaptureFiles.open(file)) {
            PacketRecord r = new PacketRecord();
            while (reader.next(r)) {
                // every record
            }
            return reader.identity();
        }
    }

    private static int littleEndian(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
