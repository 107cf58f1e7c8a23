package io.ackwatch.job;

import static io.ackwatch.job.PrintJobs.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.flow.TcpFlow;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs read from pcap files through the real capture reader, decoder and flow tracker. */
class JobPipelineTest {
    @TempDir
    Path dir;

    private final JobReader reader = new JobReader();

    private JobInfo onlyJob(PrinterCapture capture, String service) throws Exception {
        List<TcpFlow> flows = PrinterCapture.flows(capture.write(dir, "job.pcap"));
        assertThat(flows).hasSize(1);
        return reader.read(flows.get(0), service);
    }

    @Test
    void rawJobDeliveredWhole() throws Exception {
        byte[] job = PrintJobs.pjlPcl("Q3-report.pdf", "alice", 300_000);
        JobInfo info = onlyJob(new PrinterCapture(50123, 9100, 65535)
                .connection(job, new byte[0], 1460, Long.MAX_VALUE, Set.of()), "raw");
        assertThat(info.language()).isEqualTo("PCL");
        assertThat(info.name()).isEqualTo("Q3-report.pdf");
        assertThat(info.user()).isEqualTo("alice");
        assertThat(info.clientBytes()).isEqualTo(job.length);
        assertThat(info.acknowledgedBytes()).isEqualTo(job.length);
        assertThat(info.complete()).isTrue();
    }

    @Test
    void printerThatStopsAcknowledgingAfterAPaperJam() throws Exception {
        byte[] job = PrintJobs.pjlPcl("Q3-report.pdf", "alice", 300_000);
        byte[] replies = concat(PrintJobs.ustatus("10001", "READY", true), PrintJobs.ustatus("30016", "PAPER JAM", false));
        JobInfo info = onlyJob(new PrinterCapture(50124, 9100, 65535)
                .connection(job, replies, 1460, 8192, Set.of()), null);
        assertThat(info.name()).isEqualTo("Q3-report.pdf");
        assertThat(info.acknowledgedBytes()).isEqualTo(8192);
        assertThat(info.complete()).isFalse();
        assertThat(info.printerMessages()).containsExactly("10001 READY", "30016 PAPER JAM", "printer offline");
        assertThat(info.describe()).startsWith("PCL job 'Q3-report.pdf' from alice: 8,192 of ");
    }

    @Test
    void lostSegmentsLeaveTheHeadShortButTheEndVisible() throws Exception {
        byte[] job = PrintJobs.pjlPostScript("Budget", "bob", "Budget.docx");
        Path file = new PrinterCapture(50125, 9100, 65535)
                .connection(job, new byte[0], 100, Long.MAX_VALUE, Set.of(3)).write(dir, "lost.pcap");
        TcpFlow flow = PrinterCapture.flows(file).get(0);
        // segment 3 (bytes 300..399) was never captured: the head stops there, the end is still seen
        assertThat(flow.clientStream().firstGapOffset()).isEqualTo(300);
        assertThat(flow.clientStream().head()).hasSize(300);
        JobInfo info = reader.read(flow, "raw");
        assertThat(info.name()).isEqualTo("Budget");
        assertThat(info.user()).isEqualTo("bob");
        assertThat(info.complete()).isTrue();
    }

    @Test
    void snaplenCutFramesKeepTheHeaderButHideTheEnd() throws Exception {
        byte[] job = PrintJobs.pjlPcl("Q3-report.pdf", "alice", 50_000);
        JobInfo info = onlyJob(new PrinterCapture(50126, 9100, 54 + 400)
                .connection(job, new byte[0], 1460, Long.MAX_VALUE, Set.of()), "raw");
        assertThat(info.name()).isEqualTo("Q3-report.pdf");
        assertThat(info.clientBytes()).isEqualTo(job.length);
        assertThat(info.complete()).isNull();
    }

    @Test
    void lpdJob() throws Exception {
        PrintJobs.LpdSession s = PrintJobs.lpd("lp", "ws12", "alice", "Q3-report.pdf", PrintJobs.pdf("Q3", 100_000));
        JobInfo info = onlyJob(new PrinterCapture(721, 515, 65535)
                .connection(s.client(), s.server(), 1460, Long.MAX_VALUE, Set.of()), "lpd");
        assertThat(info.language()).isEqualTo("PDF");
        assertThat(info.operation()).isEqualTo("receive-job");
        assertThat(info.name()).isEqualTo("Q3-report.pdf");
        assertThat(info.user()).isEqualTo("alice");
        assertThat(info.host()).isEqualTo("ws12");
        assertThat(info.complete()).isTrue();
    }

    @Test
    void ippJobRefusedAsBusy() throws Exception {
        byte[] request = PrintJobs.ippPost(PrintJobs.ippRequest(0x0002, 11, "alice", "Q3-report.pdf",
                PrintJobs.pdf("Q3", 200_000)), 32768);
        byte[] response = PrintJobs.ippReply(200, "OK", PrintJobs.ippResponse(0x0507, 11, "Printer is busy"));
        JobInfo info = onlyJob(new PrinterCapture(50127, 631, 65535)
                .connection(request, response, 1460, Long.MAX_VALUE, Set.of()), "ipp");
        assertThat(info.operation()).isEqualTo("Print-Job");
        assertThat(info.name()).isEqualTo("Q3-report.pdf");
        assertThat(info.printerMessages()).containsExactly("server-error-busy", "Printer is busy",
                "job-id 42, job-state pending");
        assertThat(info.complete()).isFalse();
    }
}
