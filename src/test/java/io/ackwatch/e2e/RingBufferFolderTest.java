package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder as a live ring buffer leaves it (dumpcap {@code -b} names, testdata captures as its files): the ring's
 * files are one capture set, whose newest file, cut short while being written, is a warning, as is a 0-byte file;
 * README's CI step ({@code || [ $? -eq 1 ]}) passes on it; a capture cut short elsewhere, or one that cannot be
 * read at all, stays an error.
 */
class RingBufferFolderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void anEmptyFileAndTheNewestFileBeingWrittenAreWarnings() throws IOException {
        Testdata.assumePresent();
        Path ring = Files.createDirectories(tmp.resolve("ring"));
        // the seed's packets come before s01's: the set's order by time is the rotation order
        copy("printer-stops-acking.pcap", ring.resolve("ring_00001_20261207010000.pcap"), 1);
        byte[] second = Files.readAllBytes(Testdata.ROOT.resolve("captures/s01-healthy-client-cli1.pcap"));
        Path newest = ring.resolve("ring_00002_20261207010500.pcap");
        Files.write(newest, Arrays.copyOf(second, second.length - 30));
        Path empty = Files.createFile(tmp.resolve("ring").resolve("other_00001_20261207010000.pcapng"));

        CliRun run = CliRun.of("analyze", "--format", "json", ring.toString());
        assertThat(run.exitCode()).as("findings, nothing unreadable: " + run.describe()).isEqualTo(1);
        Map<String, JsonNode> byFile = byFile(run);
        JsonNode set = byFile.get(ring.resolve("ring_*.pcap").toString());
        assertThat(set).as(byFile.keySet().toString()).isNotNull();
        assertThat(set.get("error").isNull()).as(set.toString()).isTrue();
        assertThat(set.get("set_files")).hasSize(2);
        assertThat(set.get("warnings").toString()).contains(newest.getFileName().toString())
                .contains("ring buffer's file still being written").contains("the frames before were analyzed");
        assertThat(set.get("flows").size()).isPositive();
        JsonNode nothing = byFile.get(empty.toString());
        assertThat(nothing.get("error").isNull()).isTrue();
        assertThat(nothing.get("warnings").toString()).contains("the file is empty (0 bytes)");
        assertThat(run.err()).contains("(2 with warnings)");
    }

    @Test
    void aCaptureCutShortOutsideARingStaysAnErrorAndInsideItsFollowersAreStillRead() throws IOException {
        Testdata.assumePresent();
        byte[] seed = Files.readAllBytes(Testdata.SEED);
        Path ring = Files.createDirectories(tmp.resolve("ring"));
        Path older = ring.resolve("ring_00001_20261207010000.pcap");
        Files.write(older, Arrays.copyOf(seed, seed.length - 30));
        copy("captures/s01-healthy-client-cli1.pcap", ring.resolve("ring_00002_20261207010500.pcap"), 2);
        Path alone = Files.write(tmp.resolve("alone.pcap"), Arrays.copyOf(seed, seed.length - 30));

        CliRun run = CliRun.of("analyze", "--format", "json", ring.toString(), alone.toString());
        Map<String, JsonNode> byFile = byFile(run);
        JsonNode set = byFile.get(ring.resolve("ring_*.pcap").toString());
        assertThat(set.get("error").isNull()).as(set.toString()).isTrue();
        assertThat(set.get("warnings").toString()).contains(older.getFileName().toString())
                .contains("reading went on with the next file");
        assertThat(byFile.get(alone.toString()).at("/error/kind").asText()).isEqualTo("truncated");
    }

    @Test
    void readmeCiStepPassesOnAFolderWithAnEmptyFileAndFailsOnAnUnreadableOne() throws Exception {
        Testdata.assumePresent();
        Path folder = Files.createDirectories(tmp.resolve("captures"));
        copy("printer-stops-acking.pcap", folder.resolve("a.pcap"), 1);
        Files.createFile(folder.resolve("b.pcapng"));
        assertThat(ciStep(folder)).as("0-byte file beside a capture with failures").isZero();
        Files.writeString(folder.resolve("c.pcap"), "not a capture\n");
        assertThat(ciStep(folder)).as("a file that cannot be read at all still fails the step").isNotZero();
    }

    /** README's step, {@code ACKWATCH ... || [ $? -eq 1 ]}, in bash, with this build's command line. */
    private int ciStep(Path folder) throws Exception {
        StringBuilder cmd = new StringBuilder();
        for (String word : io.ackwatch.testsupport.CliProcess.command(java.util.List.of(),
                System.getProperty("java.class.path"), java.util.List.of("analyze", "--format", "junit", "--output",
                        tmp.resolve("junit.xml").toString(), folder.toString()))) {
            cmd.append('\'').append(word.replace("'", "'\\''")).append("' ");
        }
        Process p = new ProcessBuilder("/bin/bash", "-c", cmd + "|| [ $? -eq 1 ]")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return io.ackwatch.testsupport.CliProcess.exitCode(p, 60, cmd);
    }

    private static Path copy(String testdata, Path to, long mtimeSeconds) throws IOException {
        Files.copy(Testdata.ROOT.resolve(testdata), to);
        Files.setLastModifiedTime(to, FileTime.fromMillis(1_000_000_000_000L + mtimeSeconds * 1000));
        return to;
    }

    private static Map<String, JsonNode> byFile(CliRun run) throws IOException {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode c : MAPPER.readTree(run.out()).get("captures")) {
            out.put(c.get("file").asText(), c);
        }
        return out;
    }
}
