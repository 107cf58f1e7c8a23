package io.ackwatch.job;

import static io.ackwatch.job.PrintJobs.ascii;
import static io.ackwatch.job.PrintJobs.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.flow.ByteStreamSample;
import io.ackwatch.flow.StreamAssembler;
import io.ackwatch.flow.TcpFlow;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobReaderRawTest {
    private final JobReader reader = new JobReader();

    @Test
    void pjlWrappedPclJobDeliveredWhole() {
        byte[] job = PrintJobs.pjlPcl("Q3-report.pdf", "alice", 20_000);
        JobInfo info = reader.read(Flows.flow(job, new byte[0], job.length), "raw");
        assertThat(info.language()).isEqualTo("PCL");
        assertThat(info.name()).isEqualTo("Q3-report.pdf");
        assertThat(info.user()).isEqualTo("alice");
        assertThat(info.operation()).isNull();
        assertThat(info.clientBytes()).isEqualTo(job.length);
        assertThat(info.complete()).isTrue();
    }

    @Test
    void pjlCommandsOfTheHeaderEachOnceWithTheVariableTheySet() {
        byte[] job = PrintJobs.pjlPcl("Q3-report.pdf", "alice", 20_000);
        JobInfo info = reader.read(Flows.flow(job, new byte[0], job.length), "raw");
        assertThat(info.pjlCommands()).containsExactly("JOB", "SET JOBNAME", "SET USERNAME", "SET RESOLUTION",
                "SET COPIES", "ENTER LANGUAGE");
        assertThat(info.pjlCommands()).extracting(PjlCommandKind::of).containsOnly(PjlCommandKind.JOB_HEADER);
    }

    @Test
    void oddPjlCommandsAreKeptShortAndPrintableAndKnownForWhatTheyAre() {
        String longWord = "X".repeat(1000);
        byte[] job = concat(ascii(PrintJobs.UEL + "@PJL\r\n@pjl default timeout=0\r\n@PJL FSDELETE NAME=\"0:\\x\"\r\n"
                + "@PJL SET \u0001\u0002JAM=1\r\n@PJL " + longWord + "\r\n@PJL SET = 3\r\n@PJL ENTER LANGUAGE=PCL\r\n"),
                ascii(PrintJobs.ESC + "E" + "page" + PrintJobs.ESC + "E" + PrintJobs.UEL));
        JobInfo info = reader.read(Flows.flow(job, new byte[0], job.length), "raw");
        assertThat(info.pjlCommands()).containsExactly("", "DEFAULT TIMEOUT", "FSDELETE", "SET ??JAM",
                "X".repeat(24), "SET", "ENTER LANGUAGE");
        assertThat(info.pjlCommands()).extracting(PjlCommandKind::of).containsExactly(PjlCommandKind.JOB_HEADER,
                PjlCommandKind.PRINTER_STATE, PjlCommandKind.PRINTER_STATE, PjlCommandKind.UNKNOWN,
                PjlCommandKind.UNKNOWN, PjlCommandKind.JOB_HEADER, PjlCommandKind.JOB_HEADER);
    }

    @Test
    void atMostThirtyTwoDistinctPjlCommandsPerJob() {
        StringBuilder header = new StringBuilder(PrintJobs.UEL);
        for (int i = 0; i < 100; i++) {
            header.append("@PJL SET VAR").append(i).append("=1\r\n@PJL SET VAR0=2\r\n");
        }
        byte[] job = ascii(header + "@PJL ENTER LANGUAGE=PCL\r\n" + PrintJobs.ESC + "E" + PrintJobs.UEL);
        JobInfo info = reader.read(Flows.flow(job, new byte[0], job.length), "raw");
        assertThat(info.pjlCommands()).hasSize(JobInfo.MAX_PJL_COMMANDS).startsWith("SET VAR0", "SET VAR1")
                .doesNotHaveDuplicates();
    }

    @Test
    void largePclJobWhoseEndWasNotAcknowledgedIsIncomplete() {
        byte[] job = PrintJobs.pjlPcl("Q3-report.pdf", "alice", 1_200_000);
        // the printer acknowledged all but the closing UEL
        JobInfo info = reader.read(Flows.flow(job, new byte[0], job.length - 5), "raw");
        assertThat(info.name()).isEqualTo("Q3-report.pdf");
        assertThat(info.complete()).isFalse();
        assertThat(reader.read(Flows.flow(job, new byte[0], job.length), "raw").complete()).isTrue();
    }

    @Test
    void jobCutMidPageHasNoEndMarkerAndIsIncompleteEvenWhenAllSentBytesWereAcknowledged() {
        byte[] whole = PrintJobs.pjlPcl("Q3-report.pdf", "alice", 300_000);
        byte[] cut = java.util.Arrays.copyOf(whole, 150_000);
        JobInfo info = reader.read(Flows.flow(cut, new byte[0], cut.length), "raw");
        assertThat(info.language()).isEqualTo("PCL");
        assertThat(info.complete()).isFalse();
    }

    @Test
    void resetBytesInsidePageDataAreNotTheEndOfTheJob() {
        // compressed raster rows can hold the bytes ESC E; a job cut after them is still cut
        byte[] row = ascii("\u001b*b12W" + "ab\u001bEcd\u001bEefgh");
        byte[] cut = concat(ascii(PrintJobs.UEL + "@PJL JOB NAME=\"scan\"\r\n@PJL ENTER LANGUAGE=PCL\r\n\u001bE"),
                row, row, row);
        JobInfo info = reader.read(Flows.flow(cut, new byte[0], cut.length), "raw");
        assertThat(info.language()).isEqualTo("PCL");
        assertThat(info.complete()).isFalse();
    }

    @Test
    void pjlWrappedPostScriptTakesNamesFromPjlFirst() {
        byte[] job = PrintJobs.pjlPostScript("Budget 2027", "bob", "Microsoft Word - Budget.docx");
        JobInfo info = reader.read(Flows.flow(job, new byte[0], job.length), "raw");
        assertThat(info.language()).isEqualTo("PostScript");
        assertThat(info.name()).isEqualTo("Budget 2027");
        assertThat(info.user()).isEqualTo("bob");
        assertThat(info.complete()).isTrue();
    }

    @Test
    void barePostScriptUsesDscComments() {
        byte[] job = PrintJobs.barePostScript("Microsoft Word - Budget.docx", "carol");
        JobInfo info = reader.read(Flows.flow(job, new byte[0], job.length), null);
        assertThat(info.language()).isEqualTo("PostScript");
        assertThat(info.name()).isEqualTo("Microsoft Word - Budget.docx");
        assertThat(info.user()).isEqualTo("carol");
        assertThat(info.complete()).isTrue();
        // %%EOF not acknowledged
        assertThat(reader.read(Flows.flow(job, new byte[0], job.length - 7), null).complete()).isFalse();
    }

    @Test
    void pdfTitleFromTheInfoDictionaryInTheTail() {
        byte[] job = PrintJobs.pdf("Q3 report (final)", 200_000);
        JobInfo info = reader.read(Flows.flow(job, new byte[0], job.length), "9100");
        assertThat(info.language()).isEqualTo("PDF");
        assertThat(info.name()).isEqualTo("Q3 report (final)");
        assertThat(info.complete()).isTrue();
    }

    @Test
    void pdfHexTitleInUtf16() {
        byte[] job = ascii("%PDF-1.4\n1 0 obj\n<< /Title <FEFF0051003300200062006500720069006300680074> >>\nendobj\n%%EOF\n");
        JobInfo info = reader.read(Flows.flow(job, new byte[0], job.length), null);
        assertThat(info.name()).isEqualTo("Q3 bericht");
    }

    @Test
    void plainPclWithoutPjl() {
        byte[] job = concat(ascii(PrintJobs.ESC + "E"), PrintJobs.pclPages(5000, 3), ascii(PrintJobs.ESC + "E"));
        JobInfo info = reader.read(Flows.flow(job, new byte[0], job.length), null);
        assertThat(info.language()).isEqualTo("PCL");
        assertThat(info.name()).isNull();
        assertThat(info.complete()).isTrue();
    }

    @Test
    void headerCutByAGapLeavesTheNameUnknown() {
        byte[] job = PrintJobs.pjlPcl("Q3-report.pdf", "alice", 20_000);
        // only the first 30 bytes and the last bytes were captured: "@PJL JOB NAME=\"Q3-r" is cut
        StreamAssembler a = new StreamAssembler(65536, 4096);
        a.add(0, job, 0, 30, 30);
        a.add(10_000, job, 10_000, job.length - 10_000, job.length - 10_000);
        ByteStreamSample sample = a.sample();
        JobInfo info = reader.read(Flows.flow(sample, ByteStreamSample.EMPTY, job.length, 0, job.length), "raw");
        assertThat(info.name()).isNull();
        assertThat(info.user()).isNull();
        assertThat(info.language()).isEqualTo("PJL");
        assertThat(info.complete()).isTrue(); // the closing UEL is in the tail and acknowledged
    }

    @Test
    void garbageOnARawPortIsAJobOfUnknownKindAndWithoutServiceNothing() {
        byte[] junk = new byte[3000];
        new java.util.SplittableRandom(5).nextBytes(junk);
        junk[0] = 'x';
        JobInfo info = reader.read(Flows.flow(junk, new byte[0], 1000), "raw");
        assertThat(info.language()).isNull();
        assertThat(info.name()).isNull();
        assertThat(info.complete()).isNull();
        assertThat(info.acknowledgedBytes()).isEqualTo(1000);
        assertThat(reader.read(Flows.flow(junk, new byte[0], 1000), null)).isNull();
        assertThat(reader.read(Flows.flow(new byte[0], new byte[0], 0), "raw")).isNull();
    }

    @Test
    void printerBackChannelReportsPjlStatusAndPostScriptErrors() {
        byte[] job = concat(ascii(PrintJobs.UEL + "@PJL USTATUS DEVICE=ON\r\n@PJL INFO STATUS\r\n"),
                PrintJobs.pjlPcl("Q3-report.pdf", "alice", 5000));
        byte[] replies = concat(
                ascii("@PJL INFO STATUS\r\nCODE=10001\r\nDISPLAY=\"00 READY\"\r\nONLINE=TRUE\r\n\f"),
                PrintJobs.ustatus("30016", "PAPER JAM", false),
                PrintJobs.ustatus("30016", "PAPER JAM", false),
                ascii("@PJL USTATUS JOB\r\nEND\r\nNAME=\"Q3-report.pdf\"\r\nPAGES=3\r\n\f"),
                ascii("%%[ Error: ioerror; OffendingCommand: image ]%%\r\n"));
        JobInfo info = reader.read(Flows.flow(job, replies, job.length), "raw");
        assertThat(info.printerMessages()).containsExactly("10001 00 READY", "30016 PAPER JAM", "printer offline",
                "job end, 3 pages", "Error: ioerror; OffendingCommand: image");
        assertThat(info.name()).isEqualTo("Q3-report.pdf");
    }

    /**
     * Without a service named by the port, a client whose first bytes were captured from its SYN on and are no
     * print protocol (a web request) has no job, whatever its answer holds: a printer sends status only to PJL
     * or PostScript it was sent. Without the client's bytes the answer is still read for a back channel.
     */
    @Test
    void otherTrafficHasNoJobAndNoBackChannel() {
        byte[] request = ascii("GET /status HTTP/1.1\r\nHost: printer\r\n\r\n");
        byte[] answer = concat(ascii("HTTP/1.1 200 OK\r\n\r\n"), PrintJobs.ustatus("30016", "PAPER JAM", false));
        assertThat(reader.read(Flows.flow(request, answer, request.length), null)).isNull();

        JobInfo unknownClient = reader.read(Flows.flow(new byte[0], answer, 0), null);
        assertThat(unknownClient.printerMessages()).contains("30016 PAPER JAM");
    }

    /**
     * The flow stage asks {@link JobReader#mayCarryJob} at a clean close whether to keep a connection's byte
     * streams (with --all-flows): it must answer false exactly where {@link JobReader#read} gives up without
     * reading, whatever the protocol and whether the server is a print service.
     */
    @Test
    void mayCarryJobIsFalseExactlyWhereReadGivesUpUnread() {
        byte[] web = ascii("GET /status HTTP/1.1\r\nHost: printer\r\n\r\n");
        byte[] answer = concat(ascii("HTTP/1.1 200 OK\r\n\r\n"), PrintJobs.ustatus("30016", "PAPER JAM", false));
        byte[] ipp = PrintJobs.ippPost(PrintJobs.ippRequest(0x0002, 1, "alice", "Q3-report.pdf",
                PrintJobs.pjlPcl("Q3-report.pdf", "alice", 2000)), 4096);
        byte[] pjl = PrintJobs.pjlPcl("Q3-report.pdf", "alice", 2000);
        for (byte[] client : List.of(web, ipp, pjl, new byte[0])) {
            for (String service : java.util.Arrays.asList(null, "raw", "ipp")) {
                TcpFlow flow = Flows.flow(client, answer, client.length);
                boolean may = JobReader.mayCarryJob(service, true, flow.clientStream());
                assertThat(may).as("%s to %s", new String(client, 0, Math.min(client.length, 12),
                        java.nio.charset.StandardCharsets.ISO_8859_1), service)
                        .isEqualTo(!(client == web && service == null));
                if (!may) {
                    assertThat(reader.read(flow, service)).isNull();
                }
            }
        }
        assertThat(JobReader.mayCarryJob(null, false, Flows.flow(web, answer, web.length).clientStream()))
                .as("without the SYN the first bytes may be the middle of a job").isTrue();
    }

    @Test
    void statusReplyCutMidBlockKeepsOnlyWholeLines() {
        byte[] replies = ascii("@PJL USTATUS DEVICE\r\nCODE=40021\r\nDISPLAY=\"TOP COV");
        JobInfo info = reader.read(Flows.flow(new byte[0], replies, 0), "raw");
        assertThat(info.printerMessages()).containsExactly("40021");
    }
}
