package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A folder analyzed with several files in parallel gives the same report, byte for byte, as one file at a time:
 * CI diffs reports between runs, and the golden files above are made one capture at a time.
 */
class ParallelRunDeterminismTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "json", "junit", "markdown", "html"})
    void parallelAndSequentialReportsAreIdentical(String format) {
        Testdata.assumePresent();
        CliRun sequential = CliRun.of("analyze", "--jobs", "1", "--format", format, "--color", "never", "testdata/");
        CliRun parallel = CliRun.of("analyze", "--jobs", "4", "--format", format, "--color", "never", "testdata/");

        assertThat(sequential.exitCode()).as(sequential.describe()).isEqualTo(1);
        assertThat(parallel.exitCode()).as(parallel.describe()).isEqualTo(1);
        assertThat(GoldenFile.firstDifference(sequential.out(), parallel.out()))
                .as("--jobs 4 vs --jobs 1 (" + format + ")").isNull();
    }
}
