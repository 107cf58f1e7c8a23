package io.ackwatch.job;

import static io.ackwatch.job.PrintJobs.ascii;
import static io.ackwatch.job.PrintJobs.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures written here whose printers quote the job's names back (PJL status display, PostScript status, IPP
 * status-message to Create-Job and Send-Document), analyzed by the real command line: without {@code --privacy}
 * every reply shows in the report, Send-Document's too; with it no name survives in any format.
 */
class PrivacyCaptureTest {
    private static final List<String> NAMES = List.of("Quarterly report.doc", "jsmith", "WS-FIN-07", "Q4 draft",
            "Payroll March", "alice", "QUARTERLY R");

    @TempDir
    Path dir;

    @Test
    void printerRepliesShowAndTheNamesTheyQuoteDoNotUnderPrivacy() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        byte[] raw = concat(ascii(PrintJobs.UEL + "@PJL JOB NAME=\"Quarterly report.doc\"\r\n"
                + "@PJL SET USERNAME=\"jsmith\"\r\n@PJL SET HOSTNAME=\"WS-FIN-07\"\r\n"
                + "@PJL ENTER LANGUAGE=POSTSCRIPT\r\n"), PrintJobs.barePostScript("Q4 draft", "jsmith"),
                ascii(PrintJobs.UEL));
        byte[] rawReplies = concat(PrintJobs.ustatus("10023", "PRINTING QUARTERLY R", true),
                ascii("%%[ job: Q4 draft; status: printing ]%%\r\n"));
        new PrinterCapture(50200, 9100, 65535).connection(raw, rawReplies, 1460, Long.MAX_VALUE, Set.of())
                .write(in, "raw.pcap");
        byte[] create = PrintJobs.ippPost(PrintJobs.ippRequest(0x0005, 1, "alice", "Payroll March", new byte[0]), 512);
        byte[] send = PrintJobs.ippPost(PrintJobs.ippRequest(0x0006, 2, "alice", null, PrintJobs.pdf("x", 5000)), 4096);
        byte[] ippReplies = concat(PrintJobs.ippReply(200, "OK", PrintJobs.ippResponse(0, 1, "created")),
                PrintJobs.ippReply(200, "OK", PrintJobs.ippResponse(0, 2, "printing Payroll March for alice")));
        new PrinterCapture(50201, 631, 65535).connection(concat(create, send), ippReplies, 1460, Long.MAX_VALUE,
                Set.of()).write(in, "ipp.pcap");

        String plain = run("--format", "json", in.toString());
        assertThat(plain).as("Send-Document's reply, like Print-Job's").contains(
                "\"successful-ok\"", "\"printing Payroll March for alice\"", "\"job-id 42, job-state pending\"",
                "\"Create-Job: created\"", "\"10023 PRINTING QUARTERLY R\"", "\"job: Q4 draft; status: printing\"");

        Path out = dir.resolve("out");
        run("--privacy", "--verbose", "--format", "text,json,junit,markdown,html", "--output-dir", out.toString(),
                in.toString());
        // both connections are healthy: the JSON report shows their jobs, the others list them at most
        assertThat(Files.readString(out.resolve("ackwatch-report.json"))).as("codes and replies stay, names go")
                .contains("successful-ok", "job-id 42, job-state pending", "printing job-", "10023 PRINTING job-");
        try (var reports = Files.list(out)) {
            for (Path report : reports.toList()) {
                String text = Files.readString(report);
                for (String name : NAMES) {
                    assertThat(text.toLowerCase()).as(report.getFileName() + ": " + name)
                            .doesNotContain(name.toLowerCase());
                }
            }
        }
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "analyze";
        System.arraycopy(args, 0, all, 1, args.length);
        int rc = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(all);
        assertThat(rc).as(String.join(" ", all) + "\n" + err).isIn(0, 1);
        return out.toString();
    }
}
