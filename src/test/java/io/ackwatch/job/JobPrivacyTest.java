package io.ackwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobPrivacyTest {
    private static final JobInfo JOB = new JobInfo("PCL", "Q3-report.pdf", "alice", "ws12", null, 1_204_224, 8192,
            false, List.of("30016 PAPER JAM", "job 'Q3-report.pdf' for alice cancelled"));

    @Test
    void pseudonymsAreStableAcrossCallsAndFollowTheKindPrefixFormat() {
        JobInfo a = JobPrivacy.anonymize(JOB);
        JobInfo b = JobPrivacy.anonymize(new JobInfo("PCL", "Q3-report.pdf", "alice", "ws12", null, 1, 1, null, List.of()));
        assertThat(a.user()).matches("user-[0-9a-f]{8}").isEqualTo(b.user());
        assertThat(a.name()).matches("job-[0-9a-f]{8}").isEqualTo(b.name());
        assertThat(a.host()).matches("host-[0-9a-f]{8}").isEqualTo(b.host());
        // pinned (computed with Python's hashlib) so that tickets from different ackwatch versions compare:
        // sha256("ackwatch-privacy-v1\0user\0alice")[:8]
        assertThat(JobPrivacy.pseudonym("user", "alice")).isEqualTo("user-b23202f7").isEqualTo(a.user());
    }

    @Test
    void theSameTextAsUserAndAsJobNameGivesDifferentPseudonyms() {
        assertThat(JobPrivacy.pseudonym("user", "alice")).isNotEqualTo(JobPrivacy.pseudonym("job", "alice"))
                .doesNotContain("alice");
        assertThat(JobPrivacy.pseudonym("user", "alice").substring(5))
                .isNotEqualTo(JobPrivacy.pseudonym("job", "alice").substring(4));
    }

    @Test
    void differentValuesRarelyCollideAndNothingOfTheValueShows() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String p = JobPrivacy.pseudonym("user", "user" + i);
            assertThat(p).doesNotContain("user" + i);
            seen.add(p);
        }
        assertThat(seen).hasSize(20_000);
    }

    @Test
    void everythingElseIsKeptAndMessagesLoseTheNames() {
        JobInfo a = JOB.anonymized();
        assertThat(a.language()).isEqualTo("PCL");
        assertThat(a.clientBytes()).isEqualTo(1_204_224);
        assertThat(a.acknowledgedBytes()).isEqualTo(8192);
        assertThat(a.complete()).isFalse();
        assertThat(a.printerMessages().get(0)).isEqualTo("30016 PAPER JAM");
        assertThat(a.printerMessages().get(1)).doesNotContain("alice", "Q3-report").contains(a.user(), a.name());
        assertThat(a.describe()).doesNotContain("alice", "Q3-report", "ws12");
    }

    @Test
    void unknownFieldsStayUnknown() {
        JobInfo a = new JobInfo(null, null, null, null, null, 0, 0, null, List.of()).anonymized();
        assertThat(a.name()).isNull();
        assertThat(a.user()).isNull();
        assertThat(a.host()).isNull();
    }
}
