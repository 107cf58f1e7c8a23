package io.ackwatch.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The report contract in the shared folder, for tests that validate what ackwatch writes. */
public final class ReportSchema {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema schema;

    private ReportSchema() {}

    /** The schema file, whether or not it exists. */
    public static Path file() {
        return Corpus.sharedDir().resolve("schema/ackwatch-report-1.schema.json");
    }

    /** Validation problems of a JSON document (empty when valid); skips the test when the schema is absent. */
    public static List<String> problems(String json) {
        try {
            return load().validate(MAPPER.readTree(json)).stream().map(ValidationMessage::toString).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized JsonSchema load() throws IOException {
        if (schema == null) {
            Path f = file();
            assumeTrue(Files.isRegularFile(f), "report schema not found at " + f + "; schema check skipped");
            // the schema's $id is relative ("ackwatch-report/1"); it resolves against the file's own URI
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(f.toAbsolutePath().toUri(), MAPPER.readTree(f.toFile()));
        }
        return schema;
    }
}
