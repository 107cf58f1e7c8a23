package io.ackwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JobInfoDescribeTest {

    @Test
    void describesAnIncompleteJobWithPrinterMessages() {
        JobInfo job = new JobInfo("PDF", "Q3-report.pdf", "alice", null, null, 1_204_224, 8192, false,
                List.of("30016 PAPER JAM"));
        assertThat(job.describe()).isEqualTo("PDF job 'Q3-report.pdf' from alice: 8,192 of 1,204,224 bytes "
                + "acknowledged, end of job not acknowledged; printer: 30016 PAPER JAM");
    }

    @Test
    void describesAnLpdJobWithHostAndAnUnknownRawJob() {
        JobInfo lpd = new JobInfo("LPD", "Q3.pdf", "bob", "ws12", "receive-job", 4000, 4000, true, List.of());
        assertThat(lpd.describe()).isEqualTo(
                "LPD job (receive-job) 'Q3.pdf' from bob@ws12: 4,000 of 4,000 bytes acknowledged, end of job acknowledged");
        JobInfo unknown = new JobInfo(null, null, null, null, null, 1000, 200, null, List.of());
        assertThat(unknown.describe()).isEqualTo("job: 200 of 1,000 bytes acknowledged");
    }
}
