package io.ackwatch.analysis;

import io.ackwatch.flow.Handshake;
import java.util.ArrayList;
import java.util.List;

/**
 * The server was slow to acknowledge data it did acknowledge: a warning when the 95th-percentile delay exceeds
 * {@link Thresholds#slowAckP95Millis()} (Windows' 200 ms delayed-ACK timer) over at least
 * {@link Thresholds#slowAckMinSamples()} segments, or when any ACK took longer than the RFC 1122 bound of
 * {@link Thresholds#delayedAckBoundMillis()}. The delay is measured at the capture point: at the printer's
 * port it is the printer's own delay, at the client it also holds the network round trip.
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
        AckDelays d = ctx.facts().ackDelays();
        if (!d.present()) {
            return List.of();
        }
        Thresholds t = ctx.thresholds();
        boolean slowP95 = d.count() >= t.slowAckMinSamples() && d.p95Nanos() > t.slowAckP95Nanos();
        boolean overBound = d.maxNanos() > t.delayedAckBoundNanos();
        if (!slowP95 && !overBound) {
            return List.of();
        }
        List<Long> frames = new ArrayList<>();
        StringBuilder msg = new StringBuilder("The ").append(ctx.serverName())
                .append(" was slow to acknowledge the client's data: median ")
                .append(Evidence.duration(d.medianNanos())).append(", 95th percentile ")
                .append(Evidence.duration(d.p95Nanos())).append(", worst ").append(Evidence.duration(d.maxNanos()))
                .append(" over ").append(Evidence.count(d.count(), "segment"));
        if (d.slowest() != null) {
            frames.add(d.slowest().frame());
            frames.add(d.slowest().ackFrame());
            msg.append(" (worst: frame ").append(d.slowest().frame()).append(", acknowledged in frame ")
                    .append(d.slowest().ackFrame()).append(')');
        }
        Handshake hs = ctx.flow().handshake();
        if (hs.complete()) {
            msg.append("; the handshake round trip was ").append(Evidence.duration(hs.ackNanos() - hs.synNanos()));
        }
        msg.append('.');
        if (overBound) {
            msg.append(" An ACK later than ").append(t.delayedAckBoundMillis())
                    .append(" ms breaks RFC 1122 §4.2.3.2 if the delay is the receiver's own.");
        }
        // without the segment log (the flow stage's statistics) no frame is named: the filter is the connection
        return List.of(finding(ctx, Severity.WARNING, frames, msg));
    }
}
