package io.ackwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ackwatch.testsupport.Corpus;
import io.ackwatch.testsupport.ReportSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder that mixes good captures with everything a disk can hold: a damaged capture, an empty one, a
 * non-capture with a capture's name, a file that is no capture at all, a dangling link and a symlink loop.
 * Every good capture's full result must be there (identical to analyzing it alone), every bad one must be
 * reported in its place, and the exit code must be 2.
 */
class BatchRobustnessTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> GOOD = List.of(
            "files/zeek__zeek/ssh-dups.pcap",
            "files/arkime__arkime/tcp_handshake_synthetic.pcap",
            "files/seladb__PcapPlusPlus/pcapng-example.pcapng",
            "files/zeek__zeek/iso-download.pcap.gz");

    @Test
    void badFilesAreReportedAndGoodResultsAreKept(@TempDir Path tmp) throws IOException {
        Path corpus = Corpus.assumeCorpus();
        Path dir = Files.createDirectories(tmp.resolve("captures"));
        Map<String, JsonNode> alone = new HashMap<>();
        for (String rel : GOOD) {
            Path copy = dir.resolve("good").resolve(Path.of(rel).getFileName());
            Files.createDirectories(copy.getParent());
            Files.copy(corpus.resolve(rel), copy);
            CommandLineRun single = CommandLineRun.of("analyze", "--all-flows", "--format", "json", copy.toString());
            alone.put(copy.toString(), MAPPER.readTree(single.out()).at("/captures/0"));
        }
        byte[] whole = Files.readAllBytes(corpus.resolve(GOOD.get(0)));
        Files.write(dir.resolve("cut-short.pcap"), Arrays.copyOf(whole, whole.length / 2 + 7));
        Files.write(dir.resolve("empty.pcap"), new byte[0]);
        Files.writeString(dir.resolve("notes.pcap"), "these are my notes, not a capture\n");
        Files.writeString(dir.resolve("readme.txt"), "not a capture and not named like one\n");
        Files.createSymbolicLink(dir.resolve("gone.pcapng"), dir.resolve("does-not-exist.pcapng"));
        Files.createSymbolicLink(dir.resolve("good").resolve("loop"), dir);

        CommandLineRun run = CommandLineRun.of("analyze", "--all-flows", "--format", "json", "--jobs", "3",
                dir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
        assertThat(ReportSchema.problems(run.out())).isEmpty();
        Map<String, JsonNode> byFile = new HashMap<>();
        for (JsonNode c : MAPPER.readTree(run.out()).get("captures")) {
            byFile.put(c.get("file").asText(), c);
        }
        alone.forEach((file, expected) -> assertThat(byFile.get(file)).as(file).isEqualTo(expected));
        assertThat(kind(byFile, dir.resolve("cut-short.pcap"))).isEqualTo("truncated");
        assertThat(byFile.get(dir.resolve("cut-short.pcap").toString()).at("/error/fatal").asBoolean()).isFalse();
        JsonNode empty = byFile.get(dir.resolve("empty.pcap").toString());
        assertThat(empty.get("error").isNull()).as("an empty file is no error: " + empty).isTrue();
        assertThat(empty.get("warnings").toString()).contains("the file is empty (0 bytes)");
        assertThat(kind(byFile, dir.resolve("notes.pcap"))).isEqualTo("bad-magic");
        assertThat(kind(byFile, dir.resolve("gone.pcapng"))).isEqualTo("not-found");
        assertThat(kind(byFile, dir.resolve("good").resolve("loop"))).isEqualTo("unreadable");
        assertThat(byFile).doesNotContainKey(dir.resolve("readme.txt").toString());
        assertThat(byFile).hasSize(GOOD.size() + 5);
    }

    @Test
    void resultsComeInTheSameOrderWhateverTheParallelism() throws IOException {
        Path corpus = Corpus.assumeCorpus();
        Path folder = corpus.resolve("files/zeek__zeek");
        String one = CommandLineRun.of("analyze", "--all-flows", "--format", "json", "--jobs", "1", folder.toString()).out();
        String four = CommandLineRun.of("analyze", "--all-flows", "--format", "json", "--jobs", "4", folder.toString()).out();
        assertThat(four).isEqualTo(one);
        assertThat(MAPPER.readTree(one).get("captures").size()).isGreaterThan(10);
    }

    private static String kind(Map<String, JsonNode> byFile, Path file) {
        JsonNode c = byFile.get(file.toString());
        assertThat(c).as("result for %s", file).isNotNull();
        return c.at("/error/kind").asText();
    }
}
