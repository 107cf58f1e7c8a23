package io.ackwatch.report;

import io.ackwatch.analysis.Finding;
import io.ackwatch.capture.FileIdentity;
import io.ackwatch.capture.FileSpan;
import io.ackwatch.capture.SetMember;
import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.SynAckOptions;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.verdict.CaptureError;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.EvidenceFile;
import io.ackwatch.verdict.Fault;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.ClientActivity;
import io.ackwatch.verdict.Onset;
import io.ackwatch.verdict.OnsetCandidate;
import io.ackwatch.verdict.PrinterScan;
import io.ackwatch.verdict.Scan;
import io.ackwatch.verdict.SynAckVariant;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** Phrases that several formats share, so a connection reads the same in text, markdown, JUnit and HTML. */
public final class Labels {
    /** Frames listed before the rest is summed up; the display filter always has them all. */
    private static final int MAX_FRAMES = 20;
    /** A printer's SYN-ACK variants listed before the rest is counted; the JSON has every connection's. */
    private static final int MAX_SYN_ACK_VARIANTS = 3;
    /** A scan's hosts named before the rest is counted; the JSON has all of them. */
    private static final int MAX_SCAN_HOSTS = 10;

    /**
     * Why a failed or degraded connection has no ladder (its segment log was not kept, see
     * {@link CaptureResult#TROUBLED_LOGS_KEPT}) and where to look instead.
     */
    public static final String NO_LADDER = "No ladder: to bound memory, ackwatch keeps the segments of only "
            + CaptureResult.TROUBLED_LOGS_KEPT + " long failed or degraded connections per capture, and this one"
            + " came later. Open it in Wireshark with its filter above.";

    private Labels() {}

    /** {@code stream 7 10.0.0.5:50412 -> 192.0.2.7:9100 (raw)}; the JUnit test name. */
    public static String connection(FlowVerdict v) {
        return connection(v, v.flow());
    }

    /** {@link #connection(FlowVerdict)} with the verdict's flow at hand (a packed verdict decodes it per call). */
    static String connection(FlowVerdict v, TcpFlow f) {
        String service = v.service() == null ? "" : " (" + v.service() + ")";
        return "stream " + f.stream() + " " + f.client() + " -> " + f.server() + service;
    }

    /** Whom the evidence points at, in words: {@code printer} for the server side of a printer connection. */
    public static String fault(FlowVerdict v) {
        if (v.fault() == Fault.SERVER && v.printer()) {
            return "printer";
        }
        return v.fault().reportName();
    }

    /**
     * The client's data segments (payload-carrying frames, retransmissions included), or -1 when the segment
     * log left some frames out and the count cannot be exact.
     */
    public static long clientDataSegments(TcpFlow f) {
        SegmentLog log = f.log();
        if (log.size() == 0 || log.omitted() > 0) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < log.size(); i++) {
            if (log.fromClient(i) && log.len(i) > 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * {@code 2920 unique payload bytes (and 5840 resent) in 6 data segments (8 packets)}: distinct bytes and resent
     * ones apart, so that neither is set against the bytes acknowledged by mistake; all the client's packets
     * (handshake and pure ACKs too) in brackets.
     */
    public static String clientPayload(TcpFlow f) {
        long segments = clientDataSegments(f);
        String packets = plural(f.clientSide().packets(), "packet", "packets");
        long resent = f.clientSide().payloadBytes() - f.clientBytes();
        String bytes = resent > 0 ? f.clientBytes() + " unique payload bytes (and " + resent + " resent) "
                : f.clientSide().payloadBytes() + " payload bytes ";
        return bytes + (segments >= 0 ? "in " + plural(segments, "data segment", "data segments") + " (" + packets + ")"
                : "(" + packets + ")");
    }

    /**
     * A finding's frames: {@code 130 131 132}, or the first ones and the count when there are more
     * ({@code 4 5 … (first 20 of 93 frames; the filter selects all)}); empty when it names none.
     */
    public static String frames(Finding f) {
        List<Long> frames = f.frames();
        int shown = Math.min(frames.size(), MAX_FRAMES);
        StringJoiner j = new StringJoiner(" ");
        for (int i = 0; i < shown; i++) {
            j.add(Long.toString(frames.get(i)));
        }
        if (f.frameCount() == shown) {
            return j.toString();
        }
        return shown == 0 ? f.frameCount() + " frames, not listed; the filter selects them"
                : j + " … (first " + shown + " of " + f.frameCount() + " frames; the filter selects all)";
    }

    /** The display filter of a finding, or of its connection when the finding has none. */
    public static String filter(FlowVerdict v, Finding f) {
        return filter(v.flow(), f);
    }

    /** {@link #filter(FlowVerdict, Finding)} with the verdict's flow at hand. */
    static String filter(TcpFlow flow, Finding f) {
        return f.filter() != null && !f.filter().isBlank() ? f.filter() : flow.displayFilter();
    }

    /** Container format, with the compression around it: {@code pcapng (gzip)}. */
    public static String format(CaptureResult c) {
        String compression = c.compression() == null || c.compression().reportName().equals("none")
                ? "" : " (" + c.compression().reportName() + ")";
        return c.format().reportName() + compression;
    }

    /** {@code 12.3 MB, SHA-256 <hex>}: the capture file as {@code sha256sum} knows it; null when unknown. */
    public static String fileIdentity(CaptureResult c) {
        FileIdentity id = c.identity();
        return id == null ? null : size(id.sizeBytes()) + ", SHA-256 " + id.sha256();
    }

    /**
     * {@code ring_00002_….pcapng  frames 41-80 (pcapng, 12.3 kB, SHA-256 <hex>)}: a capture set's file and where its
     * frames lie in the set.
     */
    public static String setFile(SetMember m) {
        String frames = m.frames() == 0 ? "no frames"
                : "frames " + m.firstFrame() + "-" + (m.firstFrame() + m.frames() - 1);
        String identity = m.identity() == null ? "" : ", " + size(m.identity().sizeBytes()) + ", SHA-256 "
                + m.identity().sha256();
        return m.file() + "  " + frames + " (" + m.format().reportName() + identity + ")";
    }

    /** {@code ring_1.pcapng frames 33-40, ring_2.pcapng frames 1-3}: frames as each file of a set numbers them. */
    public static String fileSpans(List<FileSpan> spans) {
        StringJoiner j = new StringJoiner(", ");
        for (FileSpan span : spans) {
            j.add(span.file() + " frames " + span.firstFrame()
                    + (span.lastFrame() == span.firstFrame() ? "" : "-" + span.lastFrame()));
        }
        return j.toString();
    }

    /** {@code evidence/x-stream0-failed.pcapng (10 frames, SHA-256 <hex>)}. */
    public static String evidenceFile(EvidenceFile e) {
        return e.file() + " (" + plural(e.frames(), "frame", "frames") + ", SHA-256 " + e.sha256() + ")";
    }

    /** What a person calls a file size: {@code 812 bytes}, {@code 12.3 kB}, {@code 4.8 GB} (powers of 1000). */
    static String size(long bytes) {
        if (bytes < 1000) {
            return plural(bytes, "byte", "bytes");
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double value = bytes / 1000.0;
        int unit = 0;
        while (value >= 999.95 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** The capture's error, without a leading file name when the message repeats the capture's own. */
    public static String error(CaptureResult c) {
        CaptureError e = c.error();
        String prefix = c.file() + ": ";
        if (e.message() != null && e.message().startsWith(prefix) && e.message().length() > prefix.length()) {
            e = new CaptureError(e.kind(), e.message().substring(prefix.length()), e.fatal(), e.offset(),
                    e.afterFrame());
        }
        return error(e);
    }

    /** {@code truncated: <message>} plus whether anything was analyzed and up to where. */
    public static String error(CaptureError e) {
        StringBuilder sb = new StringBuilder(e.kind().reportName()).append(": ").append(e.message());
        if (e.fatal()) {
            sb.append(" (nothing analyzed)");
        } else if (e.afterFrame() >= 0) {
            sb.append(" (frames 1-").append(e.afterFrame()).append(" analyzed)");
        } else {
            sb.append(" (frames before the damage analyzed)");
        }
        if (e.offset() >= 0) {
            sb.append(" [byte offset ").append(e.offset()).append(']');
        }
        return sb.toString();
    }

    /** The last path element of a capture's file name ({@code /a/b/x.pcapng} → {@code x.pcapng}). */
    public static String baseName(String file) {
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        return slash >= 0 && slash < file.length() - 1 ? file.substring(slash + 1) : file;
    }

    /**
     * A SYN-ACK's parameters in the order of its header: {@code MSS 1460, window 65160, SACK, window scale 7,
     * timestamps (TSval 123456)}; {@code window 8192, no options} for a bare one.
     */
    public static String synAck(SynAckOptions o, boolean withTsval) {
        StringJoiner parts = new StringJoiner(", ");
        if (o.mss() >= 0) {
            parts.add("MSS " + o.mss());
        }
        parts.add("window " + o.window());
        if (o.sackPermitted()) {
            parts.add("SACK");
        }
        if (o.windowScale() >= 0) {
            parts.add("window scale " + o.windowScale());
        }
        if (o.timestamps()) {
            parts.add(withTsval ? "timestamps (TSval " + o.tsval() + ")" : "timestamps");
        }
        if (!o.otherOptions().isEmpty()) {
            parts.add("other option" + (o.otherOptions().size() == 1 ? " kind " : " kinds ")
                    + String.join(" ", o.otherOptions().stream().map(String::valueOf).toList()));
        }
        boolean bare = o.mss() < 0 && !o.sackPermitted() && o.windowScale() < 0 && !o.timestamps()
                && o.otherOptions().isEmpty();
        return bare ? parts + ", no options" : parts.toString();
    }

    /**
     * What a printer answered SYNs with: one SYN-ACK's parameters; when its connections disagree, how many
     * variants and each with its first stream; {@code none captured} without any SYN-ACK.
     */
    public static String synAckVariants(List<SynAckVariant> variants) {
        if (variants.isEmpty()) {
            return "none captured";
        }
        if (variants.size() == 1) {
            return synAck(variants.get(0).parameters(), false);
        }
        StringJoiner each = new StringJoiner("; ", variants.size() + " variants: ", "");
        for (SynAckVariant v : variants.subList(0, Math.min(variants.size(), MAX_SYN_ACK_VARIANTS))) {
            each.add(synAck(v.parameters(), false) + " (first stream " + v.firstStream() + ", "
                    + plural(v.connections(), "connection", "connections") + ")");
        }
        if (variants.size() > MAX_SYN_ACK_VARIANTS) {
            each.add(plural(variants.size() - MAX_SYN_ACK_VARIANTS, "more", "more"));
        }
        return each.toString();
    }

    /**
     * What a scan did, for every format: {@code 10.0.1.2 probed 2 hosts (10.0.2.9, 10.0.2.10) on ports 515, 631,
     * 9100: 6 connections without payload, frames 12–40 (1.2 s); a port scan, not print jobs, so left out of the
     * verdicts and the exit code}. Times are left to the format.
     */
    public static String scan(Scan s) {
        List<String> hosts = s.hosts();
        String shown = String.join(", ", hosts.subList(0, Math.min(hosts.size(), MAX_SCAN_HOSTS)))
                + (hosts.size() > MAX_SCAN_HOSTS ? " and " + (hosts.size() - MAX_SCAN_HOSTS) + " more" : "");
        return s.source() + " probed " + plural(hosts.size(), "host", "hosts") + " (" + shown + ") on "
                + (s.ports().size() == 1 ? "port " : "ports ")
                + String.join(", ", s.ports().stream().map(String::valueOf).toList()) + ": "
                + plural(s.connections(), "connection", "connections") + " without payload, frames " + s.firstFrame()
                + "–" + s.lastFrame() + " (" + Timestamps.duration(s.endNanos() - s.startNanos())
                + "); a port scan, not print jobs, so left out of the verdicts and the exit code";
    }

    /** A scan as a printer saw it: {@code from 10.0.1.2: 3 probes of ports 515, 631, 9100}. */
    public static String printerScan(PrinterScan s) {
        return "from " + s.source() + ": " + plural(s.connections(), "probe", "probes") + " of "
                + (s.ports().size() == 1 ? "port " : "ports ")
                + String.join(", ", s.ports().stream().map(String::valueOf).toList());
    }

    /**
     * {@code Onset at 10:42:17 (stream 5 failed) — candidates: stream 3 from 10.99.1.3 (urgent data (URG set)),
     * …}, or the same with {@link Onset#NO_TRIGGER}; the clock time as the report shows times.
     */
    public static String onsetHeadline(Onset o, String at) {
        StringBuilder sb = new StringBuilder("Onset at " + at + " (stream " + o.stream() + " "
                + o.verdict().reportName() + ") — ");
        if (!o.triggerFound()) {
            return sb.append(Onset.NO_TRIGGER).toString();
        }
        sb.append("candidates: ");
        StringJoiner all = new StringJoiner(", ");
        for (OnsetCandidate c : o.candidates()) {
            all.add(onsetCandidate(c) + " (" + shortPhrase(c.unusual().get(0)) + ")");
        }
        return sb.append(all).toString();
    }

    /** {@code stream 3 from 10.99.1.3}, {@code scan from 10.99.1.3}. */
    public static String onsetCandidate(OnsetCandidate c) {
        return (c.kind() == OnsetCandidate.Kind.SCAN ? "scan" : "stream " + c.stream()) + " from " + c.client();
    }

    /** What came before the onset: {@code 5 connections (312 packets) and 1 scan to the printer before it}. */
    public static String onsetBefore(Onset o) {
        String before = plural(o.connectionsBefore(), "connection", "connections") + " (" + plural(o.packetsBefore(),
                "packet", "packets") + ")" + (o.scansBefore() > 0 ? " and " + plural(o.scansBefore(), "scan", "scans")
                : "") + " to the printer before it";
        return before + (o.belowBar() > 0 ? "; " + plural(o.belowBar(), "connection or scan", "connections or scans")
                + " with something new below the evidence bar" : "");
    }

    /** {@code 10.99.1.2: 4 jobs (3 ok, 1 failed), first 5.0 s before the onset}. */
    public static String clientActivity(ClientActivity c) {
        StringJoiner verdicts = new StringJoiner(", ");
        if (c.ok() > 0) {
            verdicts.add(c.ok() + " ok");
        }
        if (c.degraded() > 0) {
            verdicts.add(c.degraded() + " degraded");
        }
        if (c.failed() > 0) {
            verdicts.add(c.failed() + " failed");
        }
        if (c.incomplete() > 0) {
            verdicts.add(c.incomplete() + " incomplete");
        }
        String first = c.leadNanos() > 0 ? "first " + Timestamps.duration(c.leadNanos()) + " before the onset"
                : c.leadNanos() == 0 ? "first at the onset" : "first " + Timestamps.duration(-c.leadNanos())
                + " after the onset";
        return c.address() + ": " + plural(c.jobs(), "job", "jobs") + " (" + verdicts + "), " + first
                + (c.presentThroughout() ? "" : c.leadNanos() > 0 ? ", present only near the onset"
                : ", present only from the onset on");
    }

    /** The phrase up to " in frame", a colon or a comma: {@code urgent data (URG set)}, {@code a scan of the printer}. */
    private static String shortPhrase(String phrase) {
        int cut = phrase.length();
        for (String end : new String[] {" in frame", ": ", ", "}) {
            int at = phrase.indexOf(end);
            if (at > 0) {
                cut = Math.min(cut, at);
            }
        }
        return phrase.substring(0, cut);
    }

    public static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
