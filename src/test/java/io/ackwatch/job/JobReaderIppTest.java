package io.ackwatch.job;

import static io.ackwatch.job.PrintJobs.ascii;
import static io.ackwatch.job.PrintJobs.concat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JobReaderIppTest {
    private final JobReader reader = new JobReader();

    @Test
    void printJobWithChunkedRequestAndResponse() {
        byte[] request = PrintJobs.ippPost(PrintJobs.ippRequest(0x0002, 7, "alice", "Q3-report.pdf",
                PrintJobs.pdf("Q3", 5000)), 100); // 100-byte chunks split the attributes
        byte[] response = PrintJobs.ippReply(200, "OK", PrintJobs.ippResponse(0x0000, 7, "successful-ok"));
        JobInfo info = reader.read(Flows.flow(request, response, request.length), "ipp");
        assertThat(info.language()).as("the document's language").isEqualTo("PDF");
        assertThat(info.operation()).isEqualTo("Print-Job");
        assertThat(info.name()).isEqualTo("Q3-report.pdf");
        assertThat(info.user()).isEqualTo("alice");
        assertThat(info.printerMessages()).containsExactly("successful-ok", "job-id 42, job-state pending");
        assertThat(info.complete()).isTrue();
    }

    @Test
    void busyPrinterRefusesTheJob() {
        byte[] request = PrintJobs.ippPost(PrintJobs.ippRequest(0x0002, 3, "bob", "Budget", new byte[2000]), 4096);
        byte[] response = PrintJobs.ippReply(200, "OK", PrintJobs.ippResponse(0x0507, 3, "Printer busy"));
        JobInfo info = reader.read(Flows.flow(request, response, request.length), null);
        assertThat(info.printerMessages()).containsExactly("server-error-busy", "Printer busy",
                "job-id 42, job-state pending");
        assertThat(info.complete()).isFalse();
    }

    @Test
    void withoutAResponseTheAcknowledgedEndOfTheLargeBodyDecides() {
        byte[] request = PrintJobs.ippPost(PrintJobs.ippRequest(0x0002, 9, "alice", "scan.pdf",
                PrintJobs.pdf("scan", 1_500_000)), 8192);
        assertThat(reader.read(Flows.flow(request, new byte[0], request.length), "ipp").complete()).isTrue();
        assertThat(reader.read(Flows.flow(request, new byte[0], 8192), "ipp").complete()).isFalse();
        byte[] cut = Arrays.copyOf(request, 700_000);
        JobInfo info = reader.read(Flows.flow(cut, new byte[0], cut.length), "ipp");
        assertThat(info.name()).isEqualTo("scan.pdf");
        assertThat(info.complete()).isFalse();
    }

    @Test
    void createJobThenSendDocumentOnOneConnectionAfterAnAuthenticationRetry() {
        byte[] create = PrintJobs.ippPost(PrintJobs.ippRequest(0x0005, 1, "alice", "Q3-report.pdf", new byte[0]), 512);
        byte[] send = PrintJobs.ippPost(PrintJobs.ippRequest(0x0006, 2, "alice", null, new byte[3000]), 512);
        byte[] unauthorized = ascii("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n");
        byte[] client = concat(create, send);
        byte[] server = concat(PrintJobs.ippReply(200, "OK", PrintJobs.ippResponse(0, 1, null)),
                PrintJobs.ippReply(200, "OK", PrintJobs.ippResponse(0, 2, null)));
        JobInfo info = reader.read(Flows.flow(client, server, client.length), "ipp");
        assertThat(info.operation()).isEqualTo("Send-Document");
        assertThat(info.name()).isEqualTo("Q3-report.pdf");
        assertThat(info.complete()).isTrue();
        assertThat(info.printerMessages()).as("each reply, the job's own unmarked").containsExactly(
                "Create-Job: successful-ok", "Create-Job: job-id 42, job-state pending",
                "successful-ok", "job-id 42, job-state pending");
        JobInfo refused = reader.read(Flows.flow(client, concat(unauthorized,
                PrintJobs.ippReply(200, "OK", PrintJobs.ippResponse(0, 2, null))), client.length), "ipp");
        assertThat(refused.printerMessages()).containsExactly("Create-Job: HTTP 401 Unauthorized", "successful-ok",
                "job-id 42, job-state pending");
        assertThat(refused.complete()).isTrue();
    }

    @Test
    void requestsAllNumberedOneGetTheirRepliesInTurn() {
        byte[] create = PrintJobs.ippPost(PrintJobs.ippRequest(0x0005, 1, "alice", "Q3-report.pdf", new byte[0]), 512);
        byte[] send = PrintJobs.ippPost(PrintJobs.ippRequest(0x0006, 1, "alice", null, PrintJobs.pdf("Q3", 3000)), 512);
        byte[] client = concat(create, send);
        byte[] server = concat(PrintJobs.ippReply(200, "OK", PrintJobs.ippResponse(0, 1, null)),
                PrintJobs.ippReply(200, "OK", PrintJobs.ippResponse(0x0507, 1, "Printer busy")));
        JobInfo info = reader.read(Flows.flow(client, server, client.length), "ipp");
        assertThat(info.printerMessages()).as("Send-Document's own reply, not Create-Job's again").containsExactly(
                "Create-Job: successful-ok", "Create-Job: job-id 42, job-state pending",
                "server-error-busy", "Printer busy", "job-id 42, job-state pending");
        assertThat(info.complete()).isFalse();
    }

    @Test
    void aRetryAfter401WithTheSameRequestIdGetsTheSecondReply() {
        byte[] create = PrintJobs.ippPost(PrintJobs.ippRequest(0x0005, 1, "alice", "Q3-report.pdf", new byte[0]), 512);
        byte[] send = PrintJobs.ippPost(PrintJobs.ippRequest(0x0006, 2, "alice", null, PrintJobs.pdf("Q3", 3000)), 512);
        byte[] client = concat(create, create, send);
        byte[] server = concat(ascii("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n"),
                PrintJobs.ippReply(200, "OK", PrintJobs.ippResponse(0, 1, "created")),
                PrintJobs.ippReply(200, "OK", PrintJobs.ippResponse(0, 2, "printing")));
        JobInfo info = reader.read(Flows.flow(client, server, client.length), "ipp");
        assertThat(info.printerMessages()).containsExactly("Create-Job: HTTP 401 Unauthorized",
                "Create-Job: successful-ok", "Create-Job: created", "Create-Job: job-id 42, job-state pending",
                "successful-ok", "printing", "job-id 42, job-state pending");
        assertThat(info.complete()).isTrue();
    }

    @Test
    void contentLengthRequestAndStatusPoll() {
        byte[] body = PrintJobs.ippRequest(0x000B, 1, "cups", null, new byte[0]);
        byte[] request = concat(ascii("POST / HTTP/1.1\r\nContent-Type: application/ipp\r\nContent-Length: "
                + body.length + "\r\n\r\n"), body);
        byte[] replyBody = PrintJobs.ippResponse(0, 1, null);
        byte[] response = concat(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/ipp\r\nContent-Length: "
                + replyBody.length + "\r\n\r\n"), replyBody);
        JobInfo info = reader.read(Flows.flow(request, response, request.length), "ipp");
        assertThat(info.operation()).isEqualTo("Get-Printer-Attributes");
        assertThat(info.language()).as("no document: the format attribute").isEqualTo("PDF");
        assertThat(info.user()).isEqualTo("cups");
        assertThat(info.complete()).isNull();
    }

    @Test
    void documentLanguageFromContentBeforeTheFormatAttribute() {
        byte[] ps = PrintJobs.barePostScript("Letter.odt", "bob");
        byte[] request = PrintJobs.ippPost(PrintJobs.ippRequest(0x0002, 5, "alice", "Letter", ps), 1000);
        JobInfo info = reader.read(Flows.flow(request, new byte[0], request.length), "ipp");
        assertThat(info.language()).isEqualTo("PostScript");
        assertThat(info.name()).as("job-name wins over the document title").isEqualTo("Letter");
        assertThat(info.user()).isEqualTo("alice");
        byte[] unknown = PrintJobs.ippPost(PrintJobs.ippRequest(0x0002, 5, "alice", null, ascii("\u0000\u0001raster")), 1000);
        JobInfo raster = reader.read(Flows.flow(unknown, new byte[0], unknown.length), "ipp");
        assertThat(raster.language()).as("document-format application/pdf").isEqualTo("PDF");
        assertThat(raster.name()).isNull();
    }

    @Test
    void nameWithLanguageValuesAndAdditionalValues() {
        byte[] text = "Bericht Q3\u00e4".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] name = concat(new byte[] {0, 5}, ascii("de-de"), new byte[] {0, (byte) text.length}, text);
        byte[] body = concat(PrintJobs.ippHeader(0x0002, 1), new byte[] {0x01},
                PrintJobs.text(0x47, "attributes-charset", "utf-8"),
                PrintJobs.attribute(0x36, "job-name", name),
                PrintJobs.text(0x42, "", "second value of job-name, ignored"),
                PrintJobs.attribute(0x36, "requesting-user-name", concat(new byte[] {0, 0, 0, 4}, ascii("dora"))),
                new byte[] {0x03}, PrintJobs.pdf("x", 10));
        byte[] request = PrintJobs.ippPost(body, 50);
        JobInfo info = reader.read(Flows.flow(request, new byte[0], request.length), "ipp");
        assertThat(info.name()).isEqualTo("Bericht Q3\u00e4");
        assertThat(info.user()).isEqualTo("dora");
    }

    @Test
    void browserOnThePrinterWebPageIsNoJob() {
        byte[] get = ascii("GET / HTTP/1.1\r\nHost: printer:631\r\n\r\n");
        assertThat(reader.read(Flows.flow(get, ascii("HTTP/1.1 200 OK\r\n\r\n<html>"), get.length), null)).isNull();
    }
}
