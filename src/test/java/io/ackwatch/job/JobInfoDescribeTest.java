package io.ackwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** Byte counts are grouped as String.format(Locale.ROOT, "%,d") groups them, for any long. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void groupsThousandsAsFormatDoes(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 2000; i++) {
            long v = switch (random.nextInt(4)) {
                case 0 -> random.nextLong();
                case 1 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
                default -> random.nextLong(-2_000_000, 20_000_000);
            };
            StringBuilder sb = new StringBuilder();
            JobInfo.grouped(sb, v);
            assertThat(sb.toString()).isEqualTo(String.format(Locale.ROOT, "%,d", v));
        }
    }
}
