package io.ackwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.ackwatch.verdict.Report;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON report against the published schema in ../shared (skipped when that folder is absent). */
class JsonSchemaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        Path file = Path.of(System.getProperty("ackwatch.shared", "../shared"), "schema",
                "ackwatch-report-1.schema.json");
        assumeTrue(Files.isRegularFile(file), "schema not found at " + file + "; JSON schema tests skipped");
        // the schema's $id is relative ("ackwatch-report/1"); it resolves against the file's own URI
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(file.toAbsolutePath().toUri(), MAPPER.readTree(file.toFile()));
    }

    private static JsonNode json(Report report) throws IOException {
        StringWriter out = new StringWriter();
        new JsonReportWriter(ReportOptions.defaults()).write(report, out);
        return MAPPER.readTree(out.toString());
    }

    @Test
    void fixtureReportIsValid() throws IOException {
        Set<ValidationMessage> errors = schema.validate(json(ReportFixtures.report()));
        assertThat(errors).isEmpty();
    }

    @Test
    void emptyRunIsValid() throws IOException {
        JsonNode doc = json(new Report("0.1.0", List.of()));
        assertThat(schema.validate(doc)).isEmpty();
        assertThat(doc.get("summary").get("captures").asInt()).isZero();
    }

    @Test
    void validatorRejectsABrokenDocument() throws IOException {
        // proves the schema is really applied: the same document with one wrong enum value must fail
        JsonNode doc = json(ReportFixtures.report());
        ((ObjectNode) doc.get("captures").get(0).get("flows").get(2)).put("verdict", "broken");
        assertThat(schema.validate(doc)).isNotEmpty();
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
