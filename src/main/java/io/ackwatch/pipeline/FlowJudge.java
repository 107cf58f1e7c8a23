package io.ackwatch.pipeline;

import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;
import io.ackwatch.job.JobReader;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.VerdictPacker;
import io.ackwatch.verdict.Verdict;
import io.ackwatch.verdict.VerdictEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Judges each connection as soon as the flow stage lets go of it, and keeps only what the report needs:
 * a healthy connection keeps its numbers, a troubled one its segment log (for the ladder) as long as few
 * enough have been kept. Judging as flows finish, rather than at the end of the file, is what keeps memory
 * bounded by the connections alive at once instead of by the file; each judged connection is then kept packed
 * (see {@link VerdictPacker}), a few hundred bytes instead of a few KB.
 */
final class FlowJudge implements Consumer<TcpFlow> {
    /** Troubled connections per capture that keep a long segment log; reports draw ladders for fewer. */
    static final int DETAILED_TROUBLED_FLOWS = CaptureResult.TROUBLED_LOGS_KEPT;
    /** A troubled connection with a log this short keeps it anyway (a few KB), so it can be re-judged. */
    static final int SHORT_LOG = 64;

    private final AnalysisSettings settings;
    private final VerdictEngine engine;
    private final JobReader jobs;
    private final VerdictPacker packer = new VerdictPacker();
    private final List<FlowVerdict> verdicts = new ArrayList<>();
    /** Streams the flow stage has handed over, judged or not: a stream handed over again is merged, not judged. */
    private final BitSet seen = new BitSet();
    private final BitSet judged = new BitSet();
    /** Per judged connection, in judging order: its stream number << 32 | its index in {@link #verdicts}. */
    private long[] streamOrder = new long[1024];
    private int others;
    private int detailed;

    FlowJudge(AnalysisSettings settings) {
        this.settings = settings;
        this.jobs = new JobReader(settings.privacy());
        this.engine = new VerdictEngine(settings.thresholds(), settings.printers());
    }

    @Override
    public void accept(TcpFlow flow) {
        int stream = flow.stream();
        if (seen.get(stream)) {
            if (judged.get(stream)) {
                mergeLateFrames(flow);
            }
            return;
        }
        seen.set(stream);
        if (!settings.allFlows() && !settings.printers().isPrinter(flow.server())) {
            others++;
            return;
        }
        judged.set(stream);
        JobInfo job = jobs.read(flow, settings.printers().service(flow.server()));
        FlowVerdict v = engine.judge(flow, job);
        boolean keepLog = v.verdict() != Verdict.OK
                && (flow.log().size() <= SHORT_LOG || detailed++ < DETAILED_TROUBLED_FLOWS)
                || engine.needsCaptureEnd(flow);
        TcpFlow kept = keepLog ? v.flow().withoutStreamSamples() : v.flow().withoutDetail(); // with the rules' ACK delays
        if (verdicts.size() == streamOrder.length) {
            streamOrder = Arrays.copyOf(streamOrder, streamOrder.length * 2);
        }
        streamOrder[verdicts.size()] = (long) flow.stream() << 32 | verdicts.size();
        verdicts.add(packer.pack(v.withFlow(kept)));
    }

    /**
     * Late frames of a connection judged when it closed (see {@code FlowTracker}): they come after the job, so the
     * judgement stands and only the connection's frames, counters and flags grow. The connection was judged
     * recently, so it is near the end of the judging order.
     */
    private void mergeLateFrames(TcpFlow later) {
        for (int i = verdicts.size() - 1; i >= 0; i--) {
            if ((int) (streamOrder[i] >>> 32) == later.stream()) {
                int index = (int) streamOrder[i];
                FlowVerdict earlier = verdicts.get(index);
                verdicts.set(index, packer.pack(earlier.withFlow(earlier.flow().continuedBy(later))));
                return;
            }
        }
    }

    VerdictEngine engine() {
        return engine;
    }

    /**
     * The judged connections in stream order, refined by {@link VerdictEngine#refine(List, long)} knowing when
     * the capture ended, and packed again (refine hands back open verdicts for the few it changed).
     *
     * @param captureEndNanos time of the capture's last frame, -1 when unknown
     */
    List<FlowVerdict> refined(long captureEndNanos) {
        // by stream; packed verdicts are not asked for their stream, which would unpack them
        int n = verdicts.size();
        long[] order = Arrays.copyOf(streamOrder, n);
        Arrays.sort(order);
        List<FlowVerdict> sorted = new ArrayList<>(n);
        for (long key : order) {
            sorted.add(verdicts.get((int) key));
        }
        verdicts.clear();
        List<FlowVerdict> refined = engine.refine(sorted, captureEndNanos);
        List<FlowVerdict> out = new ArrayList<>(refined.size());
        for (FlowVerdict v : refined) {
            out.add(packer.pack(v));
        }
        return out;
    }

    /**
     * Connections handed over but left out: analysed because one end is on a printer port, but that end is the
     * client's. Connections with no printer end are counted by the tracker ({@code unanalysedConnections}).
     */
    int others() {
        return others;
    }
}
