package io.ackwatch.report;

import io.ackwatch.analysis.Finding;
import io.ackwatch.capture.Compression;
import io.ackwatch.flow.AckDelayStats;
import io.ackwatch.flow.Handshake;
import io.ackwatch.flow.TcpAnalysisFlag;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;
import io.ackwatch.verdict.CaptureError;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.PrinterSummary;
import io.ackwatch.verdict.Report;
import io.ackwatch.verdict.TimelineEntry;
import io.ackwatch.verdict.Vantage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * The machine-readable report, schema {@code ackwatch-report/1}. Properties are written in a fixed order so
 * that two runs over the same captures give byte-identical files. Beyond the schema's properties (which it
 * allows) it writes: capture {@code vantage}, {@code warnings}, {@code other_tcp_flows},
 * {@code compressed_with} (zstd, which the schema's {@code compression} enum predates); flow {@code filter},
 * {@code role_basis}, {@code history}, {@code handshake}, {@code client_bytes}, {@code first_unacked_frame},
 * {@code reasoning}, {@code job}; printer {@code timeline}.
 */
public final class JsonReportWriter implements ReportWriter {
    public static final String SCHEMA = "ackwatch-report/1";
    /** Milliseconds are written from nanoseconds, without float rounding noise: 412000 ns → 0.412. */
    private static final int MILLIS_SCALE = 6;

    private final ReportOptions options;

    public JsonReportWriter(ReportOptions options) {
        this.options = options;
    }

    @Override
    public void write(Report report, OutputStream out) throws IOException {
        JsonEmitter g = new JsonEmitter(out);
        g.writeStartObject();
        g.writeStringField("schema", SCHEMA);
        g.writeObjectFieldStart("tool");
        g.writeStringField("name", "ackwatch");
        g.writeStringField("version", report.toolVersion());
        g.writeEndObject();
        g.writeArrayFieldStart("captures");
        for (CaptureResult c : report.captures()) {
            capture(g, c);
        }
        g.writeEndArray();
        summary(g, report.summary());
        g.writeObjectFieldStart("options");
        g.writeStringField("fail_on", options.failOn().reportName());
        g.writeEndObject();
        g.writeEndObject();
        g.finish();
        out.flush();
    }

    private static void summary(JsonEmitter g, Report.Summary s) throws IOException {
        g.writeObjectFieldStart("summary");
        g.writeNumberField("captures", s.captures());
        g.writeNumberField("unreadable", s.unreadable());
        g.writeNumberField("flows", s.flows());
        g.writeNumberField("ok", s.ok());
        g.writeNumberField("degraded", s.degraded());
        g.writeNumberField("failed", s.failed());
        g.writeEndObject();
    }

    private static void capture(JsonEmitter g, CaptureResult c) throws IOException {
        int digits = c.precisionDigits();
        g.writeStartObject();
        g.writeStringField("file", c.file());
        g.writeStringField("format", c.format().reportName());
        if (c.compression() == Compression.ZSTD) {
            g.writeStringField("compressed_with", c.compression().reportName());
        } else if (c.compression() != null) {
            g.writeStringField("compression", c.compression().reportName());
        }
        g.writeArrayFieldStart("link_types");
        for (String lt : c.linkTypes()) {
            g.writeString(lt);
        }
        g.writeEndArray();
        g.writeNumberField("packets", c.packets());
        g.writeNumberField("tcp_packets", c.tcpPackets());
        if (c.startNanos() >= 0) {
            g.writeStringField("start", Timestamps.iso(c.startNanos(), digits));
        }
        if (c.endNanos() >= 0) {
            g.writeStringField("end", Timestamps.iso(c.endNanos(), digits));
        }
        if (c.vantage() != null) {
            g.writeStringField("vantage", c.vantage().reportName());
        }
        error(g, c.error());
        g.writeArrayFieldStart("warnings");
        for (String w : c.warnings()) {
            g.writeString(w);
        }
        g.writeEndArray();
        g.writeNumberField("other_tcp_flows", c.otherTcpFlows());
        g.writeArrayFieldStart("flows");
        for (FlowVerdict f : c.flows()) {
            flow(g, f, digits);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("printers");
        for (PrinterSummary p : c.printers()) {
            printer(g, p, digits);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void error(JsonEmitter g, CaptureError e) throws IOException {
        if (e == null) {
            g.writeNullField("error");
            return;
        }
        g.writeObjectFieldStart("error");
        g.writeStringField("kind", e.kind().reportName());
        g.writeStringField("message", e.message());
        g.writeBooleanField("fatal", e.fatal());
        if (e.offset() >= 0) {
            g.writeNumberField("offset", e.offset());
        }
        if (e.afterFrame() >= 0) {
            g.writeNumberField("after_frame", e.afterFrame());
        }
        g.writeEndObject();
    }

    private static void flow(JsonEmitter g, FlowVerdict v, int digits) throws IOException {
        TcpFlow f = v.flow();
        g.writeStartObject();
        g.writeNumberField("stream", f.stream());
        g.writeStringField("client", f.client().toString());
        g.writeStringField("server", f.server().toString());
        g.writeBooleanField("printer", v.printer());
        g.writeStringField("service", v.service());
        g.writeNumberField("first_frame", f.firstFrame());
        g.writeNumberField("last_frame", f.lastFrame());
        g.writeStringField("start", Timestamps.iso(f.startNanos(), digits));
        g.writeStringField("end", Timestamps.iso(f.endNanos(), digits));
        if (f.state() != null) {
            g.writeStringField("state", f.state().name());
        }
        g.writeStringField("vantage", (v.vantage() == null ? Vantage.UNKNOWN : v.vantage()).reportName());
        g.writeStringField("verdict", v.verdict().reportName());
        g.writeStringField("fault", v.fault().reportName());
        g.writeArrayFieldStart("findings");
        for (Finding finding : v.findings()) {
            finding(g, finding);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("packets");
        g.writeNumberField("client", f.clientSide().packets());
        g.writeNumberField("server", f.serverSide().packets());
        g.writeEndObject();
        g.writeObjectFieldStart("payload_bytes");
        g.writeNumberField("client", f.clientSide().payloadBytes());
        g.writeNumberField("server", f.serverSide().payloadBytes());
        g.writeEndObject();
        g.writeNumberField("delivered_bytes", f.deliveredBytes());
        ackDelay(g, f.ackDelay());
        g.writeObjectFieldStart("tcp_analysis");
        for (TcpAnalysisFlag flag : TcpAnalysisFlag.values()) {
            g.writeNumberField(flag.fieldName(), f.analysis().count(flag));
        }
        g.writeEndObject();
        // extensions
        g.writeStringField("filter", f.displayFilter());
        if (f.roleBasis() != null) {
            g.writeStringField("role_basis", f.roleBasis().name().toLowerCase(Locale.ROOT));
        }
        g.writeStringField("history", f.history());
        handshake(g, f.handshake());
        g.writeNumberField("client_bytes", f.clientBytes());
        if (f.firstUnackedFrame() > 0) {
            g.writeNumberField("first_unacked_frame", f.firstUnackedFrame());
        } else {
            g.writeNullField("first_unacked_frame");
        }
        g.writeArrayFieldStart("reasoning");
        for (String r : v.reasoning()) {
            g.writeString(r);
        }
        g.writeEndArray();
        if (v.job() != null) {
            job(g, v.job());
        }
        g.writeEndObject();
    }

    private static void finding(JsonEmitter g, Finding finding) throws IOException {
        g.writeStartObject();
        g.writeStringField("rule", finding.rule());
        g.writeStringField("severity", finding.severity().reportName());
        g.writeArrayFieldStart("frames");
        for (long frame : finding.frames()) {
            g.writeNumber(frame);
        }
        g.writeEndArray();
        g.writeStringField("message", finding.message());
        if (finding.filter() != null) {
            g.writeStringField("filter", finding.filter());
        }
        g.writeEndObject();
    }

    private static void ackDelay(JsonEmitter g, AckDelayStats d) throws IOException {
        if (d == null || !d.present()) {
            g.writeNullField("ack_delay_ms");
            return;
        }
        g.writeObjectFieldStart("ack_delay_ms");
        g.writeDecimalField("median", d.medianNanos(), MILLIS_SCALE);
        g.writeDecimalField("p95", d.p95Nanos(), MILLIS_SCALE);
        g.writeDecimalField("max", d.maxNanos(), MILLIS_SCALE);
        g.writeNumberField("samples", d.count());
        g.writeEndObject();
    }

    private static void handshake(JsonEmitter g, Handshake h) throws IOException {
        g.writeObjectFieldStart("handshake");
        frameOrNull(g, "syn_frame", h.synFrame());
        frameOrNull(g, "syn_ack_frame", h.synAckFrame());
        frameOrNull(g, "ack_frame", h.ackFrame());
        if (h.synFrame() > 0 && h.synAckFrame() > 0) {
            g.writeDecimalField("syn_to_syn_ack_ms", h.synAckNanos() - h.synNanos(), MILLIS_SCALE);
        }
        g.writeEndObject();
    }

    private static void job(JsonEmitter g, JobInfo j) throws IOException {
        g.writeObjectFieldStart("job");
        g.writeStringField("language", j.language());
        g.writeStringField("name", j.name());
        g.writeStringField("user", j.user());
        g.writeStringField("host", j.host());
        g.writeStringField("operation", j.operation());
        g.writeNumberField("client_bytes", j.clientBytes());
        g.writeNumberField("acknowledged_bytes", j.acknowledgedBytes());
        if (j.complete() == null) {
            g.writeNullField("complete");
        } else {
            g.writeBooleanField("complete", j.complete());
        }
        g.writeArrayFieldStart("printer_messages");
        for (String m : j.printerMessages()) {
            g.writeString(m);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void printer(JsonEmitter g, PrinterSummary p, int digits) throws IOException {
        g.writeStartObject();
        g.writeStringField("address", p.address());
        g.writeArrayFieldStart("ports");
        for (int port : p.ports()) {
            g.writeNumber(port);
        }
        g.writeEndArray();
        g.writeNumberField("flows", p.flows());
        g.writeNumberField("ok", p.ok());
        g.writeNumberField("degraded", p.degraded());
        g.writeNumberField("failed", p.failed());
        timeOrNull(g, "first_degraded", p.firstDegradedNanos(), digits);
        timeOrNull(g, "first_failed", p.firstFailedNanos(), digits);
        g.writeArrayFieldStart("timeline");
        for (TimelineEntry t : p.timeline()) {
            g.writeStartObject();
            g.writeNumberField("stream", t.stream());
            g.writeStringField("start", Timestamps.iso(t.startNanos(), digits));
            g.writeStringField("verdict", t.verdict().reportName());
            if (t.ackDelayMedianNanos() >= 0) {
                g.writeDecimalField("ack_delay_median_ms", t.ackDelayMedianNanos(), MILLIS_SCALE);
            } else {
                g.writeNullField("ack_delay_median_ms");
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void frameOrNull(JsonEmitter g, String name, long frame) throws IOException {
        if (frame > 0) {
            g.writeNumberField(name, frame);
        } else {
            g.writeNullField(name);
        }
    }

    private static void timeOrNull(JsonEmitter g, String name, long nanos, int digits) throws IOException {
        if (nanos >= 0) {
            g.writeStringField(name, Timestamps.iso(nanos, digits));
        } else {
            g.writeNullField(name);
        }
    }
}
