package io.ackwatch.pipeline;

import io.ackwatch.capture.ReaderBackend;
import io.ackwatch.analysis.PrinterSet;
import io.ackwatch.analysis.Thresholds;
import io.ackwatch.job.JobPrivacy;

/**
 * What one run analyzes and how.
 *
 * @param printers which servers are printers
 * @param allFlows judge every TCP connection, not only printer ones
 * @param thresholds rule thresholds
 * @param reader capture reader backend
 * @param bpfFilter libpcap filter expression applied to every packet, null for none
 * @param privacy pseudonyms for user, host and job names ({@code --privacy}), null to show the names
 * @param analyze false to only read and decode (benchmarking the reading path)
 */
public record AnalysisSettings(
        PrinterSet printers,
        boolean allFlows,
        Thresholds thresholds,
        ReaderBackend reader,
        String bpfFilter,
        JobPrivacy privacy,
        boolean analyze) {

    public static AnalysisSettings defaults() {
        return new AnalysisSettings(PrinterSet.defaults(), false, Thresholds.defaults(), ReaderBackend.BUILTIN, null,
                null, true);
    }

    public AnalysisSettings withAllFlows(boolean all) {
        return new AnalysisSettings(printers, all, thresholds, reader, bpfFilter, privacy, analyze);
    }
}
