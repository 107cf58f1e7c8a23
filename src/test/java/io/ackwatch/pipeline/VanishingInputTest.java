package io.ackwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.capture.ErrorKind;
import io.ackwatch.verdict.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capture found by the folder scan and deleted before its turn: said so, and the others still analyzed. */
class VanishingInputTest {
    private static final Path SEED = Path.of(System.getProperty("ackwatch.testdata", "testdata"))
            .resolve("printer-stops-acking.pcap");

    @Test
    void aCaptureRemovedAfterTheScanIsNamedAsGoneAndTheRestIsAnalyzed(@TempDir Path tmp) throws IOException {
        Files.copy(SEED, tmp.resolve("a-gone.pcap"));
        Files.copy(SEED, tmp.resolve("b-kept.pcap"));
        List<InputFile> inputs = InputScanner.scan(List.of(tmp));
        assertThat(inputs).extracting(InputFile::problem).containsOnlyNulls();
        Files.delete(tmp.resolve("a-gone.pcap"));

        Report report = new BatchAnalyzer(AnalysisSettings.defaults(), 2).run("test", inputs, BatchProgress.NONE);

        assertThat(report.captures().get(0).error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(report.captures().get(0).error().message())
                .isEqualTo(tmp.resolve("a-gone.pcap") + ": no longer exists (moved or deleted while ackwatch ran);"
                        + " skipped");
        assertThat(report.captures().get(1).error()).isNull();
        assertThat(report.captures().get(1).flows()).isNotEmpty();
    }

    @Test
    void controlCharactersInNamesAreEscapedAndOtherTextIsLeftAlone() {
        assertThat(InputFile.printable("plain ünï name.pcap")).isEqualTo("plain ünï name.pcap");
        assertThat(InputFile.printable("a\nb\tc\u001b[31md\u0085")).isEqualTo("a\\nb\\tc\\x1b[31md\\x85");
    }
}
