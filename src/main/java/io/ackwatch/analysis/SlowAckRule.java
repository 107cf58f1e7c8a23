package io.ackwatch.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The server was slow to acknowledge data it did acknowledge: a warning when the 95th-percentile delay exceeds
 * {@link Thresholds#slowAckP95Millis()} (Windows' 200 ms delayed-ACK timer) over at least
 * {@link Thresholds#slowAckMinSamples()} segments, or when any ACK took longer than the RFC 1122 bound of
 * {@link Thresholds#delayedAckBoundMillis()}. The percentile counts what the client waited (the delay measured here
 * plus the path from the capture point to the client). The message says whose share it is ({@link AckLatency}): the
 * server's own, or the path's when the handshake was as slow as the data ACKs.
 */
public final class SlowAckRule extends Rule {
    public static final String ID = "slow-ack";

    public SlowAckRule() {
        super(ID, Severity.WARNING,
                "ACK delay p95 above slow-ack-p95-ms (over slow-ack-min-samples segments) or any ACK later than"
                        + " delayed-ack-bound-ms; silent for ordinary delayed ACKs");
    }

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        Thresholds t = ctx.thresholds();
        AckLatency latency = AckLatency.of(ctx.facts(), t);
        if (!latency.slow(t)) {
            return List.of();
        }
        AckDelays d = latency.delays();
        List<Long> frames = new ArrayList<>();
        StringBuilder measured = new StringBuilder("median ").append(Evidence.duration(d.medianNanos()))
                .append(", 95th percentile ").append(Evidence.duration(d.p95Nanos())).append(", worst ")
                .append(Evidence.duration(d.maxNanos())).append(" over ").append(Evidence.count(d.count(), "segment"));
        if (d.slowest() != null) {
            frames.add(d.slowest().frame());
            frames.add(d.slowest().ackFrame());
            measured.append(" (worst: frame ").append(d.slowest().frame()).append(", acknowledged in frame ")
                    .append(d.slowest().ackFrame()).append(')');
        }
        RoundTrip rtt = latency.roundTrip();
        String server = ctx.serverName();
        StringBuilder msg = new StringBuilder();
        switch (latency.share()) {
            case SERVER -> msg.append("The ").append(server).append(" was slow to acknowledge the client's data: ")
                    .append(measured).append("; the handshake round trip was only ")
                    .append(Evidence.duration(rtt.totalNanos())).append(", so the delay is the ")
                    .append(ctx.serverNoun()).append("'s own.");
            case PATH -> msg.append("The client waited long for its ACKs (95th percentile ")
                    .append(Evidence.duration(latency.clientWaitP95Nanos())).append(") although the ")
                    .append(ctx.serverNoun()).append(" added little (ACK delay here: ").append(measured)
                    .append("): the handshake round trip alone was ").append(Evidence.duration(rtt.totalNanos()))
                    .append(", so the delay is the path's round trip.");
            case UNSPLIT -> {
                msg.append("ACKs of the client's data came slowly: ").append(measured);
                if (rtt.present()) {
                    msg.append("; the handshake round trip was ").append(Evidence.duration(rtt.totalNanos()));
                }
                msg.append('.');
            }
        }
        if (latency.share() != AckLatency.Share.PATH && d.maxNanos() > t.delayedAckBoundNanos()) {
            msg.append(" An ACK later than ").append(t.delayedAckBoundMillis())
                    .append(" ms breaks RFC 1122 §4.2.3.2 if the delay is the receiver's own.");
        }
        // without the segment log (the flow stage's statistics) no frame is named: the filter is the connection
        return List.of(finding(ctx, Severity.WARNING, frames, msg));
    }
}
