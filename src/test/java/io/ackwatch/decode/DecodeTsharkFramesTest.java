package io.ackwatch.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.capture.CaptureException;
import io.ackwatch.capture.CaptureFiles;
import io.ackwatch.capture.CaptureReader;
import io.ackwatch.capture.PacketRecord;
import io.ackwatch.testsupport.Corpus;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-built and mutated frames (test resources {@code tshark/}) against what tshark 4.0.17 said about
 * them: the edge cases the corpus does not reach, each expectation taken from tshark, not from ackwatch.
 */
class DecodeTsharkFramesTest {

    static Stream<Path> captures() throws IOException, URISyntaxException {
        Path dir = Path.of(DecodeTsharkFramesTest.class.getResource("tshark").toURI());
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted()
                    .forEach(files::add);
        }
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void decoderAgreesWithTshark(Path capture) throws CaptureException {
        List<Map<String, String>> expected = Corpus.readTsv(capture.resolveSibling(capture.getFileName() + ".frames.tsv"));
        PacketDecoder decoder = new PacketDecoder();
        TcpSegment segment = new TcpSegment();
        PacketRecord record = new PacketRecord();
        List<String> mismatches = new ArrayList<>();
        int index = 0;
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            while (reader.next(record)) {
                assertThat(index).as("more frames than tshark read").isLessThan(expected.size());
                Map<String, String> want = expected.get(index++);
                String problem = DecodeCorpusTest.compare(ExpectedFrame.of(want), decoder.decode(record, segment), segment);
                if (problem != null) {
                    mismatches.add(capture.getFileName() + " frame " + want.get("frame") + ": " + problem);
                }
            }
        }
        assertThat(index).as("frames read").isEqualTo(expected.size());
        assertThat(mismatches).isEmpty();
    }
}
