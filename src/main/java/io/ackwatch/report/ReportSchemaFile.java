package io.ackwatch.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The JSON report's schema, shipped inside the jar beside the writer that follows it, so that a report's
 * {@code "schema_id"} ({@link JsonReportWriter#SCHEMA_ID}, the schema's {@code $id}) can always be looked up
 * ({@code ackwatch schema}) without the source tree.
 */
public final class ReportSchemaFile {
    private static final String RESOURCE = "ackwatch-report-1.schema.json";

    private ReportSchemaFile() {}

    /** The schema's bytes (UTF-8 JSON); the caller closes the stream. */
    public static InputStream open() throws IOException {
        InputStream in = ReportSchemaFile.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IOException("the report schema " + RESOURCE + " is missing from this build of ackwatch");
        }
        return in;
    }

    /** Copies the schema to {@code out}. */
    public static void copyTo(OutputStream out) throws IOException {
        try (InputStream in = open()) {
            in.transferTo(out);
        }
    }
}
