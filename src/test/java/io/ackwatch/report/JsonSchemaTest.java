package io.ackwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ackwatch.testsupport.ReportSchema;
import io.ackwatch.verdict.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON report against the published schema in ../shared (skipped when that folder is absent). */
class JsonSchemaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Schema problems of a document; skips the test when ../shared is absent. */
    private static List<String> problems(JsonNode doc) throws IOException {
        return ReportSchema.problems(MAPPER.writeValueAsString(doc));
    }

    private static JsonNode json(Report report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonReportWriter(ReportOptions.defaults()).write(report, out);
        return MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void fixtureReportIsValid() throws IOException {
        assertThat(problems(json(ReportFixtures.report()))).isEmpty();
    }

    @Test
    void emptyRunIsValid() throws IOException {
        JsonNode doc = json(new Report("0.1.0", List.of()));
        assertThat(problems(doc)).isEmpty();
        assertThat(doc.get("summary").get("captures").asInt()).isZero();
    }

    @Test
    void validatorRejectsABrokenDocument() throws IOException {
        // proves the schema is really applied: the same document with one wrong enum value must fail
        JsonNode doc = json(ReportFixtures.report());
        ((ObjectNode) doc.get("captures").get(0).get("flows").get(2)).put("verdict", "broken");
        assertThat(problems(doc)).isNotEmpty();
    }

    @Test
    void zstdCaptureOmitsCompressionAndNamesItSeparately() throws IOException {
        JsonNode zstd = json(ReportFixtures.report()).get("captures").get(4);
        assertThat(zstd.has("compression")).isFalse();
        assertThat(zstd.get("compressed_with").asText()).isEqualTo("zstd");
    }

    @Test
    void timestampsKeepTheCapturePrecision() throws IOException {
        JsonNode captures = json(ReportFixtures.report()).get("captures");
        assertThat(captures.get(0).get("start").asText()).isEqualTo("2026-11-23T08:15:02.123456Z");
        assertThat(captures.get(1).get("start").asText()).isEqualTo("2026-11-23T09:00:00.123456789Z");
        assertThat(captures.get(1).get("flows").get(0).get("client").asText()).isEqualTo("[2001:db8:10::25]:50123");
    }

    @Test
    void errorOmitsUnknownOffsetAndFrame() throws IOException {
        JsonNode error = json(ReportFixtures.report()).get("captures").get(3).get("error");
        assertThat(error.get("fatal").asBoolean()).isTrue();
        assertThat(error.get("offset").asLong()).isZero();
        assertThat(error.has("after_frame")).isFalse();
        assertThat(json(ReportFixtures.report()).get("captures").get(0).get("error").isNull()).isTrue();
    }

    @Test
    void printerFirstTimesAreNullWhenNothingWentWrong() throws IOException {
        JsonNode printer = json(ReportFixtures.report()).get("captures").get(2).get("printers").get(0);
        assertThat(printer.get("first_degraded").isNull()).isTrue();
        assertThat(printer.get("first_failed").isNull()).isTrue();
    }
}
