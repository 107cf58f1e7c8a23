package io.ackwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JSON and JUnit reports rendered in chunks on several threads are the reports rendered on one, byte for
 * byte, and a failure on a rendering thread or of the stream comes out of {@code write} as it does on one
 * thread, without hanging.
 */
class ParallelReportTest {
    private static final Duration NO_HANG = Duration.ofSeconds(60);

    enum Format {
        JSON {
            @Override
            ReportWriter writer(int threads, int flowsPerChunk) {
                return new JsonReportWriter(ReportOptions.defaults(), threads, flowsPerChunk);
            }
        },
        JUNIT {
            @Override
            ReportWriter writer(int threads, int flowsPerChunk) {
                return new JunitReportWriter(ReportOptions.defaults(), threads, flowsPerChunk);
            }
        };

        abstract ReportWriter writer(int threads, int flowsPerChunk);

        byte[] write(Report r, int threads, int flowsPerChunk) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writer(threads, flowsPerChunk).write(r, out);
            return out.toByteArray();
        }
    }

    @Test
    void theReportHasThousandsOfConnectionsForSeveralChunks() {
        CaptureResult many = ManyFlows.many();
        assertThat(many.flows()).hasSizeGreaterThan(4 * JsonReportWriter.FLOWS_PER_CHUNK)
                .hasSizeGreaterThan(4 * JunitReportWriter.FLOWS_PER_CHUNK);
        assertThat(many.flows().stream().filter(v -> !v.findings().isEmpty()).count()).isPositive();
        assertThat(many.flows().stream().filter(v -> v.job() != null).count()).isPositive();
        assertThat(many.printers().stream().mapToInt(p -> p.timeline().size()).max().orElse(0))
                .isGreaterThan(8 * 7);
    }

    @ParameterizedTest(name = "{0}, {1} threads, {2} connections per chunk")
    @CsvSource({"JSON, 2, 256", "JSON, 4, 256", "JSON, 3, 7", "JSON, 2, 1",
            "JUNIT, 2, 256", "JUNIT, 4, 256", "JUNIT, 3, 7", "JUNIT, 2, 1"})
    void severalThreadsWriteTheBytesOfOne(Format format, int threads, int flowsPerChunk) throws IOException {
        Report r = ManyFlows.report();
        byte[] serial = format.write(r, 1, 256);
        assertThat(serial.length).isGreaterThan(1 << 20);
        byte[] parallel = assertTimeoutPreemptively(NO_HANG, () -> format.write(r, threads, flowsPerChunk));
        assertThat(parallel).isEqualTo(serial);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"JSON, report.json", "JUNIT, report.xml"})
    void theGoldenReportInChunksOfOneConnection(Format format, String golden) throws IOException {
        byte[] expected = Files.readAllBytes(Path.of("src/test/resources/io/ackwatch/report/golden", golden));
        assertThat(format.write(ReportFixtures.report(), 3, 1)).isEqualTo(expected);
    }

    /** A finding without a severity cannot be rendered: the writer's NullPointerException, on any thread. */
    @ParameterizedTest(name = "{0}, {1} threads")
    @CsvSource({"JSON, 1", "JSON, 2", "JSON, 4", "JUNIT, 1", "JUNIT, 2", "JUNIT, 4"})
    void aFailureWhileRenderingComesOutOfWrite(Format format, int threads) {
        Report broken = ManyFlows.withUnrenderableFlow();
        assertTimeoutPreemptively(NO_HANG, () -> assertThatThrownBy(() -> format.write(broken, threads, 64))
                .isInstanceOf(NullPointerException.class));
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @CsvSource({"JSON, 1", "JSON, 2", "JSON, 4", "JUNIT, 1", "JUNIT, 2", "JUNIT, 4"})
    void aFailureOfTheStreamComesOutOfWrite(Format format, int threads) {
        IOException full = new IOException("No space left on device");
        OutputStream fillsUp = new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 1 << 20) {
                    throw full;
                }
            }
        };
        Report r = ManyFlows.report();
        // the XML writer wraps what fails under it, as it always has: the stream's own exception is the cause
        assertTimeoutPreemptively(NO_HANG, () -> assertThatThrownBy(
                () -> format.writer(threads, 16).write(r, fillsUp)).isInstanceOf(IOException.class)
                .satisfies(thrown -> assertThat(thrown == full || thrown.getCause() != null
                        && thrown.getCause().getCause() == full).as("%s", thrown).isTrue()));
    }
}
