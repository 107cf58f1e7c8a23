package io.ackwatch.report;

import io.ackwatch.analysis.Evidence;
import io.ackwatch.correlate.Correlations;
import io.ackwatch.analysis.Finding;
import io.ackwatch.capture.Compression;
import io.ackwatch.capture.FileFrames;
import io.ackwatch.capture.FileIdentity;
import io.ackwatch.capture.FileSpan;
import io.ackwatch.capture.SetMember;
import io.ackwatch.analysis.Severity;
import io.ackwatch.flow.AckDelayStats;
import io.ackwatch.flow.AnalysisCounts;
import io.ackwatch.flow.ConnState;
import io.ackwatch.flow.Handshake;
import io.ackwatch.flow.RoleBasis;
import io.ackwatch.flow.SideStats;
import io.ackwatch.flow.TcpAnalysisFlag;
import io.ackwatch.flow.SynAckOptions;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;
import io.ackwatch.verdict.CaptureError;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.Confidence;
import io.ackwatch.verdict.EvidenceFile;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.JobOutcome;
import io.ackwatch.verdict.ClientActivity;
import io.ackwatch.verdict.Onset;
import io.ackwatch.verdict.OnsetCandidate;
import io.ackwatch.verdict.PrinterScan;
import io.ackwatch.verdict.PrinterSummary;
import io.ackwatch.verdict.Scan;
import io.ackwatch.verdict.Report;
import io.ackwatch.verdict.TimelineEntry;
import io.ackwatch.report.JsonEmitter.Name;
import io.ackwatch.report.JsonEmitter.Text;
import io.ackwatch.verdict.Fault;
import io.ackwatch.verdict.Vantage;
import io.ackwatch.verdict.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * The machine-readable report, schema {@code ackwatch-report/1}. Properties are written in a fixed order so
 * that two runs over the same captures give byte-identical files. Beyond the schema's properties (which it
 * allows) it writes: capture {@code vantage}, {@code warnings}, {@code other_tcp_flows},
 * {@code compressed_with} (zstd, which the schema's {@code compression} enum predates); flow {@code filter},
 * {@code role_basis}, {@code history}, {@code handshake}, {@code printer_syn_ack}, {@code client_bytes},
 * {@code first_unacked_frame}, {@code reasoning}, {@code job}; printer {@code timeline} and {@code scans}; capture
 * {@code scans}.
 */
public final class JsonReportWriter implements ReportWriter {
    public static final String SCHEMA = "ackwatch-report/1";
    /** The schema's {@code $id}: stable and absolute, so that a report names where its properties are described. */
    public static final String SCHEMA_ID = "https://ackwatch.invalid/schema/ackwatch-report-1.schema.json";
    /** Milliseconds are written from nanoseconds, without float rounding noise: 412000 ns → 0.412. */
    private static final int MILLIS_SCALE = 6;
    private static final TcpAnalysisFlag[] FLAGS = TcpAnalysisFlag.values();

    /**
     * Connections per chunk rendered on a worker: a few hundred KB of JSON, enough to make handing it over
     * cheap, small enough that a few chunks in flight stay a few MB.
     */
    static final int FLOWS_PER_CHUNK = 256;
    /** Timeline entries per chunk, per connection in a chunk: an entry is a few lines and decodes nothing. */
    private static final int TIMELINE_PER_FLOW = 8;

    // names written once per connection, encoded once
    private static final Name STREAM = Name.of("stream");
    private static final Name CLIENT = Name.of("client");
    private static final Name SERVER = Name.of("server");
    private static final Name PRINTER = Name.of("printer");
    private static final Name SERVICE = Name.of("service");
    private static final Name FIRST_FRAME = Name.of("first_frame");
    private static final Name LAST_FRAME = Name.of("last_frame");
    private static final Name START = Name.of("start");
    private static final Name END = Name.of("end");
    private static final Name STATE = Name.of("state");
    private static final Name VANTAGE = Name.of("vantage");
    private static final Name VERDICT = Name.of("verdict");
    private static final Name FAULT = Name.of("fault");
    private static final Name FINDINGS = Name.of("findings");
    private static final Name PACKETS = Name.of("packets");
    private static final Name PAYLOAD_BYTES = Name.of("payload_bytes");
    private static final Name RELAY_COPIES = Name.of("relay_copies");
    private static final Name DELIVERED_BYTES = Name.of("delivered_bytes");
    private static final Name ACK_DELAY_MS = Name.of("ack_delay_ms");
    private static final Name MEDIAN = Name.of("median");
    private static final Name P95 = Name.of("p95");
    private static final Name MAX = Name.of("max");
    private static final Name SAMPLES = Name.of("samples");
    private static final Name TCP_ANALYSIS = Name.of("tcp_analysis");
    private static final Name[] FLAG_NAMES = Arrays.stream(TcpAnalysisFlag.values())
            .map(flag -> Name.of(flag.fieldName())).toArray(Name[]::new);
    private static final Name FILTER = Name.of("filter");
    private static final Name ROLE_BASIS = Name.of("role_basis");
    private static final Name HISTORY = Name.of("history");
    private static final Name HANDSHAKE = Name.of("handshake");
    private static final Name SYN_FRAME = Name.of("syn_frame");
    private static final Name SYN_ACK_FRAME = Name.of("syn_ack_frame");
    private static final Name ACK_FRAME = Name.of("ack_frame");
    private static final Name SYN_TO_SYN_ACK_MS = Name.of("syn_to_syn_ack_ms");
    private static final Name PRINTER_SYN_ACK = Name.of("printer_syn_ack");
    private static final Name MSS = Name.of("mss");
    private static final Name WINDOW = Name.of("window");
    private static final Name SACK_PERMITTED = Name.of("sack_permitted");
    private static final Name WINDOW_SCALE = Name.of("window_scale");
    private static final Name TIMESTAMPS = Name.of("timestamps");
    private static final Name TSVAL = Name.of("tsval");
    private static final Name OTHER_OPTIONS = Name.of("other_options");
    private static final Name CLIENT_BYTES = Name.of("client_bytes");
    private static final Name FIRST_UNACKED_FRAME = Name.of("first_unacked_frame");
    private static final Name REASONING = Name.of("reasoning");
    private static final Name RULE = Name.of("rule");
    private static final Name SEVERITY = Name.of("severity");
    private static final Name FRAMES = Name.of("frames");
    private static final Name IN_FILES = Name.of("in_files");
    private static final Name FILE = Name.of("file");
    private static final Name FRAME_COUNT = Name.of("frame_count");
    private static final Name MESSAGE = Name.of("message");
    private static final Name JOB = Name.of("job");
    private static final Name LANGUAGE = Name.of("language");
    private static final Name NAME = Name.of("name");
    private static final Name USER = Name.of("user");
    private static final Name HOST = Name.of("host");
    private static final Name OPERATION = Name.of("operation");
    private static final Name ACKNOWLEDGED_BYTES = Name.of("acknowledged_bytes");
    private static final Name COMPLETE = Name.of("complete");
    private static final Name PRINTER_MESSAGES = Name.of("printer_messages");
    private static final Name ACK_DELAY_MEDIAN_MS = Name.of("ack_delay_median_ms");
    // values from fixed sets, encoded once, by ordinal
    // schema v1 knows three verdicts: incomplete is written as its closest, and "outcome" says exactly
    private static final Text[] VERDICTS = texts(Verdict.values(), Verdict::schemaName);
    private static final Text[] OUTCOMES = texts(JobOutcome.values(), JobOutcome::reportName);
    private static final Text[] CONFIDENCES = texts(Confidence.Level.values(), Confidence.Level::reportName);
    private static final Name OUTCOME = Name.of("outcome");
    private static final Name CONFIDENCE = Name.of("confidence");
    private static final Name CONFIDENCE_REASON = Name.of("confidence_reason");
    private static final Text[] FAULTS = texts(Fault.values(), Fault::reportName);
    private static final Text[] VANTAGES = texts(Vantage.values(), Vantage::reportName);
    private static final Text[] SEVERITIES = texts(Severity.values(), Severity::reportName);
    private static final Text[] STATES = texts(ConnState.values(), ConnState::name);
    private static final Text[] ROLE_BASES = texts(RoleBasis.values(), b -> b.name().toLowerCase(Locale.ROOT));

    private final ReportOptions options;
    private final int threads;
    private final int flowsPerChunk;

    public JsonReportWriter(ReportOptions options) {
        this(options, ParallelChunks.defaultThreads(), FLOWS_PER_CHUNK);
    }

    /**
     * @param threads threads that render connections; 1 renders everything on the calling thread
     * @param flowsPerChunk connections rendered as one piece
     */
    JsonReportWriter(ReportOptions options, int threads, int flowsPerChunk) {
        if (threads < 1 || flowsPerChunk < 1) {
            throw new IllegalArgumentException(threads + " threads, " + flowsPerChunk + " flows per chunk");
        }
        this.options = options;
        this.threads = threads;
        this.flowsPerChunk = flowsPerChunk;
    }

    private static <E extends Enum<E>> Text[] texts(E[] values, Function<E, String> name) {
        return Arrays.stream(values).map(e -> Text.of(name.apply(e))).toArray(Text[]::new);
    }

    @Override
    public void write(Report report, OutputStream out) throws IOException {
        try (ParallelChunks chunks = new ParallelChunks(threads)) {
            write(report, out, chunks);
        }
    }

    private void write(Report report, OutputStream out, ParallelChunks chunks) throws IOException {
        JsonEmitter g = new JsonEmitter(out);
        g.writeStartObject();
        g.writeStringField("schema", SCHEMA);
        g.writeStringField("schema_id", SCHEMA_ID);
        g.writeObjectFieldStart("tool");
        g.writeStringField("name", "ackwatch");
        g.writeStringField("version", report.toolVersion());
        g.writeEndObject();
        g.writeArrayFieldStart("captures");
        for (CaptureResult c : report.captures()) {
            capture(g, c, chunks);
        }
        g.writeEndArray();
        summary(g, report.summary());
        CorrelationJson.pairs(g, options.correlations());
        g.writeObjectFieldStart("options");
        g.writeStringField("fail_on", options.failOn().reportName());
        g.writeEndObject();
        if (options.privacy() != null) {
            g.writeObjectFieldStart("privacy");
            g.writeStringField("pseudonyms", "hmac-sha256");
            g.writeStringField("key", options.privacy().reportName());
            g.writeBooleanField("consistent_across_runs", options.privacy().acrossRuns());
            g.writeStringField("note", options.privacy().note());
            g.writeEndObject();
        }
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
        g.writeNumberField("incomplete", s.incomplete());
        g.writeEndObject();
    }

    private void capture(JsonEmitter g, CaptureResult c, ParallelChunks chunks) throws IOException {
        int digits = c.precisionDigits();
        g.writeStartObject();
        g.writeStringField("file", c.file());
        g.writeStringField("format", c.format().reportName());
        if (c.compression() == Compression.ZSTD) {
            g.writeStringField("compressed_with", c.compression().reportName());
        } else if (c.compression() != null) {
            g.writeStringField("compression", c.compression().reportName());
        }
        fileIdentity(g, c);
        setFiles(g, c.setFiles());
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
        flows(g, c, digits, chunks);
        g.writeEndArray();
        g.writeArrayFieldStart("printers");
        for (PrinterSummary p : c.printers()) {
            printer(g, p, digits, chunks);
        }
        g.writeEndArray();
        if (!c.scans().isEmpty()) { // only where there is one: most captures have none
            g.writeArrayFieldStart("scans");
            for (Scan s : c.scans()) {
                scan(g, s, digits);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void scan(JsonEmitter g, Scan s, int digits) throws IOException {
        g.writeStartObject();
        g.writeStringField("source", s.source());
        g.writeStringField("start", Timestamps.iso(s.startNanos(), digits));
        g.writeStringField("end", Timestamps.iso(s.endNanos(), digits));
        g.writeArrayFieldStart("hosts");
        for (String h : s.hosts()) {
            g.writeString(h);
        }
        g.writeEndArray();
        ports(g, s.ports());
        g.writeNumberField("connections", s.connections());
        g.writeNumberField("packets", s.packets());
        g.writeArrayFieldStart("streams");
        for (int stream : s.streams()) {
            g.writeNumber(stream);
        }
        g.writeEndArray();
        g.writeNumberField("first_frame", s.firstFrame());
        g.writeNumberField("last_frame", s.lastFrame());
        g.writeStringField("filter", s.filter());
        g.writeEndObject();
    }

    private static void ports(JsonEmitter g, List<Integer> ports) throws IOException {
        g.writeArrayFieldStart("ports");
        for (int port : ports) {
            g.writeNumber(port);
        }
        g.writeEndArray();
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

    /**
     * The connections into the open array of {@code g}: chunks rendered on worker threads into fragments, which
     * are appended in order. The fragments' buffers go round again, so memory stays that of the chunks in flight.
     *
     * <p>Reading the verdicts from several threads is safe: judging is over when a report is written, so each
     * capture's {@code StringTable} is only read (see its and {@code VerdictPacker}'s notes), and the parts a
     * packed verdict decodes into are immutable. The packer's cache of opened verdicts is shared, but each
     * verdict is rendered by one thread only: an entry a thread finds for its verdict was made by itself or
     * before the report began, never half-filled by another thread; an entry another thread replaced costs
     * only a decode.
     */
    private void flows(JsonEmitter g, CaptureResult c, int digits, ParallelChunks chunks)
            throws IOException {
        inChunks(g, c.flows(), flowsPerChunk, chunks, (f, v) -> flow(f, v, digits, c, options.correlations()));
    }

    /** Size and SHA-256 of the capture file, when known. */
    private static void fileIdentity(JsonEmitter g, CaptureResult c) throws IOException {
        FileIdentity id = c.identity();
        if (id != null) {
            g.writeNumberField("size_bytes", id.sizeBytes());
            g.writeStringField("sha256", id.sha256());
        }
    }

    /** A capture set's files, each with its frames in the set's numbering (present only for a set). */
    private static void setFiles(JsonEmitter g, List<SetMember> files) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("set_files");
        for (SetMember m : files) {
            g.writeStartObject();
            g.writeStringField("file", m.file());
            g.writeStringField("format", m.format().reportName());
            g.writeNumberField("frames", m.frames());
            if (m.frames() > 0) {
                g.writeNumberField("first_frame", m.firstFrame());
                g.writeNumberField("last_frame", m.firstFrame() + m.frames() - 1);
            }
            if (m.identity() != null) {
                g.writeNumberField("size_bytes", m.identity().sizeBytes());
                g.writeStringField("sha256", m.identity().sha256());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * In a capture set, where a connection's frames lie in each file, as Wireshark numbers them there (present
     * only for a set).
     */
    private static void connectionInFiles(JsonEmitter g, TcpFlow f, List<SetMember> files) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(IN_FILES);
        for (FileSpan span : FileSpan.of(files, f.firstFrame(), f.lastFrame())) {
            g.writeStartObject();
            g.writeStringField(FILE, span.file());
            g.writeNumberField(FIRST_FRAME, span.firstFrame());
            g.writeNumberField(LAST_FRAME, span.lastFrame());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** In a capture set, a finding's frames per file, with the display filter that selects them there. */
    private static void findingInFiles(JsonEmitter g, Finding finding, List<SetMember> files) throws IOException {
        if (files.isEmpty() || finding.frames().isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(IN_FILES);
        for (FileFrames part : FileFrames.of(files, finding.frames())) {
            g.writeStartObject();
            g.writeStringField(FILE, part.file());
            g.writeArrayFieldStart(FRAMES);
            for (long frame : part.frames()) {
                g.writeNumber(frame);
            }
            g.writeEndArray();
            g.writeStringField(FILTER, Evidence.frameFilter(part.frames()));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The connection's evidence file ({@code --extract}) and, per finding, the filter that works in it. */
    private static void evidence(JsonEmitter g, EvidenceFile e, List<Finding> findings) throws IOException {
        if (e == null) {
            return;
        }
        g.writeObjectFieldStart("evidence");
        g.writeStringField("file", e.file());
        g.writeStringField("sha256", e.sha256());
        g.writeNumberField("frames", e.frames());
        g.writeArrayFieldStart("filters");
        for (Finding finding : findings) {
            g.writeStartObject();
            g.writeStringField("rule", finding.rule());
            g.writeStringField("filter", e.filter(finding));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Writes one element of an array. */
    @FunctionalInterface
    private interface Element<T> {
        void write(JsonEmitter g, T item) throws IOException;
    }

    /** {@code items} into the open array of {@code g}, rendered in chunks as fragments (see {@link #flows}). */
    private static <T> void inChunks(JsonEmitter g, List<T> items, int chunkSize, ParallelChunks chunks,
            Element<T> element) throws IOException {
        if (!chunks.parallel(items.size(), chunkSize)) {
            for (T item : items) {
                element.write(g, item);
            }
            return;
        }
        int depth = g.depth();
        int before = g.entries();
        Queue<byte[]> buffers = new ConcurrentLinkedQueue<>();
        chunks.render(items.size(), chunkSize, (from, to) -> {
            byte[] buffer = buffers.poll();
            JsonEmitter f = JsonEmitter.fragment(depth, before + from, buffer != null ? buffer : new byte[1 << 16]);
            for (int i = from; i < to; i++) {
                element.write(f, items.get(i));
            }
            return f;
        }, fragment -> {
            g.append(fragment);
            buffers.offer(fragment.buffer());
        });
    }

    /** One connection. A packed verdict decodes a part on each call to its accessor: each is called once. */
    private static void flow(JsonEmitter g, FlowVerdict v, int digits, CaptureResult c, Correlations correlations)
            throws IOException {
        TcpFlow f = v.flow();
        List<Finding> findings = v.findings();
        List<String> reasoning = v.reasoning();
        JobInfo job = v.job();
        SideStats clientSide = f.clientSide();
        SideStats serverSide = f.serverSide();
        g.writeStartObject();
        g.writeNumberField(STREAM, f.stream());
        g.writeStringField(CLIENT, f.client().toString());
        g.writeStringField(SERVER, f.server().toString());
        g.writeBooleanField(PRINTER, v.printer());
        g.writeStringField(SERVICE, v.service());
        g.writeNumberField(FIRST_FRAME, f.firstFrame());
        g.writeNumberField(LAST_FRAME, f.lastFrame());
        connectionInFiles(g, f, c.setFiles());
        g.writeTimestampField(START, f.startNanos(), digits);
        g.writeTimestampField(END, f.endNanos(), digits);
        if (f.state() != null) {
            g.writeTextField(STATE, STATES[f.state().ordinal()]);
        }
        g.writeTextField(VANTAGE, VANTAGES[(v.vantage() == null ? Vantage.UNKNOWN : v.vantage()).ordinal()]);
        g.writeTextField(VERDICT, VERDICTS[v.verdict().ordinal()]);
        g.writeTextField(FAULT, FAULTS[v.fault().ordinal()]);
        g.writeTextField(OUTCOME, OUTCOMES[v.outcome().ordinal()]);
        g.writeTextField(CONFIDENCE, CONFIDENCES[v.confidence().level().ordinal()]);
        g.writeStringField(CONFIDENCE_REASON, v.confidence().reason());
        g.writeArrayFieldStart(FINDINGS);
        for (Finding finding : findings) {
            finding(g, finding, c.setFiles());
        }
        g.writeEndArray();
        g.writeObjectFieldStart(PACKETS);
        g.writeNumberField(CLIENT, clientSide.packets());
        g.writeNumberField(SERVER, serverSide.packets());
        if (f.relayCopies() > 0) {
            g.writeNumberField(RELAY_COPIES, f.relayCopies());
        }
        g.writeEndObject();
        g.writeObjectFieldStart(PAYLOAD_BYTES);
        g.writeNumberField(CLIENT, clientSide.payloadBytes());
        g.writeNumberField(SERVER, serverSide.payloadBytes());
        g.writeEndObject();
        g.writeNumberField(DELIVERED_BYTES, f.deliveredBytes());
        ackDelay(g, f.ackDelay());
        g.writeObjectFieldStart(TCP_ANALYSIS);
        AnalysisCounts counts = f.analysis();
        for (TcpAnalysisFlag flag : FLAGS) {
            g.writeNumberField(FLAG_NAMES[flag.ordinal()], counts.count(flag));
        }
        g.writeEndObject();
        // extensions
        g.writeStringField(FILTER, f.displayFilter());
        if (f.roleBasis() != null) {
            g.writeTextField(ROLE_BASIS, ROLE_BASES[f.roleBasis().ordinal()]);
        }
        g.writeStringField(HISTORY, f.history());
        handshake(g, f.handshake());
        synAck(g, f.handshake().synAckOptions());
        g.writeNumberField(CLIENT_BYTES, f.clientBytes());
        if (f.firstUnackedFrame() > 0) {
            g.writeNumberField(FIRST_UNACKED_FRAME, f.firstUnackedFrame());
        } else {
            g.writeNullField(FIRST_UNACKED_FRAME);
        }
        g.writeArrayFieldStart(REASONING);
        for (String r : reasoning) {
            g.writeString(r);
        }
        g.writeEndArray();
        if (job != null) {
            job(g, job);
        }
        evidence(g, c.evidenceFor(f.stream()), findings);
        CorrelationJson.flow(g, correlations, c.file(), f.stream());
        g.writeEndObject();
    }

    private static void finding(JsonEmitter g, Finding finding, List<SetMember> setFiles) throws IOException {
        g.writeStartObject();
        g.writeStringField(RULE, finding.rule());
        g.writeTextField(SEVERITY, SEVERITIES[finding.severity().ordinal()]);
        g.writeArrayFieldStart(FRAMES);
        for (long frame : finding.frames()) {
            g.writeNumber(frame);
        }
        g.writeEndArray();
        if (finding.shortened()) {
            g.writeNumberField(FRAME_COUNT, finding.frameCount());
        }
        g.writeStringField(MESSAGE, finding.message());
        if (finding.filter() != null) {
            g.writeStringField(FILTER, finding.filter());
        }
        findingInFiles(g, finding, setFiles);
        g.writeEndObject();
    }

    private static void ackDelay(JsonEmitter g, AckDelayStats d) throws IOException {
        if (d == null || !d.present()) {
            g.writeNullField(ACK_DELAY_MS);
            return;
        }
        g.writeObjectFieldStart(ACK_DELAY_MS);
        g.writeDecimalField(MEDIAN, d.medianNanos(), MILLIS_SCALE);
        g.writeDecimalField(P95, d.p95Nanos(), MILLIS_SCALE);
        g.writeDecimalField(MAX, d.maxNanos(), MILLIS_SCALE);
        g.writeNumberField(SAMPLES, d.count());
        g.writeEndObject();
    }

    private static void handshake(JsonEmitter g, Handshake h) throws IOException {
        g.writeObjectFieldStart(HANDSHAKE);
        frameOrNull(g, SYN_FRAME, h.synFrame());
        frameOrNull(g, SYN_ACK_FRAME, h.synAckFrame());
        frameOrNull(g, ACK_FRAME, h.ackFrame());
        if (h.synFrame() > 0 && h.synAckFrame() > 0) {
            g.writeDecimalField(SYN_TO_SYN_ACK_MS, h.synAckNanos() - h.synNanos(), MILLIS_SCALE);
        }
        g.writeEndObject();
    }

    /** The server's first SYN-ACK as tshark shows it; absent options are null, a missing SYN-ACK too. */
    private static void synAck(JsonEmitter g, SynAckOptions o) throws IOException {
        if (o == null) {
            g.writeNullField(PRINTER_SYN_ACK);
            return;
        }
        g.writeObjectFieldStart(PRINTER_SYN_ACK);
        numberOrNull(g, MSS, o.mss());
        g.writeNumberField(WINDOW, o.window());
        g.writeBooleanField(SACK_PERMITTED, o.sackPermitted());
        numberOrNull(g, WINDOW_SCALE, o.windowScale());
        g.writeBooleanField(TIMESTAMPS, o.timestamps());
        numberOrNull(g, TSVAL, o.timestamps() ? o.tsval() : -1);
        g.writeArrayFieldStart(OTHER_OPTIONS);
        for (int kind : o.otherOptions()) {
            g.writeNumber(kind);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void numberOrNull(JsonEmitter g, Name name, long value) throws IOException {
        if (value >= 0) {
            g.writeNumberField(name, value);
        } else {
            g.writeNullField(name);
        }
    }

    private static void job(JsonEmitter g, JobInfo j) throws IOException {
        g.writeObjectFieldStart(JOB);
        g.writeStringField(LANGUAGE, j.language());
        g.writeStringField(NAME, j.name());
        g.writeStringField(USER, j.user());
        g.writeStringField(HOST, j.host());
        g.writeStringField(OPERATION, j.operation());
        g.writeNumberField(CLIENT_BYTES, j.clientBytes());
        g.writeNumberField(ACKNOWLEDGED_BYTES, j.acknowledgedBytes());
        if (j.complete() == null) {
            g.writeNullField(COMPLETE);
        } else {
            g.writeBooleanField(COMPLETE, j.complete());
        }
        g.writeArrayFieldStart(PRINTER_MESSAGES);
        for (String m : j.printerMessages()) {
            g.writeString(m);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void printer(JsonEmitter g, PrinterSummary p, int digits, ParallelChunks chunks) throws IOException {
        g.writeStartObject();
        g.writeStringField("address", p.address());
        ports(g, p.ports());
        g.writeNumberField("flows", p.flows());
        g.writeNumberField("ok", p.ok());
        g.writeNumberField("degraded", p.degraded());
        g.writeNumberField("failed", p.failed());
        g.writeNumberField("incomplete", p.incomplete());
        timeOrNull(g, "first_degraded", p.firstDegradedNanos(), digits);
        timeOrNull(g, "first_failed", p.firstFailedNanos(), digits);
        g.writeArrayFieldStart("timeline");
        // an entry per connection of the printer, each far less work than the connection: longer chunks
        inChunks(g, p.timeline(), TIMELINE_PER_FLOW * flowsPerChunk, chunks, (f, t) -> timelineEntry(f, t, digits));
        g.writeEndArray();
        if (!p.scans().isEmpty()) {
            printerScans(g, p.scans(), digits);
        }
        if (p.onset() != null) {
            onset(g, p.onset(), digits);
        }
        g.writeEndObject();
    }

    private static void onset(JsonEmitter g, Onset o, int digits) throws IOException {
        g.writeFieldName("onset");
        g.writeStartObject();
        g.writeStringField("at", Timestamps.iso(o.atNanos(), digits));
        g.writeNumberField("stream", o.stream());
        g.writeStringField("verdict", o.verdict().reportName());
        g.writeStringField("healthy_since", Timestamps.iso(o.healthyStartNanos(), digits));
        g.writeNumberField("connections_before", o.connectionsBefore());
        g.writeNumberField("packets_before", o.packetsBefore());
        g.writeNumberField("scans_before", o.scansBefore());
        g.writeBooleanField("trigger_found", o.triggerFound());
        if (o.triggerFound()) {
            g.writeNullField("conclusion");
        } else {
            g.writeStringField("conclusion", Onset.NO_TRIGGER);
        }
        g.writeArrayFieldStart("candidates");
        for (OnsetCandidate c : o.candidates()) {
            g.writeStartObject();
            g.writeNumberField("rank", c.rank());
            g.writeStringField("kind", c.kind().reportName());
            g.writeStringField("client", c.client());
            g.writeNumberField("stream", c.stream());
            g.writeStringField("start", Timestamps.iso(c.startNanos(), digits));
            g.writeArrayFieldStart("frames");
            for (long f : c.frames()) {
                g.writeNumber(f);
            }
            g.writeEndArray();
            g.writeStringField("filter", c.filter());
            g.writeNumberField("score", c.score());
            g.writeArrayFieldStart("unusual");
            for (String u : c.unusual()) {
                g.writeString(u);
            }
            g.writeEndArray();
            g.writeStringField("why", c.why());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("below_bar", o.belowBar());
        g.writeArrayFieldStart("clients");
        for (ClientActivity c : o.clients()) {
            g.writeStartObject();
            g.writeStringField("address", c.address());
            g.writeNumberField("jobs", c.jobs());
            g.writeNumberField("ok", c.ok());
            g.writeNumberField("degraded", c.degraded());
            g.writeNumberField("failed", c.failed());
            g.writeNumberField("incomplete", c.incomplete());
            g.writeStringField("first_job", Timestamps.iso(c.firstJobNanos(), digits));
            g.writeDecimalField("first_job_to_onset_ms", c.leadNanos(), MILLIS_SCALE);
            g.writeBooleanField("present_throughout", c.presentThroughout());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void printerScans(JsonEmitter g, List<PrinterScan> scans, int digits) throws IOException {
        g.writeArrayFieldStart("scans");
        for (PrinterScan s : scans) {
            g.writeStartObject();
            g.writeStringField("source", s.source());
            g.writeStringField("start", Timestamps.iso(s.startNanos(), digits));
            g.writeStringField("end", Timestamps.iso(s.endNanos(), digits));
            ports(g, s.ports());
            g.writeNumberField("connections", s.connections());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void timelineEntry(JsonEmitter g, TimelineEntry t, int digits) throws IOException {
        g.writeStartObject();
        g.writeNumberField(STREAM, t.stream());
        g.writeTimestampField(START, t.startNanos(), digits);
        g.writeTextField(VERDICT, VERDICTS[t.verdict().ordinal()]);
        if (t.ackDelayMedianNanos() >= 0) {
            g.writeDecimalField(ACK_DELAY_MEDIAN_MS, t.ackDelayMedianNanos(), MILLIS_SCALE);
        } else {
            g.writeNullField(ACK_DELAY_MEDIAN_MS);
        }
        g.writeEndObject();
    }

    private static void frameOrNull(JsonEmitter g, Name name, long frame) throws IOException {
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
