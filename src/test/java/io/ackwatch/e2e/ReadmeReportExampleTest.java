package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * README's report example (between the {@code REPORT-EXAMPLE} markers) is the seed capture's golden text report,
 * which {@link CaptureGoldenTest} checks against the real output: a change to the report shows up here too, and
 * the README is updated by pasting the regenerated golden file into the block.
 */
class ReadmeReportExampleTest {
    private static final String COMMAND = "$ ./ackwatch analyze " + Testdata.SEED + "\n";

    @Test
    void readmeShowsTheSeedCapturesGoldenReport() throws IOException {
        Testdata.assumePresent();
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("<!-- REPORT-EXAMPLE -->");
        int end = readme.indexOf("<!-- /REPORT-EXAMPLE -->");
        assertThat(start).as("REPORT-EXAMPLE markers in README.md").isNotNegative().isLessThan(end);
        String block = readme.substring(start, end);
        String golden = Files.readString(CaptureGoldenTest.GOLDEN.resolve(Testdata.name(Testdata.SEED) + ".txt"),
                StandardCharsets.UTF_8);

        assertThat(block).contains("```\n" + COMMAND + golden + "```\n");
    }

    /** README's onset example is s21's printer-port onset section as its golden text report has it. */
    @Test
    void readmeShowsTheOnsetSectionOfTheUrgentDataTriggerAsItsGoldenReport() throws IOException {
        Testdata.assumePresent();
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String golden = Files.readString(CaptureGoldenTest.GOLDEN.resolve("s21-trigger-urgent-printer-port.txt"),
                StandardCharsets.UTF_8);
        int start = golden.indexOf("    Onset at ");
        int end = golden.indexOf("\n\n", start);
        assertThat(start).as("onset section in the golden report").isNotNegative();
        assertThat(readme).contains("```\n" + golden.substring(start, end + 1) + "```\n");
    }
}
