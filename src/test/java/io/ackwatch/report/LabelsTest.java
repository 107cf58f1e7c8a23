package io.ackwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsTest {
    private static Finding finding(int listed, int total) {
        List<Long> frames = new ArrayList<>();
        for (long f = 1; f <= listed; f++) {
            frames.add(f * 2);
        }
        return new Finding("duplicate-frames", Severity.INFO, frames, total, "copies", "tcp.stream eq 0");
    }

    @Test
    void aFindingListingAllItsFramesShowsThemAll() {
        assertThat(Labels.frames(finding(3, 3))).isEqualTo("2 4 6");
    }

    @Test
    void aShortenedListSaysSoAndGivesTheTotal() {
        assertThat(Labels.frames(finding(40, 166))).startsWith("2 4 6 ")
                .endsWith(" 38 40 … (first 20 of 166 frames; the filter selects all)");
        assertThat(Labels.frames(finding(25, 25))).endsWith(" 40 … (first 20 of 25 frames; the filter selects all)");
    }

    @Test
    void framesCountedButNotKeptAreSaidToBeInTheFilter() {
        assertThat(Labels.frames(finding(0, 3))).isEqualTo("3 frames, not listed; the filter selects them");
    }
}
