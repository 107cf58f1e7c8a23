package io.ackwatch.verdict;

import io.ackwatch.analysis.AckDelays;
import io.ackwatch.analysis.AckEcho;
import io.ackwatch.analysis.AckLatency;
import io.ackwatch.analysis.ClientResetRule;
import io.ackwatch.analysis.ConnectionRefusedRule;
import io.ackwatch.analysis.DataSegment;
import io.ackwatch.analysis.Evidence;
import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.FlowFacts;
import io.ackwatch.analysis.MissingAckRule;
import io.ackwatch.analysis.PacketLossRule;
import io.ackwatch.analysis.PrinterResetRule;
import io.ackwatch.analysis.RetransmissionStormRule;
import io.ackwatch.analysis.RoundTrip;
import io.ackwatch.analysis.RuleContext;
import io.ackwatch.analysis.SegmentFates;
import io.ackwatch.analysis.Severity;
import io.ackwatch.analysis.SlowAckRule;
import io.ackwatch.analysis.SmallWindowRule;
import io.ackwatch.analysis.SpuriousRetransmissionRule;
import io.ackwatch.analysis.SynUnansweredRule;
import io.ackwatch.analysis.ZeroWindowRule;
import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.Handshake;
import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.TcpAnalysisFlag;
import java.util.ArrayList;
import java.util.List;

/**
 * Whom the findings point at, given where the capture was taken (docs/tcp-analysis.md §11). The printer is
 * blamed only where the packets support it: at its own port (data arrives, no ACK leaves), or at the client
 * when the printer's other packets still arrive but none acknowledges the data. Where one capture cannot tell,
 * the fault is UNKNOWN and the reasoning names the capture that would settle it.
 */
final class FaultAttribution {

    /** Fault plus the sentences explaining it. */
    record Attribution(Fault fault, List<String> reasoning) {}

    private final RuleContext ctx;
    private final Vantage vantage;
    private final String server;
    private final List<String> reasons = new ArrayList<>();

    private FaultAttribution(RuleContext ctx, Vantage vantage) {
        this.ctx = ctx;
        this.vantage = vantage;
        this.server = ctx.serverNoun();
    }

    /** The capture that settles what a client-side capture cannot: at the server's own switch port. */
    private String serverPortCapture() {
        return "a capture on the " + server + "'s switch port (SPAN or TAP)";
    }

    static Attribution attribute(RuleContext ctx, List<Finding> findings, Vantage vantage) {
        return new FaultAttribution(ctx, vantage).decide(findings);
    }

    private Attribution decide(List<Finding> findings) {
        Finding primary = primary(findings);
        if (primary == null) {
            return new Attribution(Fault.NONE, List.of(healthy()));
        }
        Fault fault = switch (primary.rule()) {
            case ConnectionRefusedRule.ID -> refused();
            case SynUnansweredRule.ID -> synUnanswered();
            case MissingAckRule.ID -> primary.severity() == Severity.FAILURE
                    ? unacknowledgedData(findings) : lateAck(findings);
            case RetransmissionStormRule.ID -> primary.severity() == Severity.FAILURE
                    ? unacknowledgedData(findings) : lateAck(findings);
            case PrinterResetRule.ID -> printerReset(primary);
            case ClientResetRule.ID -> clientReset(primary, findings);
            case ZeroWindowRule.ID -> zeroWindow();
            case SlowAckRule.ID -> slowAck();
            case PacketLossRule.ID -> network(PacketLossRule.lossShown(ctx, true) || PacketLossRule.lossShown(ctx, false)
                    ? "packets were lost between the hosts and recovered by retransmission (duplicate ACKs, fast"
                            + " retransmissions or a hole filled later), which is the network's doing"
                    : "segments had to be resent after a timeout while the " + server + " otherwise acknowledged"
                            + " promptly, which points at packets lost on the way" + resendAnswered());
            case SpuriousRetransmissionRule.ID -> spurious();
            default -> unknown("no rule attributes this finding");
        };
        confidenceNotes(findings, fault);
        return new Attribution(fault, List.copyOf(reasons));
    }

    /** The finding that decides: the first failure, else the first warning; resets yield to their cause. */
    private static Finding primary(List<Finding> findings) {
        for (Severity s : new Severity[] {Severity.FAILURE, Severity.WARNING}) {
            Finding first = null;
            for (Finding f : findings) {
                if (f.severity() != s) {
                    continue;
                }
                if (first == null) {
                    first = f;
                }
                if (!f.rule().equals(ClientResetRule.ID) && !f.rule().equals(PrinterResetRule.ID)) {
                    return f;
                }
            }
            if (first != null) {
                return first;
            }
        }
        return null;
    }

    private String healthy() {
        AckDelays d = ctx.facts().ackDelays();
        long sent = ctx.flow().clientBytes();
        StringBuilder sb = new StringBuilder("No failure or warning");
        if (sent > 0) {
            sb.append(": the ").append(server).append(" acknowledged the client's data");
            if (d.present()) {
                sb.append(" (median ACK delay ").append(Evidence.duration(d.medianNanos())).append(')');
            }
        }
        return sb.append('.').toString();
    }

    private Fault refused() {
        if (PrinterResetRule.rstTtlMismatch(ctx.facts())) {
            return unknown("the reset that refused the connection has a different TTL from the " + server
                    + "'s other packets, so a firewall may have sent it; " + serverPortCapture()
                    + " would show whether the " + server + " itself refused");
        }
        reasons.add("The " + server + " answered the SYN with a reset: it refused the connection itself (port closed,"
                + " or busy with another connection).");
        return Fault.SERVER;
    }

    private Fault synUnanswered() {
        if (ctx.flow().icmpQuotedFrames() > 0) {
            return network("ICMP errors quoting the SYN came back, so the network reported the " + server
                    + " unreachable");
        }
        if (vantage == Vantage.SERVER) {
            reasons.add("The capture is on the " + server + "'s side: the SYNs reached it and it sent nothing back"
                    + " (busy, accepting one connection at a time, or its listener is down).");
            return Fault.SERVER;
        }
        String here = vantage == Vantage.CLIENT ? "a capture on the client's side cannot tell"
                : "nothing places this capture at the " + server + "'s port, so it cannot tell";
        return unknown("only the SYNs are visible; " + here + " whether they reached the " + server + ". "
                + capitalize(serverPortCapture()) + " would settle it (also check that the " + server + " answers ARP)");
    }

    /** The client's data went unacknowledged (missing ACK, storm without ACK, client gave up). */
    private Fault unacknowledgedData(List<Finding> findings) {
        FlowFacts facts = ctx.facts();
        boolean sender = true;
        List<DataSegment> unacked = facts.unacknowledged(true);
        if (unacked.isEmpty() || !anyResent(unacked) && anyResent(facts.unacknowledged(false))) {
            sender = false;
            unacked = facts.unacknowledged(false);
        }
        if (unacked.isEmpty()) {
            return unknown("the unacknowledged data lies outside the kept segment log");
        }
        Vantage receiverSide = sender ? Vantage.SERVER : Vantage.CLIENT;
        Fault receiverFault = sender ? Fault.SERVER : Fault.CLIENT;
        String receiver = ctx.noun(!sender);
        String senderName = ctx.noun(sender);
        DataSegment first = unacked.get(0);
        SegmentLog log = facts.log();
        List<Integer> dupAcks = new ArrayList<>();
        for (int i : facts.flagged(!sender, TcpAnalysisFlag.DUPLICATE_ACK)) {
            if (log.timeNanos(i) >= first.nanos()) {
                dupAcks.add(i);
            }
        }
        if (!dupAcks.isEmpty()) {
            return network("the " + receiver + " kept sending duplicate ACKs (frame " + log.frame(dupAcks.get(0))
                    + " on) for the data before frame " + first.frame() + ", so it was alive and missing that segment:"
                    + " the segment was lost on the way to it");
        }
        boolean resent = first.retransmissions() > 0;
        String portCapture = "a capture at the " + receiver + "'s switch port";
        if (vantage == receiverSide) {
            if (hasCaptureGap(facts) && !resent) {
                return unknown("the capture is at the " + receiver + "'s side but dropped packets elsewhere, and the "
                        + senderName + " never resent the data, so an ACK missing from this capture proves little");
            }
            reasons.add("The capture is on the " + receiver + "'s side: the data arrived there (frame " + first.frame()
                    + (resent ? " and its retransmissions" : "") + ") and the " + receiver
                    + " sent no ACK for it, so its TCP stack stopped acknowledging.");
            return receiverFault;
        }
        List<Integer> later = segmentsAfter(first, !sender);
        // the receiver's side returned above, so a known vantage here is the sender's
        String lead = vantage == Vantage.UNKNOWN || vantage == Vantage.MIDDLE ? "The "
                : "Seen from the " + senderName + "'s side, the ";
        int covering = coveringAck(later, first.end());
        if (covering >= 0 && (log.tcpFlags(covering) & TcpSegment.RST) != 0) {
            int resends = first.retransmissions();
            return network("the " + receiver + "'s reset (frame " + log.frame(covering) + ") acknowledges the data"
                    + " (relative seq " + log.ack(covering) + ", the end of frame " + unacked.get(unacked.size() - 1).frame()
                    + "), so its TCP took it; a TCP that takes data acknowledges it and every resend (at least "
                    + Evidence.count(unacked.size() + resends, "ACK") + " here), yet none reached this capture point while"
                    + " the " + receiver + "'s other packets did: its ACKs were lost on the way back (the network, or a"
                    + " filter that drops them)");
        }
        if (covering >= 0) {
            reasons.add(lead + receiver + "'s own frame " + log.frame(covering) + " acknowledges the data, so it"
                    + " arrived; the " + receiver + " did not acknowledge it in time.");
            return receiverFault;
        }
        if (!later.isEmpty()) {
            reasons.add(lead + receiver + "'s own packets still reach the capture point after the data ("
                    + describe(later) + ") while no ACK for the data ever does: the way back works and the " + receiver
                    + "'s TCP never took the data, since its acknowledgement numbers stop before it.");
            reasons.add("Caveat: a forward path that drops these segments but lets small packets through"
                    + (allFullSized(unacked) ? " (an MTU black hole: only full-sized segments went unacknowledged)"
                            : "") + " would look the same; " + portCapture + " (SPAN or TAP) would rule it out.");
            return receiverFault;
        }
        int smallWindow = sender && has(findings, SmallWindowRule.ID, Severity.WARNING)
                ? SmallWindowRule.subSegmentWindowBefore(ctx, first.index()) : -1;
        if (smallWindow >= 0) {
            reasons.add("The " + receiver + "'s own window advertisements are in the capture: its frame "
                    + log.frame(smallWindow) + " offered " + ((long) log.window(smallWindow)) + " bytes, below one"
                    + " full segment (its MSS " + SmallWindowRule.mss(ctx) + "), and the segment it then left"
                    + " unacknowledged (frame " + first.frame() + ") filled that window (see small-window). A window"
                    + " that small is the " + receiver + "'s flow control, whatever the capture point: it stalled"
                    + " the job as a closed window does.");
            return receiverFault;
        }
        String where = vantage == Vantage.UNKNOWN || vantage == Vantage.MIDDLE ? "From this capture point"
                : "From the " + senderName + "'s side";
        return unknown(where + " a lost data segment, a lost ACK and a silent " + receiver + " look the same: nothing"
                + " from the " + receiver + " arrived after the data. " + capitalize(portCapture)
                + " (SPAN or TAP) would show whether the data arrived and whether an ACK left");
    }

    /** The first of {@code indices} whose ack field (RST included) covers {@code end}, -1 when none. */
    private int coveringAck(List<Integer> indices, long end) {
        SegmentLog log = ctx.facts().log();
        for (int i : indices) {
            if ((log.tcpFlags(i) & TcpSegment.ACK) != 0 && log.ack(i) >= end) {
                return i;
            }
        }
        return -1;
    }

    private static boolean anyResent(List<DataSegment> unacked) {
        for (DataSegment d : unacked) {
            if (d.retransmissions() > 0) {
                return true;
            }
        }
        return false;
    }

    /** Data was acknowledged, but only after the client had resent it. */
    private Fault lateAck(List<Finding> findings) {
        if (PacketLossRule.lossShown(ctx, true)) {
            return network("the data was lost on the way and recovered (see packet-loss)");
        }
        if (vantage == Vantage.SERVER) {
            for (DataSegment d : ctx.facts().clientData()) {
                if (d.retransmittedBeforeAck() && d.ackFrame() > 0 && !d.firstSeenAsRetransmission()) {
                    String echo = d.ackEcho() == AckEcho.UNKNOWN ? "" : "; " + echo(d);
                    reasons.add("The capture is on the " + server + "'s side and the first transmission (frame "
                            + d.frame() + ") arrived there, yet the " + server + " acknowledged it only after the"
                            + " client had resent it " + Evidence.times(d.retransmissionsBeforeAck()) + " (ACK in frame "
                            + d.ackFrame() + echo + "): it was slow to acknowledge.");
                    return Fault.SERVER;
                }
            }
            return network("the first transmission never reached the " + server + "'s side of the capture; only the"
                    + " retransmissions did");
        }
        SegmentFates fates = ctx.facts().fates();
        AckLatency latency = AckLatency.of(ctx.facts(), ctx.thresholds());
        DataSegment echoed = fates.firstEchoed();
        if (fates.resendsAllLateAcks() && (latency.share() == AckLatency.Share.SERVER
                || echoed != null && heldBeyondPath(echoed, latency.roundTrip()))) {
            DataSegment d = fates.firstLateAck();
            String whyLate = d == echoed
                    ? echo(d) + "; that ACK came " + Evidence.duration(d.ackDelayNanos()) + " after the first copy"
                    : "the " + server + "'s ACK (frame " + d.ackFrame() + ") came " + Evidence.duration(d.ackDelayNanos())
                            + " after the original, about as late as its ACKs of data that was never resent (up to "
                            + Evidence.duration(latency.delays().maxNanos()) + ")";
            reasons.add("The client's resend of frame " + d.frame() + " (frame " + d.retransmissionFrames().get(0)
                    + ") was no loss: " + whyLate + ", while its SYN-ACK came "
                    + Evidence.duration(latency.roundTrip().serverSideNanos()) + " after the SYN."
                    + " A path that fast cannot hold back only the ACKs: the " + server + " acknowledges late, and the"
                    + " client's retransmission timer ran out waiting for that late ACK.");
            return Fault.SERVER;
        }
        String covering = ackCoveringUnresentData();
        String evidence = covering != null ? covering + ". " : echoed != null ? echo(echoed) + ". " : "";
        return unknown(evidence + "From this capture point a lost segment, lost ACKs and a " + server
                + " that acknowledges late look the same. " + capitalize(serverPortCapture()) + " would settle it");
    }

    /**
     * The timestamp evidence for a loss beyond a capture point that saw the first copy pass: the ACK covering a
     * segment the {@code server} acknowledged later than usual echoes a resend's TSval, so its TCP answered the
     * resend, not the first copy. Empty at the server's port (the first copy arrived there) or without such echo.
     */
    private String resendAnswered() {
        if (vantage == Vantage.SERVER) {
            return "";
        }
        for (DataSegment d : ctx.facts().clientData()) {
            if (d.ackEcho() == AckEcho.RESEND && !SegmentFates.acknowledgedAsUsual(d, ctx.facts().ackDelays())) {
                return "; " + echo(d) + ", and the first copy passed this capture point: it, or the " + server
                        + "'s ACK of it, was lost beyond here";
            }
        }
        return "";
    }

    /**
     * True when the ACK of {@code d} came later after its first copy than the handshake's round trip plus the
     * slow-ack threshold: a path as fast as the handshake showed cannot explain it.
     */
    private boolean heldBeyondPath(DataSegment d, RoundTrip rtt) {
        return rtt.present() && d.ackDelayNanos() - rtt.totalNanos() > ctx.thresholds().slowAckP95Nanos();
    }

    /**
     * The TCP timestamp evidence of which copy of {@code d} its covering ACK answers (RFC 7323 echo, RFC 3522
     * reading), as a clause with the frames; empty when the timestamps tell nothing.
     */
    private String echo(DataSegment d) {
        String ack = "frame " + d.ackFrame() + "'s ACK echoes TSval " + d.ackTsecr();
        return switch (d.ackEcho()) {
            case FIRST_COPY -> ack + " of frame " + d.frame() + ", the first copy: the " + server + " had it; the"
                    + " resend at frame " + d.retransmissionFrames().get(0) + " was spurious";
            case RESEND -> ack + " of the resend at frame " + d.echoedResendFrame() + ", not TSval " + d.tsval()
                    + " of the first copy (frame " + d.frame() + "): the " + server + "'s TCP answered the resend";
            case UNKNOWN -> "";
        };
    }

    /**
     * The first ACK after a storm that also covers data sent only once shows the printer had that data all
     * along: the ACKs it sent earlier never arrived.
     */
    private String ackCoveringUnresentData() {
        List<DataSegment> data = ctx.facts().clientData();
        for (DataSegment d : data) {
            if (!d.retransmittedBeforeAck() || d.ackFrame() == 0) {
                continue;
            }
            for (DataSegment other : data) {
                if (other.seq() > d.seq() && other.retransmissionsBeforeAck() == 0 && other.ackFrame() == d.ackFrame()
                        && other.nanos() < d.lastSendNanos()) {
                    return "The " + server + "'s ACK in frame " + d.ackFrame() + " also covers frame " + other.frame()
                            + ", which was never resent, so the " + server + " had the data all along: its earlier ACKs"
                            + " were lost on the way back, or it never sent them";
                }
            }
        }
        return null;
    }

    private Fault printerReset(Finding primary) {
        List<Integer> rsts = ctx.facts().rsts(false);
        Fault lost = rsts.isEmpty() ? null : acksLostBeyondCapture();
        if (lost != null) {
            reasons.add("The " + server + "'s reset (frame " + ctx.facts().log().frame(rsts.get(0))
                    + ") is its own timeout reacting to that stall.");
            return lost;
        }
        if (PrinterResetRule.rstTtlMismatch(ctx.facts())) {
            return unknown("the reset has a different TTL from the " + server + "'s other packets, so a firewall may"
                    + " have sent it; " + serverPortCapture() + " would show whether the " + server + " sent it");
        }
        reasons.add(primary.severity() == Severity.FAILURE
                ? "The " + server + " itself reset the connection while client data was outstanding, which discards"
                        + " that data."
                : "The " + server + " itself reset the connection before a job was delivered.");
        return Fault.SERVER;
    }

    private Fault clientReset(Finding primary, List<Finding> findings) {
        List<Integer> rsts = ctx.facts().rsts(true);
        if (!rsts.isEmpty() && ctx.facts().unansweredProbes(true, rsts.get(0)).size()
                >= ClientResetRule.UNANSWERED_PROBES) {
            reasons.add("The client's keep-alive probes got no answer before it gave up: the " + server + " stopped"
                    + " responding (hung). If a capture at the " + server + "'s port does not show the probes"
                    + " arriving, the network lost them instead.");
            return Fault.SERVER;
        }
        if (primary.severity() == Severity.FAILURE && !ctx.facts().unacknowledged(true).isEmpty()) {
            int resends = 0;
            for (DataSegment d : ctx.facts().unacknowledged(true)) {
                resends += d.retransmissions();
            }
            if (resends > 0) {
                reasons.add("The client gave up after resending unacknowledged data; the cause is the missing ACK.");
                return unacknowledgedData(findings);
            }
            reasons.add("The client reset the connection with data outstanding without ever resending it: it aborted"
                    + " on its own.");
            return Fault.CLIENT;
        }
        reasons.add("The client aborted the connection although the " + server + " had acknowledged everything.");
        return Fault.CLIENT;
    }

    private Fault zeroWindow() {
        reasons.add("The " + server + " closed its receive window itself: that is its flow control (busy or paused),"
                + " not a network fault.");
        return Fault.SERVER;
    }

    private Fault slowAck() {
        AckLatency latency = AckLatency.of(ctx.facts(), ctx.thresholds());
        AckDelays d = latency.delays();
        RoundTrip rtt = latency.roundTrip();
        switch (latency.share()) {
            case SERVER -> {
                reasons.add(vantage == Vantage.SERVER
                        ? "The capture is on the " + server + "'s side, where the ACK delay is the " + server
                                + "'s own (95th percentile " + Evidence.duration(d.p95Nanos()) + ")."
                        : "The SYN-ACK came " + Evidence.duration(rtt.serverSideNanos()) + " after the SYN, yet the "
                                + server + "'s data ACKs took " + Evidence.duration(d.p95Nanos()) + " (95th percentile):"
                                + " a path that carries the SYN-ACK that fast cannot hold back only the ACKs, so the"
                                + " delay is the " + server + "'s own.");
                DataSegment echoed = ctx.facts().fates().firstEchoed();
                if (echoed != null) {
                    reasons.add(capitalize(echo(echoed)) + ": a late ACK, not a loss.");
                }
                return Fault.SERVER;
            }
            case PATH -> {
                return network("the handshake round trip alone was " + Evidence.duration(rtt.totalNanos()) + " (SYN-ACK "
                        + Evidence.duration(rtt.serverSideNanos()) + " after the SYN, the client's ACK "
                        + Evidence.duration(rtt.clientSideNanos()) + " after the SYN-ACK) while the " + server + " itself"
                        + " added " + Evidence.duration(latency.serverOwnP95Nanos()) + " (95th percentile): a " + server
                        + " answers a SYN in its kernel at once, so a SYN-ACK as slow as the data ACKs means the path is"
                        + " slow, not the " + server);
            }
            default -> {
                if (vantage == Vantage.SERVER) {
                    reasons.add("The capture is on the " + server + "'s side, where the ACK delay is the " + server
                            + "'s own (95th percentile " + Evidence.duration(d.p95Nanos()) + ").");
                    return Fault.SERVER;
                }
                return unknown("the ACK delay seen here mixes the network round trip and the " + server + "'s own"
                        + " delay; " + serverPortCapture() + " would separate them");
            }
        }
    }

    private Fault spurious() {
        Fault lost = acksLostBeyondCapture();
        if (lost != null) {
            return lost;
        }
        DataSegment echoed = ctx.facts().fates().firstEchoed();
        if (echoed != null && ctx.facts().flagged(true, TcpAnalysisFlag.SPURIOUS_RETRANSMISSION).isEmpty()) {
            RoundTrip rtt = RoundTrip.of(ctx.flow().handshake(), ctx.facts().log());
            if (vantage == Vantage.SERVER || heldBeyondPath(echoed, rtt)) {
                reasons.add(capitalize(echo(echoed)) + ". Its ACK came " + Evidence.duration(echoed.ackDelayNanos())
                        + " after the first copy" + (rtt.present() ? ", while the handshake's round trip was "
                                + Evidence.duration(rtt.totalNanos()) : "") + ": the " + server + " acknowledged late.");
                return Fault.SERVER;
            }
            return unknown(echo(echoed) + ", so its ACK came late; whether the " + server + " held it or the path"
                    + " did cannot be told from here. " + capitalize(serverPortCapture()) + " would settle it");
        }
        if (vantage == Vantage.CLIENT) {
            reasons.add("The capture is on the client's side and shows the ACK before the resend, so the client's"
                    + " retransmission timer fired too early.");
            return Fault.CLIENT;
        }
        return unknown("whether the ACK reached the client late or the client's timer was too short cannot be told"
                + " from this capture point; a capture on the client would tell");
    }

    /**
     * At the server's side: the client resent data whose ACK had left the capture point longer before than the round
     * trip to the client takes, so that ACK should have arrived first; a timer "too short" would have been satisfied
     * by it. The ACK was lost (or held) after the capture point. Null when the fates do not show that.
     */
    private Fault acksLostBeyondCapture() {
        DataSegment d = ctx.facts().fates().firstAckPassed();
        RoundTrip rtt = RoundTrip.of(ctx.flow().handshake(), ctx.facts().log());
        if (vantage != Vantage.SERVER || d == null || !rtt.present()) {
            return null;
        }
        int before = d.retransmissionsBeforeAck();
        List<Long> after = d.retransmissionFrames().subList(before, d.retransmissions());
        long lead = d.retransmissionNanos().get(before) - d.ackNanos();
        if (lead <= rtt.clientSideNanos()) {
            return null;
        }
        return network("the " + server + " acknowledged frame " + d.frame() + " in frame " + d.ackFrame() + ", "
                + Evidence.duration(d.ackDelayNanos()) + " after it arrived, yet the client resent it "
                + Evidence.times(after.size()) + " (" + Evidence.frameList(after) + "), the first "
                + Evidence.duration(lead) + " after that ACK left here, longer than the round trip to the client ("
                + Evidence.duration(rtt.clientSideNanos()) + " from SYN-ACK to ACK): the ACK would have arrived first."
                + " The " + server + "'s ACKs left promptly and never took effect at the client, so they were lost or"
                + " held after this capture point (the network, or a filter on the client host)");
    }

    private void confidenceNotes(List<Finding> findings, Fault fault) {
        if (fault != Fault.NONE && hasCaptureGap(ctx.facts())) {
            reasons.add("The capture itself missed packets of this connection (see capture-gap), which lowers the"
                    + " confidence of conclusions drawn from absent packets.");
        }
        Handshake hs = ctx.flow().handshake();
        if (fault != Fault.NONE && hs.synFrame() == 0 && hs.synAckFrame() == 0) {
            reasons.add("The capture starts in the middle of the connection.");
        }
        if (ctx.facts().log().omitted() > 0) {
            reasons.add(ctx.facts().log().omitted() + " segments in the middle of this long connection were not"
                    + " kept for analysis.");
        }
    }

    private List<Integer> segmentsAfter(DataSegment data, boolean fromClient) {
        List<Integer> out = new ArrayList<>();
        SegmentLog log = ctx.facts().log();
        for (int i = data.index() + 1; i < log.size(); i++) {
            if (log.fromClient(i) == fromClient && !ctx.facts().isCopy(i) && log.timeNanos(i) >= data.nanos()) {
                out.add(i);
            }
        }
        return out;
    }

    private String describe(List<Integer> indices) {
        SegmentLog log = ctx.facts().log();
        List<String> kinds = new ArrayList<>();
        List<Long> frames = new ArrayList<>();
        int rst = -1;
        for (int i : indices) {
            frames.add(log.frame(i));
            if ((log.tcpFlags(i) & TcpSegment.RST) != 0 && rst < 0) {
                rst = i;
            }
        }
        if (rst >= 0) {
            kinds.add("its reset in frame " + log.frame(rst));
        }
        int others = indices.size() - (rst >= 0 ? 1 : 0);
        if (others == 0) {
            return kinds.get(0);
        }
        kinds.add(Evidence.count(others, rst >= 0 ? "other segment" : "segment"));
        return String.join(" and ", kinds) + ", " + Evidence.frameList(frames);
    }

    private boolean allFullSized(List<DataSegment> unacked) {
        int mss = ctx.flow().serverSide().mss() > 0 ? ctx.flow().serverSide().mss() : 1460;
        for (DataSegment d : unacked) {
            if (d.length() < mss) {
                return false;
            }
        }
        return true;
    }

    static boolean hasCaptureGap(FlowFacts facts) {
        for (boolean side : new boolean[] {true, false}) {
            for (FlowFacts.Gap g : facts.gaps(side)) {
                if (!g.filled()) {
                    return true;
                }
            }
        }
        return facts.flow().analysis().count(TcpAnalysisFlag.ACK_LOST_SEGMENT) > 0
                || !facts.flagged(true, TcpAnalysisFlag.ACK_LOST_SEGMENT).isEmpty()
                || !facts.flagged(false, TcpAnalysisFlag.ACK_LOST_SEGMENT).isEmpty();
    }

    private static boolean has(List<Finding> findings, String rule, Severity atLeast) {
        for (Finding f : findings) {
            if (f.rule().equals(rule) && f.severity().atLeast(atLeast)) {
                return true;
            }
        }
        return false;
    }

    private Fault network(String why) {
        reasons.add(capitalize(why) + ".");
        return Fault.NETWORK;
    }

    private Fault unknown(String why) {
        reasons.add(capitalize(why) + ".");
        return Fault.UNKNOWN;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
