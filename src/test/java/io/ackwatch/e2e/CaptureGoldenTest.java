package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every report format, through the real command line, on every testdata capture:
 * {@code ackwatch analyze --format F --color never testdata/...} must print exactly
 * {@code src/test/resources/io/ackwatch/e2e/golden/<capture>.<ext>}. The golden files are the reviewed output;
 * a changed one is read by eye ({@code git diff}) before it is committed.
 *
 * <p><b>Regenerating</b> after an intended change (verdict tuning, wording, a new field), from the project root:
 * <pre>mvn -o test -Dtest='*Golden*' -Dackwatch.updateGolden=true</pre>
 * That rewrites every golden file and fails each test on purpose, so a regenerating run is never mistaken for a
 * passing one; run again without the property to see it green. The same property regenerates
 * {@code io.ackwatch.report.GoldenReportTest}'s files. On a mismatch the failure shows the first differing line
 * with its number, not the whole report. All end-to-end tests: {@code mvn -o test -Dtest='io.ackwatch.e2e.**'}
 * (with surefire 3.5 the single-star form {@code io.ackwatch.e2e.*} matches no test).
 *
 * <p>Captures are passed as {@code testdata/...} relative to the project root, so the paths printed in the
 * reports do not depend on the checkout location (checked below).
 */
class CaptureGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/io/ackwatch/e2e/golden");

    /** The command-line format name and the golden file extension. */
    enum Format {
        TEXT("text", "txt"), JSON("json", "json"), JUNIT("junit", "xml"), MARKDOWN("markdown", "md"),
        HTML("html", "html");

        final String option;
        final String extension;

        Format(String option, String extension) {
            this.option = option;
            this.extension = extension;
        }
    }

    static Stream<Arguments> capturesAndFormats() {
        return Testdata.captures().stream()
                .flatMap(capture -> Stream.of(Format.values()).map(format -> Arguments.of(capture, format)));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("capturesAndFormats")
    void reportMatchesGoldenFile(Path capture, Format format) throws IOException {
        Testdata.assumePresent();
        CliRun run = CliRun.of("analyze", "--format", format.option, "--color", "never", capture.toString());

        assertThat(run.exitCode()).as(run.describe()).isIn(0, 1);
        if (format == Format.TEXT) {
            assertThat(run.err()).as("stderr of " + run.describe()).isEmpty();
        } else {
            assertThat(run.err().lines().toList()).as("a report that is not text ends with the run's summary on stderr, "
                    + run.describe()).singleElement().asString().startsWith("ackwatch: 1 capture")
                    .endsWith(" Report: standard output.");
        }
        assertThat(run.out()).as("the capture is named as given on the command line")
                .contains(capture.toString())
                .doesNotContain(Path.of("").toAbsolutePath().toString());
        GoldenFile.assertMatches(GOLDEN.resolve(Testdata.name(capture) + "." + format.extension), run.out());
    }
}
