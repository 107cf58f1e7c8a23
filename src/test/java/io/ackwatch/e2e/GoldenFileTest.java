package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The golden-file diff message points at the first differing line instead of dumping both reports. */
class GoldenFileTest {

    @Test
    void equalTextsHaveNoDifference() {
        assertThat(GoldenFile.firstDifference("a\nb\n", "a\nb\n")).isNull();
    }

    @Test
    void namesTheFirstDifferingLineAndColumnWithContext() {
        String diff = GoldenFile.firstDifference("one\ntwo\nthree\nfour\n", "one\ntwo\nthreE\nfour\n");
        assertThat(diff).contains("line 3, column 5").contains("    3 - three").contains("    3 + threE")
                .contains("    2   two").doesNotContain("four");
    }

    @Test
    void reportsAMissingTrailingNewlineAsEndOfOutput() {
        assertThat(GoldenFile.firstDifference("x\n", "x")).contains("line 2").contains("<end of output>");
    }

    @Test
    void clipsLongLinesAroundTheDifference() {
        String golden = "<svg>" + "a".repeat(5000) + "OLD" + "b".repeat(5000);
        String output = "<svg>" + "a".repeat(5000) + "NEW" + "b".repeat(5000);
        String diff = GoldenFile.firstDifference(golden, output);
        assertThat(diff).contains("OLD").contains("NEW").contains("column 5006").hasSizeLessThan(1200);
    }
}
