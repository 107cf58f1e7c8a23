package io.ackwatch.verdict;

import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.Severity;
import io.ackwatch.flow.AckDelayStats;
import io.ackwatch.flow.AnalysisCounts;
import io.ackwatch.flow.ByteStreamSample;
import io.ackwatch.flow.ConnState;
import io.ackwatch.flow.Endpoint;
import io.ackwatch.flow.Handshake;
import io.ackwatch.flow.RelayedCopies;
import io.ackwatch.flow.RoleBasis;
import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.Oddities;
import io.ackwatch.flow.SideStats;
import io.ackwatch.flow.SynAckOptions;
import io.ackwatch.flow.TcpAnalysisFlag;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs judged connections into a few dozen bytes each (the packed form of {@link FlowVerdict}) and opens them
 * again into equal objects, so that a capture's report can hold hundreds of thousands of connections in a
 * small heap. One packer serves one capture: the strings that repeat across its connections (addresses,
 * histories, rule ids, job fields, the reasoning of healthy connections) are stored once in its
 * {@link StringTable}, up to {@link #MAX_STRINGS}; everything else is written inline. Numbers are variable-length, most of them relative
 * to a neighbour (frames to the first frame, times to the start, a segment to the one before).
 *
 * <p>Not thread-safe while packing; opening may happen on any thread once packing is over (the table is only
 * read then).
 */
public final class VerdictPacker {
    /** Distinct shared strings per capture; beyond that, strings are written inline rather than grow the table. */
    static final int MAX_STRINGS = 1 << 16;
    /** Recently opened connections kept decoded (a power of two); a few hundred KB at most. */
    private static final int OPENED_CACHE = 128;
    private static final RoleBasis[] ROLE_BASES = RoleBasis.values();
    private static final ConnState[] CONN_STATES = ConnState.values();
    private static final Severity[] SEVERITIES = Severity.values();
    private static final TcpAnalysisFlag[] FLAGS = TcpAnalysisFlag.values();

    private final StringTable table;
    private final PackedOut out = new PackedOut();
    private final PackedOut header = new PackedOut();
    /**
     * Connections opened lately, by identity hash: a report writer asks one connection for its parts several
     * times, and the printer summaries go over each printer's connections two or three times in a row. Racing
     * threads may evict each other's entries, which costs only a decode; an entry's parts are immutable.
     */
    private final Opened[] opened = new Opened[OPENED_CACHE];
    /** One instance per server: packed verdicts keep their server at hand, and most share a few printers. */
    private final Map<Endpoint, Endpoint> servers = new HashMap<>();
    /** One instance per distinct SYN-ACK (TSval left out): a printer's connections mostly share one or two. */
    private final Map<SynAckOptions, SynAckOptions> synAcks = new HashMap<>();

    public VerdictPacker() {
        this(MAX_STRINGS);
    }

    /** A packer whose string table holds at most {@code maxStrings} strings (tests fill it quickly). */
    VerdictPacker(int maxStrings) {
        this.table = new StringTable(maxStrings);
    }

    /**
     * A packed verdict being read: its sections are found from the lengths at its start and each is decoded
     * when first asked for (refine and the summaries want the flow, the exit code only the findings).
     */
    final class Opened {
        private final FlowVerdict owner;
        private final byte[] bytes;
        private final int flowAt;
        private final int findingsAt;
        private final int reasoningAt;
        private final int jobAt;
        private TcpFlow flow;
        private List<Finding> findings;
        private List<String> reasoning;
        private JobInfo job;
        private boolean jobRead;

        private Opened(FlowVerdict owner) {
            this.owner = owner;
            this.bytes = owner.packedBytes();
            PackedIn in = new PackedIn(bytes, 0);
            int flowLength = in.varint();
            int findingsLength = in.varint();
            int reasoningLength = in.varint();
            flowAt = in.pos;
            findingsAt = flowAt + flowLength;
            reasoningAt = findingsAt + findingsLength;
            jobAt = reasoningAt + reasoningLength;
        }

        TcpFlow flow() {
            TcpFlow f = flow;
            if (f == null) {
                flow = f = readFlow(new PackedIn(bytes, flowAt));
            }
            return f;
        }

        List<Finding> findings() {
            List<Finding> f = findings;
            if (f == null) {
                findings = f = readFindings(new PackedIn(bytes, findingsAt));
            }
            return f;
        }

        List<String> reasoning() {
            List<String> r = reasoning;
            if (r == null) {
                PackedIn in = new PackedIn(bytes, reasoningAt);
                String[] lines = new String[in.varint()];
                for (int i = 0; i < lines.length; i++) {
                    lines[i] = table.read(in);
                }
                reasoning = r = List.of(lines);
            }
            return r;
        }

        JobInfo job() {
            if (!jobRead) {
                job = readJob(new PackedIn(bytes, jobAt));
                jobRead = true;
            }
            return job;
        }
    }

    /**
     * The packed form of {@code v}, or {@code v} itself when already packed or when its flow holds what this
     * packer does not encode (byte-stream samples, a log with segments omitted from its middle).
     */
    public FlowVerdict pack(FlowVerdict v) {
        if (v.isPacked() || !packable(v.flow())) {
            return v;
        }
        out.reset();
        writeFlow(v.flow());
        int flowLength = out.pos;
        writeFindings(v.findings());
        int findingsLength = out.pos - flowLength;
        boolean shareReasoning = v.verdict() == Verdict.OK; // healthy ones are explained alike; others cite frames
        out.varint(v.reasoning().size());
        for (String r : v.reasoning()) {
            table.write(out, r, shareReasoning);
        }
        int reasoningLength = out.pos - flowLength - findingsLength;
        writeJob(v.job());
        header.reset();
        header.varint(flowLength);
        header.varint(findingsLength);
        header.varint(reasoningLength);
        byte[] packed = Arrays.copyOf(header.buf, header.pos + out.pos);
        System.arraycopy(out.buf, 0, packed, header.pos, out.pos);
        SynAckOptions synAck = v.synAckParameters();
        return new FlowVerdict(v, packed, this, servers.computeIfAbsent(v.server(), k -> k),
                synAck == null ? null : synAcks.computeIfAbsent(synAck, k -> k));
    }

    private static boolean packable(TcpFlow f) {
        return f.log().omitted() == 0 && isEmpty(f.clientStream()) && isEmpty(f.serverStream());
    }

    private static boolean isEmpty(ByteStreamSample s) {
        return s == ByteStreamSample.EMPTY;
    }

    Opened open(FlowVerdict v) {
        int slot = System.identityHashCode(v) & (OPENED_CACHE - 1);
        Opened o = opened[slot];
        if (o == null || o.owner != v) {
            o = new Opened(v);
            opened[slot] = o;
        }
        return o;
    }

    // ---- flow

    private void writeFlow(TcpFlow f) {
        out.varint(f.stream());
        table.write(out, f.client().address(), true);
        out.varint(f.client().port());
        table.write(out, f.server().address(), true);
        out.varint(f.server().port());
        out.varint(f.roleBasis() == null ? 0 : f.roleBasis().ordinal() + 1);
        long firstFrame = f.firstFrame();
        long start = f.startNanos();
        out.zigzag(firstFrame);
        out.zigzag(f.lastFrame() - firstFrame);
        out.zigzag(start);
        out.zigzag(f.endNanos() - start);
        writeSide(f.clientSide());
        writeSide(f.serverSide());
        out.zigzag(f.icmpQuotedFrames());
        Handshake h = f.handshake();
        long[] hs = {h.synFrame(), h.synNanos(), h.synAckFrame(), h.synAckNanos(), h.ackFrame(), h.ackNanos()};
        int present = 0;
        for (int i = 0; i < hs.length; i++) {
            present |= hs[i] != 0 ? 1 << i : 0;
        }
        out.varint(present);
        for (int i = 0; i < hs.length; i++) {
            if (hs[i] != 0) {
                out.zigzag(hs[i] - (i % 2 == 0 ? firstFrame : start));
            }
        }
        if (h.synFrame() != 0) {
            out.zigzag(h.clientIsn());
        }
        if (h.synAckFrame() != 0) {
            out.zigzag(h.serverIsn());
        }
        writeSynAck(h.synAckOptions());
        int nonZero = 0;
        for (TcpAnalysisFlag flag : FLAGS) {
            nonZero |= f.analysis().count(flag) != 0 ? 1 << flag.ordinal() : 0;
        }
        out.varint(nonZero);
        for (TcpAnalysisFlag flag : FLAGS) {
            if (f.analysis().count(flag) != 0) {
                out.zigzag(f.analysis().count(flag));
            }
        }
        writeLog(f.log(), firstFrame, start);
        AckDelayStats d = f.ackDelay();
        if (d == null) {
            out.varint(0);
        } else if (d.equals(AckDelayStats.NONE)) {
            out.varint(1);
        } else {
            out.varint(2);
            out.zigzag(d.count());
            out.zigzag(d.medianNanos());
            out.zigzag(d.p95Nanos());
            out.zigzag(d.maxNanos());
        }
        out.zigzag(f.clientBytes());
        out.zigzag(f.deliveredBytes());
        out.zigzag(f.firstUnackedFrame());
        out.varint(f.state() == null ? 0 : f.state().ordinal() + 1);
        table.write(out, f.history(), true);
        out.varint(f.detailed() ? 1 : 0);
        out.varint(f.relayed().size());
        for (RelayedCopies r : f.relayed()) {
            out.varint(r.fromClient() ? 1 : 0);
            out.zigzag(r.relayMac());
            out.zigzag(r.senderMac());
            out.varint(r.frames());
        }
    }

    private TcpFlow readFlow(PackedIn in) {
        int stream = in.varint();
        Endpoint client = new Endpoint(table.read(in), in.varint());
        Endpoint server = new Endpoint(table.read(in), in.varint());
        int role = in.varint();
        long firstFrame = in.zigzag();
        long lastFrame = firstFrame + in.zigzag();
        long start = in.zigzag();
        long end = start + in.zigzag();
        SideStats clientSide = readSide(in);
        SideStats serverSide = readSide(in);
        int icmp = (int) in.zigzag();
        int present = in.varint();
        long[] hs = new long[6];
        for (int i = 0; i < hs.length; i++) {
            if ((present & 1 << i) != 0) {
                hs[i] = in.zigzag() + (i % 2 == 0 ? firstFrame : start);
            }
        }
        long clientIsn = hs[0] != 0 ? in.zigzag() : 0;
        long serverIsn = hs[2] != 0 ? in.zigzag() : 0;
        SynAckOptions synAck = readSynAck(in);
        int nonZero = in.varint();
        int[] counts = new int[FLAGS.length];
        for (int i = 0; i < counts.length; i++) {
            if ((nonZero & 1 << i) != 0) {
                counts[i] = (int) in.zigzag();
            }
        }
        SegmentLog log = readLog(in, firstFrame, start);
        AckDelayStats delay = switch (in.varint()) {
            case 0 -> null;
            case 1 -> AckDelayStats.NONE;
            default -> new AckDelayStats((int) in.zigzag(), in.zigzag(), in.zigzag(), in.zigzag());
        };
        long clientBytes = in.zigzag();
        long deliveredBytes = in.zigzag();
        long firstUnacked = in.zigzag();
        int state = in.varint();
        String history = table.read(in);
        boolean detailed = in.varint() == 1;
        List<RelayedCopies> relayed = new ArrayList<>(0);
        for (int n = in.varint(); n > 0; n--) {
            relayed.add(new RelayedCopies(in.varint() == 1, in.zigzag(), in.zigzag(), in.varint()));
        }
        return new TcpFlow(stream, client, server, role == 0 ? null : ROLE_BASES[role - 1], firstFrame, lastFrame,
                start, end, clientSide, serverSide, icmp, new Handshake(hs[0], hs[1], hs[2], hs[3], hs[4], hs[5], synAck,
                        clientIsn, serverIsn),
                new AnalysisCounts(counts), log, delay, clientBytes, deliveredBytes, firstUnacked,
                state == 0 ? null : CONN_STATES[state - 1], history, ByteStreamSample.EMPTY, ByteStreamSample.EMPTY,
                detailed, relayed);
    }

    private void writeSynAck(SynAckOptions o) {
        if (o == null) {
            out.varint(0);
            return;
        }
        out.varint(1 | (o.sackPermitted() ? 2 : 0) | (o.timestamps() ? 4 : 0));
        out.zigzag(o.mss());
        out.zigzag(o.window());
        out.zigzag(o.windowScale());
        out.zigzag(o.tsval());
        out.varint(o.otherOptions().size());
        for (int kind : o.otherOptions()) {
            out.varint(kind);
        }
    }

    private static SynAckOptions readSynAck(PackedIn in) {
        int bits = in.varint();
        if (bits == 0) {
            return null;
        }
        int mss = (int) in.zigzag();
        int window = (int) in.zigzag();
        int windowScale = (int) in.zigzag();
        long tsval = in.zigzag();
        Integer[] other = new Integer[in.varint()];
        for (int i = 0; i < other.length; i++) {
            other[i] = in.varint();
        }
        return new SynAckOptions(mss, window, (bits & 2) != 0, windowScale, (bits & 4) != 0, tsval, List.of(other));
    }

    private void writeSide(SideStats s) {
        out.zigzag(s.packets());
        out.zigzag(s.payloadBytes());
        out.zigzag(s.syn());
        out.zigzag(s.synAck());
        out.zigzag(s.fin());
        out.zigzag(s.rst());
        out.zigzag(s.minTtl());
        out.zigzag(s.maxTtl());
        out.zigzag(s.mss());
        out.zigzag(s.windowScale());
        out.varint((s.sackPermitted() ? 1 : 0) | (s.timestamps() ? 2 : 0));
        out.varint(s.oddities().mask());
        for (long frame : s.oddities().firstFrames()) {
            out.zigzag(frame);
        }
    }

    private static SideStats readSide(PackedIn in) {
        long packets = in.zigzag();
        long payload = in.zigzag();
        int syn = (int) in.zigzag();
        int synAck = (int) in.zigzag();
        int fin = (int) in.zigzag();
        int rst = (int) in.zigzag();
        int minTtl = (int) in.zigzag();
        int maxTtl = (int) in.zigzag();
        int mss = (int) in.zigzag();
        int windowScale = (int) in.zigzag();
        int options = in.varint();
        int odd = in.varint();
        Oddities oddities = Oddities.NONE;
        if (odd != 0) {
            Long[] frames = new Long[Integer.bitCount(odd)];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = in.zigzag();
            }
            oddities = new Oddities(odd, List.of(frames));
        }
        return new SideStats(packets, payload, syn, synAck, fin, rst, minTtl, maxTtl, mss, windowScale,
                (options & 1) != 0, (options & 2) != 0, oddities);
    }

    /** Each segment relative to the one before; sequence and ack numbers relative to the same direction's last. */
    private void writeLog(SegmentLog log, long firstFrame, long start) {
        int n = log.size();
        out.varint(n);
        long frame = firstFrame;
        long time = start;
        long[] seq = new long[2];
        long[] ack = new long[2];
        long[] tsval = new long[2];
        for (int i = 0; i < n; i++) {
            int d = log.fromClient(i) ? 1 : 0;
            out.zigzag(log.frame(i) - frame);
            out.zigzag(log.timeNanos(i) - time);
            out.zigzag(((long) log.tcpFlags(i) << 3) | (log.timestamps(i) ? 4 : 0) | (log.relayCopy(i) ? 2 : 0) | d);
            out.zigzag(log.seq(i) - seq[d]);
            out.zigzag(log.ack(i) - ack[d]);
            out.zigzag(log.len(i));
            out.zigzag(log.window(i));
            out.zigzag(log.analysis(i));
            out.zigzag(log.ttl(i));
            out.zigzag(log.ipId(i));
            if (log.timestamps(i)) {
                out.zigzag(log.tsval(i) - tsval[d]);
                out.zigzag(log.tsecr(i) - tsval[1 - d]);
                tsval[d] = log.tsval(i);
            }
            frame = log.frame(i);
            time = log.timeNanos(i);
            seq[d] = log.seq(i);
            ack[d] = log.ack(i);
        }
    }

    private static SegmentLog readLog(PackedIn in, long firstFrame, long start) {
        int n = in.varint();
        if (n == 0) {
            return SegmentLog.empty();
        }
        SegmentLog.Builder b = new SegmentLog.Builder(n, 0);
        long frame = firstFrame;
        long time = start;
        long[] seq = new long[2];
        long[] ack = new long[2];
        long[] tsval = new long[2];
        for (int i = 0; i < n; i++) {
            frame += in.zigzag();
            time += in.zigzag();
            long flagsAndSide = in.zigzag();
            int d = (int) (flagsAndSide & 1);
            seq[d] += in.zigzag();
            ack[d] += in.zigzag();
            int len = (int) in.zigzag();
            int window = (int) in.zigzag();
            int analysis = (int) in.zigzag();
            int ttl = (int) in.zigzag();
            int ipId = (int) in.zigzag();
            int at = b.add(frame, time, d == 1, (int) (flagsAndSide >>> 3), seq[d], ack[d], len, window, analysis,
                    ttl, ipId);
            if ((flagsAndSide & 4) != 0) {
                tsval[d] += in.zigzag();
                b.timestamps(at, tsval[d], in.zigzag() + tsval[1 - d]);
            }
            if ((flagsAndSide & 2) != 0) {
                b.markRelayCopy(at);
            }
        }
        return b.build();
    }

    // ---- findings and job

    private void writeFindings(List<Finding> findings) {
        out.varint(findings.size());
        for (Finding f : findings) {
            table.write(out, f.rule(), true);
            out.varint(f.severity().ordinal());
            out.varint(f.frames().size());
            long previousFrame = 0;
            for (Long frame : f.frames()) {
                out.zigzag(frame - previousFrame);
                previousFrame = frame;
            }
            out.varint(f.frameCount() - f.frames().size());
            table.write(out, f.message(), false);
            table.write(out, f.filter(), false);
        }
    }

    private List<Finding> readFindings(PackedIn in) {
        int n = in.varint();
        if (n == 0) {
            return List.of();
        }
        Finding[] findings = new Finding[n];
        for (int i = 0; i < n; i++) {
            String rule = table.read(in);
            Severity severity = SEVERITIES[in.varint()];
            Long[] frames = new Long[in.varint()];
            long frame = 0;
            for (int k = 0; k < frames.length; k++) {
                frame += in.zigzag();
                frames[k] = frame;
            }
            int frameCount = frames.length + in.varint();
            findings[i] = new Finding(rule, severity, List.of(frames), frameCount, table.read(in), table.read(in));
        }
        return List.of(findings);
    }

    private void writeJob(JobInfo job) {
        if (job == null) {
            out.varint(0);
            return;
        }
        out.varint(1);
        table.write(out, job.language(), true);
        table.write(out, job.name(), true);
        table.write(out, job.user(), true);
        table.write(out, job.host(), true);
        table.write(out, job.operation(), true);
        out.zigzag(job.clientBytes());
        out.zigzag(job.acknowledgedBytes());
        out.varint(job.complete() == null ? 0 : job.complete() ? 2 : 1);
        out.varint(job.printerMessages().size());
        for (String m : job.printerMessages()) {
            table.write(out, m, true);
        }
        out.varint(job.pjlCommands().size());
        for (String c : job.pjlCommands()) {
            table.write(out, c, true);
        }
    }

    private JobInfo readJob(PackedIn in) {
        if (in.varint() == 0) {
            return null;
        }
        String language = table.read(in);
        String name = table.read(in);
        String user = table.read(in);
        String host = table.read(in);
        String operation = table.read(in);
        long clientBytes = in.zigzag();
        long acknowledged = in.zigzag();
        int complete = in.varint();
        String[] messages = new String[in.varint()];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = table.read(in);
        }
        String[] pjl = new String[in.varint()];
        for (int i = 0; i < pjl.length; i++) {
            pjl[i] = table.read(in);
        }
        return new JobInfo(language, name, user, host, operation, clientBytes, acknowledged,
                complete == 0 ? null : complete == 2, List.of(messages), List.of(pjl));
    }

}
