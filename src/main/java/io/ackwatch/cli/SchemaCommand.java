package io.ackwatch.cli;

import io.ackwatch.report.ReportSchemaFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ackwatch schema}: the JSON report's schema, so that a tool reading the reports can validate them. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print the JSON schema that 'analyze --format json' follows (its \"schema_id\" property is"
                + " the schema's $id). It extends the first published ackwatch-report/1 only by adding properties."})
final class SchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ByteArrayOutputStream schema = new ByteArrayOutputStream();
        ReportSchemaFile.copyTo(schema);
        spec.commandLine().getOut().print(schema.toString(StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
