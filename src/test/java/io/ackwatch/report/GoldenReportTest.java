package io.ackwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.analysis.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden-file tests: every format, written from {@link ReportFixtures#report()}, must equal the file under
 * {@code src/test/resources/io/ackwatch/report/golden/}. The golden files are the specification of the output;
 * review a changed one by eye before committing it.
 *
 * <p>README: to regenerate them after an intended change, run
 * {@code mvn -o test -Dtest=GoldenReportTest -Dackwatch.updateGolden=true}, then {@code git diff} the folder.
 * With that property set the test rewrites the files and still fails, so that a regenerated run is never
 * mistaken for a passing one.
 */
class GoldenReportTest {
    private static final Path GOLDEN = Path.of("src/test/resources/io/ackwatch/report/golden");

    static Stream<Arguments> formats() {
        ReportOptions defaults = ReportOptions.defaults();
        ReportOptions verbose = new ReportOptions(Severity.FAILURE, true, false);
        ReportOptions warnings = new ReportOptions(Severity.WARNING, false, false);
        return Stream.of(
                Arguments.of("report.txt", (Function<ReportOptions, ReportWriter>) TextReportWriter::new, defaults),
                Arguments.of("report-verbose.txt", (Function<ReportOptions, ReportWriter>) TextReportWriter::new,
                        verbose),
                Arguments.of("report.json", (Function<ReportOptions, ReportWriter>) JsonReportWriter::new, defaults),
                Arguments.of("report.xml", (Function<ReportOptions, ReportWriter>) JunitReportWriter::new, defaults),
                Arguments.of("report-fail-on-warning.xml",
                        (Function<ReportOptions, ReportWriter>) JunitReportWriter::new, warnings),
                Arguments.of("report.md", (Function<ReportOptions, ReportWriter>) MarkdownReportWriter::new, defaults),
                Arguments.of("report-verbose.md", (Function<ReportOptions, ReportWriter>) MarkdownReportWriter::new,
                        verbose));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void matchesGoldenFile(String name, Function<ReportOptions, ReportWriter> writer, ReportOptions options)
            throws IOException {
        String actual = render(writer.apply(options));
        Path golden = GOLDEN.resolve(name);
        if (Boolean.getBoolean("ackwatch.updateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            throw new AssertionError("rewrote " + golden + "; review it by eye and run again without"
                    + " -Dackwatch.updateGolden");
        }
        assertThat(golden).as("golden file (create it with -Dackwatch.updateGolden=true)").exists();
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} twice")
    @MethodSource("formats")
    void isDeterministic(String name, Function<ReportOptions, ReportWriter> writer, ReportOptions options)
            throws IOException {
        assertThat(render(writer.apply(options))).isEqualTo(render(writer.apply(options)));
    }

    static String render(ReportWriter writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(ReportFixtures.report(), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
