package io.ackwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.flow.SynAckOptions;
import io.ackwatch.verdict.SynAckVariant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a SYN-ACK and a printer's SYN-ACK variants read in every format. */
class SynAckLabelsTest {
    private static final SynAckOptions LINUX = new SynAckOptions(1460, 65160, true, 7, true, 4_000_000_000L, List.of());
    private static final SynAckOptions BARE = new SynAckOptions(-1, 8192, false, -1, false, 0, List.of());
    private static final SynAckOptions ODD = new SynAckOptions(536, 2920, false, 15, false, 0, List.of(19, 254));

    @Test
    void oneSynAckInHeaderOrder() {
        assertThat(Labels.synAck(LINUX, true))
                .isEqualTo("MSS 1460, window 65160, SACK, window scale 7, timestamps (TSval 4000000000)");
        assertThat(Labels.synAck(LINUX, false)).isEqualTo("MSS 1460, window 65160, SACK, window scale 7, timestamps");
        assertThat(Labels.synAck(BARE, true)).isEqualTo("window 8192, no options");
        assertThat(Labels.synAck(ODD, true)).isEqualTo("MSS 536, window 2920, window scale 15, other option kinds 19 254");
    }

    @Test
    void variantsSayHowManyAndWhereEachStarted() {
        assertThat(Labels.synAckVariants(List.of())).isEqualTo("none captured");
        assertThat(Labels.synAckVariants(List.of(new SynAckVariant(LINUX.parameters(), 0, 12))))
                .isEqualTo("MSS 1460, window 65160, SACK, window scale 7, timestamps");
        assertThat(Labels.synAckVariants(List.of(new SynAckVariant(LINUX.parameters(), 0, 12),
                new SynAckVariant(BARE, 13, 1))))
                .isEqualTo("2 variants: MSS 1460, window 65160, SACK, window scale 7, timestamps (first stream 0,"
                        + " 12 connections); window 8192, no options (first stream 13, 1 connection)");
        assertThat(Labels.synAckVariants(List.of(new SynAckVariant(LINUX.parameters(), 0, 1),
                new SynAckVariant(BARE, 1, 1), new SynAckVariant(ODD, 2, 1),
                new SynAckVariant(new SynAckOptions(1460, 1, false, -1, false, 0, List.of()), 3, 1),
                new SynAckVariant(new SynAckOptions(1460, 2, false, -1, false, 0, List.of()), 4, 1))))
                .startsWith("5 variants: ").endsWith("(first stream 2, 1 connection); 2 more");
    }
}
