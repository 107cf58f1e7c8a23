package io.ackwatch.job;

import static io.ackwatch.job.PrintJobs.ascii;
import static io.ackwatch.job.PrintJobs.concat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JobReaderLpdTest {
    private final JobReader reader = new JobReader();

    @Test
    void receiveJobWithControlAndDataFile() {
        PrintJobs.LpdSession s = PrintJobs.lpd("lp", "ws12", "alice", "Q3-report.pdf",
                PrintJobs.pjlPcl("ignored-inner-name", "x", 30_000));
        JobInfo info = reader.read(Flows.flow(s.client(), s.server(), s.client().length), "lpd");
        assertThat(info.language()).as("the data file's language").isEqualTo("PCL");
        assertThat(info.operation()).isEqualTo("receive-job");
        assertThat(info.name()).isEqualTo("Q3-report.pdf");
        assertThat(info.user()).isEqualTo("alice");
        assertThat(info.host()).isEqualTo("ws12");
        assertThat(info.complete()).isTrue();
        assertThat(info.printerMessages()).isEmpty();
    }

    @Test
    void largeDataFileIsWalkedAcrossTheGapBetweenHeadAndTail() {
        PrintJobs.LpdSession s = PrintJobs.lpd("lp", "ws12", "alice", "big.ps",
                PrintJobs.pjlPcl("big", "alice", 2_000_000));
        assertThat(reader.read(Flows.flow(s.client(), s.server(), s.client().length), null).complete()).isTrue();
        // the last byte (the data file's terminating NUL) was never acknowledged
        assertThat(reader.read(Flows.flow(s.client(), s.server(), s.client().length - 1), null).complete()).isFalse();
        // the server did not acknowledge the data file
        byte[] fourAcks = new byte[4];
        assertThat(reader.read(Flows.flow(s.client(), fourAcks, s.client().length), null).complete()).isFalse();
    }

    @Test
    void clientStoppingInsideTheDataFileIsIncomplete() {
        PrintJobs.LpdSession s = PrintJobs.lpd("lp", "ws12", "alice", "Q3-report.pdf", new byte[50_000]);
        byte[] cut = Arrays.copyOf(s.client(), s.client().length - 20_000);
        JobInfo info = reader.read(Flows.flow(cut, new byte[4], cut.length), "lpd");
        assertThat(info.language()).as("data of no known language").isEqualTo("LPD");
        assertThat(info.name()).isEqualTo("Q3-report.pdf");
        assertThat(info.complete()).isFalse();
    }

    @Test
    void refusalByTheServerIsAPrinterMessage() {
        byte[] client = ascii("\u0002nosuchqueue\n");
        JobInfo nack = reader.read(Flows.flow(client, new byte[] {1}, client.length), "lpd");
        assertThat(nack.printerMessages()).containsExactly("LPD refused (ack 1)");
        assertThat(nack.complete()).isFalse();
        JobInfo text = reader.read(Flows.flow(client, ascii("lpd: queue 'nosuchqueue' does not exist\n"),
                client.length), "lpd");
        assertThat(text.printerMessages()).containsExactly("LPD refused: lpd: queue 'nosuchqueue' does not exist");
    }

    @Test
    void queueStateAndRemoveCommands() {
        byte[] lpq = ascii("\u0003lp\n");
        JobInfo state = reader.read(Flows.flow(lpq, ascii("lp is ready and printing\nRank Owner Job\n"), lpq.length), null);
        assertThat(state.operation()).isEqualTo("send-queue-state-short");
        assertThat(state.printerMessages()).containsExactly("lp is ready and printing");
        assertThat(state.complete()).isNull();
        byte[] lprm = ascii("\u0005lp alice 42\n");
        JobInfo remove = reader.read(Flows.flow(lprm, new byte[0], lprm.length), "lpd");
        assertThat(remove.operation()).isEqualTo("remove-jobs");
        assertThat(remove.user()).isEqualTo("alice");
    }

    @Test
    void dataFileTitleIsTheFallbackNameWhenTheControlFileHasNone() {
        byte[] data = PrintJobs.barePostScript("Budget", "carol");
        String cf = "Hws7\nPcarol\nldfA001ws7\n";
        byte[] client = concat(ascii("\u0002lp\n"), ascii("\u0003" + data.length + " dfA001ws7\n"), data,
                new byte[1], ascii("\u0002" + cf.length() + " cfA001ws7\n"), ascii(cf), new byte[1]);
        JobInfo info = reader.read(Flows.flow(client, new byte[5], client.length), "lpd");
        assertThat(info.name()).isEqualTo("Budget");
        assertThat(info.user()).isEqualTo("carol");
        assertThat(info.complete()).isTrue();
    }

    @Test
    void abortSubcommandMakesTheJobIncomplete() {
        byte[] client = ascii("\u0002lp\n\u0001\n");
        assertThat(reader.read(Flows.flow(client, new byte[2], client.length), "lpd").complete()).isFalse();
    }
}
