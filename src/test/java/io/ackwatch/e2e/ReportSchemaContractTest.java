package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ackwatch.testsupport.ReportSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's schema (shipped in the jar, {@code ackwatch schema}) is the report's contract: it keeps every
 * promise of the schema first published in the shared folder, adding properties only, and it names every property
 * the JSON writer emits, so a new property cannot reach users undocumented.
 */
class ReportSchemaContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theProjectSchemaExtendsThePublishedOneOnlyByAdding() throws IOException {
        Path shared = ReportSchema.sharedFile();
        assumeTrue(Files.isRegularFile(shared), "the first published schema is not at " + shared
                + " (the shared folder beside the project); the extends-only check is skipped");
        List<String> changed = new ArrayList<>();
        JsonNode published = JSON.readTree(shared.toFile());
        JsonNode project = ReportSchema.projectTree();
        // the one deliberate change: the published relative $id became absolute and stable (issue 18); the
        // report's "schema" keeps the published name, and "schema_id" names the new $id
        assertThat(published.path("$id").asText()).isEqualTo(io.ackwatch.report.JsonReportWriter.SCHEMA);
        assertThat(project.path("$id").asText()).isEqualTo(io.ackwatch.report.JsonReportWriter.SCHEMA_ID);
        ((com.fasterxml.jackson.databind.node.ObjectNode) project).put("$id", published.path("$id").asText());
        keeps(published, project, "", changed);
        assertThat(changed).as("what the project schema changed or removed of the published one").isEmpty();
    }

    @Test
    void everyPropertyTheWriterEmitsIsNamedInTheProjectSchema() throws IOException {
        Testdata.assumePresent();
        Path key = Files.writeString(dir.resolve("key"), "a key for the schema contract test");
        byte[] seed = Files.readAllBytes(Testdata.SEED);
        Path cut = Files.write(dir.resolve("cut-mid-record.pcap"), java.util.Arrays.copyOf(seed, seed.length - 7));
        // a ring buffer's two files, read as one capture set, bring out the per-file frames
        Path ring = Files.createDirectories(dir.resolve("ring"));
        Files.copy(Testdata.SEED, ring.resolve("ring_00001_20261125223500.pcap"));
        Files.copy(Testdata.ROOT.resolve("captures/s02-seed-failure-client-cli1.pcap"),
                ring.resolve("ring_00002_20261125223600.pcap"));
        // --verbose, --all-flows, --extract, --privacy-key-file and a damaged file bring out the optional parts
        CliRun run = CliRun.of("analyze", "--format", "json", "--verbose", "--all-flows", "--extract",
                dir.resolve("evidence").toString(), "--privacy-key-file", key.toString(), Testdata.ROOT.toString(),
                cut.toString(), ring.toString());
        assertThat(run.exitCode()).as(run.describe()).isIn(1, 2);
        assertThat(ReportSchema.problems(run.out())).as("schema problems").isEmpty();
        JsonNode schema = ReportSchema.projectTree();
        Set<String> unnamed = new TreeSet<>();
        named(JSON.readTree(run.out()), schema, schema, "", unnamed);
        assertThat(unnamed).as("properties the JSON writer emits that the project schema does not name").isEmpty();
    }

    @Test
    void theSchemaCommandPrintsTheProjectSchema() throws IOException {
        CliRun run = CliRun.of("schema");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode printed = JSON.readTree(run.out());
        assertThat(printed).isEqualTo(ReportSchema.projectTree());
        assertThat(printed.path("$id").asText()).as("the id a report's \"schema_id\" property names")
                .isEqualTo(io.ackwatch.report.JsonReportWriter.SCHEMA_ID).startsWith("https://");
        Testdata.assumePresent();
        assertThat(JSON.readTree(CliRun.of("analyze", "--format", "json", "testdata/printer-stops-acking.pcap").out())
                .path("schema_id").asText()).isEqualTo(printed.path("$id").asText());
    }

    /** Records where {@code project} drops or changes what {@code published} says; descriptions may be reworded. */
    private static void keeps(JsonNode published, JsonNode project, String path, List<String> changed) {
        if (published.isObject()) {
            if (!project.isObject()) {
                changed.add(path + ": no longer an object");
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = published.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("description")) {
                    continue;
                }
                JsonNode mine = project.get(e.getKey());
                if (mine == null) {
                    changed.add(path + "/" + e.getKey() + ": removed");
                } else {
                    keeps(e.getValue(), mine, path + "/" + e.getKey(), changed);
                }
            }
        } else if (!published.equals(project)) {
            changed.add(path + ": " + published + " became " + project);
        }
    }

    /** Records every property of {@code doc} that {@code schema} (resolved within {@code root}) does not name. */
    private static void named(JsonNode doc, JsonNode schema, JsonNode root, String path, Set<String> unnamed) {
        JsonNode s = resolve(schema, root);
        if (doc.isArray()) {
            JsonNode items = s.get("items");
            for (JsonNode element : doc) {
                if (items != null) {
                    named(element, items, root, path + "[]", unnamed);
                } else {
                    unnamed.add(path + "[] (items not described)");
                }
            }
            return;
        }
        if (!doc.isObject()) {
            return;
        }
        List<JsonNode> alternatives = new ArrayList<>();
        for (String combinator : List.of("oneOf", "anyOf")) {
            s.path(combinator).forEach(a -> alternatives.add(resolve(a, root)));
        }
        if (alternatives.isEmpty()) {
            alternatives.add(s);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode described = null;
            for (JsonNode a : alternatives) {
                if (a.path("properties").has(field.getKey())) {
                    described = a.path("properties").get(field.getKey());
                    break;
                }
                if (a.path("additionalProperties").isObject()) {
                    described = a.get("additionalProperties");
                }
            }
            if (described == null) {
                unnamed.add(path + "/" + field.getKey());
            } else {
                named(field.getValue(), described, root, path + "/" + field.getKey(), unnamed);
            }
        }
    }

    private static JsonNode resolve(JsonNode schema, JsonNode root) {
        JsonNode s = schema;
        while (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            assertThat(ref).as("local reference").startsWith("#/");
            s = root.at(ref.substring(1));
        }
        return s;
    }
}
