package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.testsupport.ReportSchema;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON report of every testdata capture, as the command line writes it, obeys the published schema. */
class JsonReportSchemaTest {

    static List<Path> captures() {
        return Testdata.captures();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void jsonOfEachCaptureValidates(Path capture) {
        Testdata.assumePresent();
        CliRun run = CliRun.of("analyze", "--format", "json", capture.toString());

        assertThat(run.exitCode()).as(run.describe()).isIn(0, 1);
        assertThat(ReportSchema.problems(run.out())).as("schema problems of " + run.describe()).isEmpty();
    }

    @Test
    void jsonOfTheWholeFolderValidates() {
        Testdata.assumePresent();
        CliRun run = CliRun.of("analyze", "--format", "json", Testdata.ROOT.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(ReportSchema.problems(run.out())).as("schema problems of " + run.describe()).isEmpty();
    }
}
