package io.ackwatch.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.ackwatch.report.ReportSchemaFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The report contract, for tests that validate what ackwatch writes: the project's own schema (shipped in the jar,
 * always there) and, when the shared folder is beside the project, the schema first published there, which the
 * project's extends only by adding.
 */
public final class ReportSchema {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema project;
    private static JsonSchema shared;
    private static boolean sharedLooked;

    private ReportSchema() {}

    /** The first published schema in the shared folder, whether or not it exists. */
    public static Path sharedFile() {
        return Corpus.sharedDir().resolve("schema/ackwatch-report-1.schema.json");
    }

    /** The project's schema as a tree. */
    public static JsonNode projectTree() {
        try (InputStream in = ReportSchemaFile.open()) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Validation problems of a JSON document against the project's schema and, when present, the shared one
     * (each problem of the latter prefixed "shared schema: "); empty when valid.
     */
    public static List<String> problems(String json) {
        try {
            JsonNode doc = MAPPER.readTree(json);
            List<String> out = new ArrayList<>();
            project().validate(doc).stream().map(ValidationMessage::toString).forEach(out::add);
            JsonSchema published = shared();
            if (published != null) {
                published.validate(doc).stream().map(m -> "shared schema: " + m).forEach(out::add);
            }
            out.sort(null);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized JsonSchema project() {
        if (project == null) {
            project = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(URI.create("https://schema.ackwatch.invalid/"), projectTree());
        }
        return project;
    }

    private static synchronized JsonSchema shared() throws IOException {
        if (!sharedLooked) {
            sharedLooked = true;
            Path f = sharedFile();
            if (Files.isRegularFile(f)) {
                shared = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(f.toAbsolutePath().toUri(), MAPPER.readTree(f.toFile()));
            }
        }
        return shared;
    }
}
