package io.ackwatch.analysis;

import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.SegmentLog;
import java.util.ArrayList;
import java.util.List;

/**
 * The server (printer) reset an established connection. A failure when client data was still
 * unacknowledged (the job was cut off; RFC 1122 §4.2.2.13 calls a reset over unread data "data lost"), a
 * warning when the job is known to be incomplete, when nothing tells that it was complete (no end of job
 * recognised and no FIN from the client before the reset) or the client never sent anything, and only info
 * after a complete job: a reset then is a common, harmless way to close.
 * A reset in answer to a SYN is {@link ConnectionRefusedRule}'s.
 */
public final class PrinterResetRule extends Rule {
    public static final String ID = "printer-reset";

    public PrinterResetRule() {
        super(ID, Severity.FAILURE,
                "the printer reset the connection: failure with client data unacknowledged, info after a"
                        + " complete, acknowledged job");
    }

    @Override
    public List<Finding> evaluate(RuleContext ctx) {
        FlowFacts facts = ctx.facts();
        List<Integer> rsts = facts.rsts(false);
        if (rsts.isEmpty()) {
            return List.of();
        }
        SegmentLog log = facts.log();
        int r = rsts.get(0);
        if (isRefusal(ctx, log, r)) {
            return List.of();
        }
        long rstFrame = log.frame(r);
        long rstNanos = log.timeNanos(r);
        List<Long> frames = new ArrayList<>();
        for (int i : rsts) {
            frames.add(log.frame(i));
        }
        List<DataSegment> cutOff = new ArrayList<>();
        long unackedBytes = 0;
        long sentBytes = 0;
        long lastClientNanos = -1;
        ArrayList<DataSegment> data = facts.dataList(true);
        for (int k = 0; k < data.size(); k++) {
            DataSegment d = data.get(k);
            if (d.index() < r) {
                sentBytes += d.length();
                lastClientNanos = Math.max(lastClientNanos, d.lastSendNanos());
                if (!d.acked() || d.ackNanos() > rstNanos) {
                    cutOff.add(d);
                    unackedBytes += d.length();
                }
            }
        }
        String who = "The " + ctx.serverName() + " reset the connection (frame " + rstFrame + ")";
        if (!cutOff.isEmpty()) {
            List<Long> dataFrames = new ArrayList<>();
            for (DataSegment d : cutOff) {
                dataFrames.add(d.frame());
            }
            frames.addAll(dataFrames);
            StringBuilder msg = new StringBuilder(who).append(" with ").append(unackedBytes)
                    .append(" bytes of client data unacknowledged (").append(Evidence.frameList(dataFrames)).append(')');
            long end = cutOff.get(cutOff.size() - 1).end();
            if (facts.rstAcknowledges(r, end)) {
                msg.append("; the reset itself acknowledges that data, so it arrived and the ").append(ctx.serverNoun())
                        .append(" discarded it");
            }
            msg.append('.');
            appendTtlRemark(ctx, r, msg);
            return List.of(finding(ctx, Severity.FAILURE, frames, msg));
        }
        if (ctx.job() != null && Boolean.FALSE.equals(ctx.job().complete())) {
            String msg = who + " before the print job was complete: the " + sentBytes
                    + " bytes sent were acknowledged, but the job's end was never delivered.";
            return List.of(finding(ctx, Severity.WARNING, frames, msg));
        }
        if (sentBytes == 0) {
            long accepted = ctx.flow().handshake().synAckNanos();
            String after = accepted > 0 ? " " + Evidence.duration(rstNanos - accepted) + " after accepting it" : "";
            String msg = who + after + ", before the client had sent any data.";
            return List.of(finding(ctx, Severity.WARNING, frames, msg));
        }
        StringBuilder msg = new StringBuilder(who).append(" after acknowledging all ").append(sentBytes)
                .append(" bytes the client sent");
        int clientFin = firstClientFinBefore(log, r);
        boolean jobComplete = ctx.job() != null && Boolean.TRUE.equals(ctx.job().complete());
        if (!jobComplete && clientFin < 0) {
            String early = who + " before the client had finished: the " + sentBytes + " bytes sent were"
                    + " acknowledged, but no end of job was recognised and the client had not closed its side (no FIN),"
                    + " so the job's end was never seen.";
            return List.of(finding(ctx, Severity.WARNING, frames, early));
        }
        if (jobComplete) {
            msg.append(", with the print job complete");
        } else if (clientFin >= 0) {
            msg.append(", after the client had finished (FIN in frame ").append(log.frame(clientFin)).append(')');
            frames.add(log.frame(clientFin));
        } else if (lastClientNanos >= 0) {
            msg.append(", ").append(Evidence.duration(rstNanos - lastClientNanos))
                    .append(" after the client's last data");
        }
        msg.append("; nothing was lost.");
        return List.of(finding(ctx, Severity.INFO, frames, msg));
    }

    /** A reset before any SYN-ACK from the server, after the client's SYN, is a refused connection. */
    static boolean isRefusal(RuleContext ctx, SegmentLog log, int rst) {
        if (ctx.flow().handshake().synFrame() == 0) {
            return false;
        }
        for (int i = 0; i < rst; i++) {
            int f = log.tcpFlags(i);
            if (!log.fromClient(i) && (f & TcpSegment.SYN) != 0 && (f & TcpSegment.ACK) != 0) {
                return false;
            }
        }
        return true;
    }

    private static int firstClientFinBefore(SegmentLog log, int before) {
        for (int i = 0; i < before; i++) {
            if (log.fromClient(i) && (log.tcpFlags(i) & TcpSegment.FIN) != 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A reset forged by a firewall usually leaves with a different TTL than the host's own packets
     * (docs/tcp-analysis.md §11, heuristic).
     */
    private static void appendTtlRemark(RuleContext ctx, int rst, StringBuilder msg) {
        int usual = ctx.facts().usualTtl(false);
        int ttl = ctx.facts().log().ttl(rst);
        if (usual >= 0 && ttl >= 0 && ttl != usual) {
            msg.append(" The reset's TTL (").append(ttl).append(") differs from the ").append(ctx.serverNoun())
                    .append("'s other packets (").append(usual).append("): a firewall may have sent it.");
        }
    }

    /** True when the server's first reset carries a TTL its other packets do not (possibly forged). */
    public static boolean rstTtlMismatch(FlowFacts facts) {
        List<Integer> rsts = facts.rsts(false);
        if (rsts.isEmpty()) {
            return false;
        }
        int usual = facts.usualTtl(false);
        int ttl = facts.log().ttl(rsts.get(0));
        return usual >= 0 && ttl >= 0 && ttl != usual;
    }
}
