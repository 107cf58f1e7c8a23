package io.ackwatch.pipeline;

import io.ackwatch.report.Labels;
import io.ackwatch.report.RunDigest;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Report;
import java.util.ArrayList;
import java.util.List;

/**
 * The paragraph a run ends with on stderr when its report is not on the terminal (a file, or JSON, JUnit,
 * markdown or HTML): a CI log then says what was found and where the report went, without opening it.
 */
public final class RunSummary {
    private RunSummary() {}

    /**
     * @param report what the run found
     * @param places where each report file went, empty when the report went to stdout
     * @param warnings remarks for the run as a whole (an option that matched nothing), each a sentence
     */
    public static String paragraph(Report report, List<String> places, List<String> warnings) {
        RunDigest digest = RunDigest.of(report);
        Report.Summary t = digest.totals();
        int warned = (int) report.captures().stream().filter(c -> !c.warnings().isEmpty()).count();
        List<String> captureNotes = new ArrayList<>();
        if (t.unreadable() > 0) {
            captureNotes.add(t.unreadable() + " unreadable");
        }
        if (warned > 0) {
            captureNotes.add(warned + " with warnings");
        }
        StringBuilder sb = new StringBuilder("ackwatch: ")
                .append(Labels.plural(t.captures(), "capture", "captures"))
                .append(captureNotes.isEmpty() ? "" : " (" + String.join(", ", captureNotes) + ")")
                .append(", ").append(Labels.plural(digest.printers(), "printer", "printers"))
                .append(", ").append(Labels.plural(t.flows(), "connection", "connections")).append(" judged: ")
                .append(t.ok()).append(" ok, ").append(t.degraded()).append(" degraded, ")
                .append(t.failed()).append(" failed, ").append(t.incomplete()).append(" incomplete.");
        if (!digest.worst().isEmpty()) {
            List<String> named = new ArrayList<>();
            for (RunDigest.Worst w : digest.worst()) {
                FlowVerdict f = w.flow();
                named.add(f.verdict().reportName() + " " + Labels.connection(f) + " in " + w.capture()
                        + ", fault " + Labels.fault(f));
            }
            int more = digest.troubled() - named.size();
            sb.append(" Worst: ").append(String.join("; ", named))
                    .append(more > 0 ? "; and " + more + " more." : ".");
        }
        for (String warning : warnings) {
            sb.append(' ').append(warning);
        }
        sb.append(places.isEmpty() ? " Report: standard output."
                : places.size() == 1 ? " Report: " + places.get(0) + "."
                : " Reports: " + String.join(", ", places) + ".");
        return sb.toString();
    }
}
