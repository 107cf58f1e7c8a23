package io.ackwatch.pipeline;

import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;
import io.ackwatch.job.JobPrivacy;
import io.ackwatch.job.JobReader;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Verdict;
import io.ackwatch.verdict.VerdictEngine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Judges each connection as soon as the flow stage lets go of it, and keeps only what the report needs:
 * a healthy connection keeps its numbers, a troubled one its segment log (for the ladder) as long as few
 * enough have been kept. Judging as flows finish, rather than at the end of the file, is what keeps memory
 * bounded by the connections alive at once instead of by the file.
 */
final class FlowJudge implements Consumer<TcpFlow> {
    /** Troubled connections per capture that keep a long segment log; reports draw ladders for fewer. */
    static final int DETAILED_TROUBLED_FLOWS = 200;
    /** A troubled connection with a log this short keeps it anyway (a few KB), so it can be re-judged. */
    static final int SHORT_LOG = 64;

    private final AnalysisSettings settings;
    private final VerdictEngine engine;
    private final JobReader jobs = new JobReader();
    private final List<FlowVerdict> verdicts = new ArrayList<>();
    private int others;
    private int detailed;

    FlowJudge(AnalysisSettings settings) {
        this.settings = settings;
        this.engine = new VerdictEngine(settings.thresholds(), settings.printers());
    }

    @Override
    public void accept(TcpFlow flow) {
        if (!settings.allFlows() && !settings.printers().isPrinter(flow.server())) {
            others++;
            return;
        }
        JobInfo job = jobs.read(flow, settings.printers().service(flow.server()));
        if (job != null && settings.privacy()) {
            job = JobPrivacy.anonymize(job);
        }
        FlowVerdict v = engine.judge(flow, job);
        boolean keepLog = v.verdict() != Verdict.OK
                && (flow.log().size() <= SHORT_LOG || detailed++ < DETAILED_TROUBLED_FLOWS);
        TcpFlow kept = keepLog ? flow.withoutStreamSamples() : flow.withoutDetail();
        verdicts.add(new FlowVerdict(kept, v.printer(), v.service(), v.vantage(), v.verdict(), v.fault(),
                v.findings(), v.reasoning(), v.job()));
    }

    VerdictEngine engine() {
        return engine;
    }

    /** The judged connections in stream order. */
    List<FlowVerdict> verdicts() {
        verdicts.sort(Comparator.comparingInt(v -> v.flow().stream()));
        return verdicts;
    }

    /** TCP connections left out because they are not printer traffic. */
    int others() {
        return others;
    }
}
