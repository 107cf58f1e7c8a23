package io.ackwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.testsupport.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Randomly damaged captures: whatever the damage, reading ends (quickly) with records and at most a
 * {@link CaptureException} that names the file and fits on one line, never another exception.
 */
class MutatedCaptureTest {
    private static final List<String> FILES = List.of("ssh-dups.pcap", "pptp.pcap", "modified-format.pcap",
            "output_le__difficult__test202.pcapng", "output_be__advanced__test100.pcapng", "gap-data-missing.pcapng",
            "output_le__basic__test016.pcapng", "pcapgo__tests__le__test902.pcapng");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {101, 102, 103, 104, 105, 106})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void damagedFilesFailCleanly(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        int errors = 0;
        for (int round = 0; round < 60; round++) {
            String name = FILES.get(random.nextInt(FILES.size()));
            byte[] bytes = Files.readAllBytes(Corpus.capture(name).path());
            int damage = 1 + random.nextInt(8);
            for (int i = 0; i < damage; i++) {
                int at = random.nextInt(bytes.length);
                if (random.nextBoolean()) {
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                } else { // a whole random 32-bit field, e.g. a length
                    for (int k = at & ~3; k < Math.min(bytes.length, (at & ~3) + 4); k++) {
                        bytes[k] = (byte) random.nextInt(256);
                    }
                }
            }
            Path file = Files.write(dir.resolve("mutated-" + round + ".bin"), bytes);
            ReadAll got = ReadAll.of(file); // any exception other than CaptureException fails the test here
            if (got.error() != null) {
                errors++;
                assertThat(got.error().getMessage()).contains(file.toString()).doesNotContain("\n");
                assertThat(got.error().afterFrame()).isEqualTo(got.frames().size());
            }
            for (ReadAll.Frame f : got.frames()) {
                if (f.packet()) {
                    assertThat(f.capLen()).isBetween(0, StreamReader.MAX_CAPLEN);
                }
            }
        }
        assertThat(errors).as("some mutations must be detected").isPositive();
    }
}
