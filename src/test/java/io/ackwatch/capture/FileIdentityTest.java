package io.ackwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reader hashes the raw file bytes as it reads them: the identity is that of the whole file on disk, also
 * when reading stopped at damage before the end (the rest is hashed then), and of the compressed bytes for a
 * gzip or zstd file.
 */
class FileIdentityTest {
    private static final Path SEED = Path.of("testdata/printer-stops-acking.pcap");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void wholeFileIsHashedWhenReadToTheEnd(Compression compression) throws Exception {
        byte[] plain = Files.readAllBytes(SEED);
        byte[] onDisk = compression == Compression.NONE ? plain : Compressed.compress(plain, compression);
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
