package io.ackwatch.cli;

import io.ackwatch.pipeline.AnalysisSettings;
import io.ackwatch.pipeline.EvidenceExtractor;
import io.ackwatch.pipeline.InputFile;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.EvidenceFile;
import io.ackwatch.verdict.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --extract DIR}: the evidence files of every capture, written before the report so that the report can
 * name them with the filters that work in them. What could not be written is said on stderr and in the
 * capture's warnings.
 *
 * @param report the report with its evidence files
 * @param complete false when some evidence could not be written
 */
record EvidenceRun(Report report, boolean complete) {

    static EvidenceRun of(AnalysisSettings settings, List<InputFile> inputs, Report report, Path dir,
            PrintWriter err) {
        boolean complete = true;
        EvidenceExtractor extractor = new EvidenceExtractor(settings, report.toolVersion());
        Set<String> usedNames = new HashSet<>();
        List<CaptureResult> captures = new ArrayList<>(report.captures());
        for (int i = 0; i < inputs.size(); i++) {
            InputFile input = inputs.get(i);
            if (input.problem() != null) {
                continue;
            }
            // two captures with the same name in different folders must not overwrite each other's evidence
            String base = EvidenceExtractor.baseName(input.path());
            for (int n = 2; !usedNames.add(base); n++) {
                base = EvidenceExtractor.baseName(input.path()) + "-" + n;
            }
            try {
                EvidenceExtractor.Extraction done = extractor.extract(input, captures.get(i), dir, base);
                for (EvidenceFile file : done.written().values()) {
                    err.println("ackwatch: evidence written to " + file.file());
                }
                List<String> remarks = new ArrayList<>();
                if (done.skipped() > 0) {
                    String more = done.skipped() + " more failed or degraded connections got no evidence file"
                            + " (at most " + EvidenceExtractor.MAX_FILES + " per capture, failed ones first)";
                    remarks.add(more);
                    err.println("ackwatch: " + more.replaceFirst("connections", "connections of "
                            + input.displayName()) + "; pick others with --filter, e.g. --filter 'host CLIENT'");
                }
                captures.set(i, captures.get(i).withEvidence(done.written(), remarks));
            } catch (IOException e) {
                complete = false;
                String reason = OneLine.of(IoProblem.reason(e));
                err.println("ackwatch: cannot write evidence for " + OneLine.of(input.displayName()) + ": " + reason);
                captures.set(i, captures.get(i).withEvidence(Map.of(), List.of("evidence files could not be"
                        + " written: " + reason)));
            }
        }
        err.flush();
        return new EvidenceRun(new Report(report.toolVersion(), captures), complete);
    }
}
