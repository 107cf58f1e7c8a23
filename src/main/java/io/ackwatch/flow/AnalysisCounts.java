package io.ackwatch.flow;

import java.util.Arrays;

/** Number of frames of one stream that carry each {@link TcpAnalysisFlag}, counted as {@code tshark -2} does. */
public final class AnalysisCounts {
    private final int[] counts;

    public AnalysisCounts(int[] countsByOrdinal) {
        if (countsByOrdinal.length != TcpAnalysisFlag.COUNT) {
            throw new IllegalArgumentException("one count per TcpAnalysisFlag expected");
        }
        this.counts = countsByOrdinal.clone();
    }

    public static AnalysisCounts none() {
        return new AnalysisCounts(new int[TcpAnalysisFlag.COUNT]);
    }

    public int count(TcpAnalysisFlag flag) {
        return counts[flag.ordinal()];
    }

    /** The counts of two parts of one stream together. */
    public AnalysisCounts plus(AnalysisCounts other) {
        int[] sum = counts.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other.counts[i];
        }
        return new AnalysisCounts(sum);
    }

    public int total() {
        return Arrays.stream(counts).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnalysisCounts other && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (TcpAnalysisFlag f : TcpAnalysisFlag.values()) {
            if (counts[f.ordinal()] != 0) {
                sb.append(sb.length() > 1 ? ", " : "").append(f.fieldName()).append('=').append(counts[f.ordinal()]);
            }
        }
        return sb.append('}').toString();
    }
}
