package io.ackwatch.verdict;

import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.Severity;
import io.ackwatch.flow.AckDelayStats;
import io.ackwatch.flow.AnalysisCounts;
import io.ackwatch.flow.ByteStreamSample;
import io.ackwatch.flow.ConnState;
import io.ackwatch.flow.Endpoint;
import io.ackwatch.flow.Handshake;
import io.ackwatch.flow.RoleBasis;
import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.SideStats;
import io.ackwatch.flow.TcpAnalysisFlag;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Packs judged connections into a few dozen bytes each (the packed form of {@link FlowVerdict}) and opens them
 * again into equal objects, so that a capture's report can hold hundreds of thousands of connections in a
 * small heap. One packer serves one capture: the strings that repeat across its connections (addresses,
 * histories, rule ids, job fields, the reasoning of healthy connections) are stored once in its table, up to
 * {@link #MAX_STRINGS}; everything else is written inline. Numbers are variable-length, most of them relative
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

    private final int maxStrings;
    private String[] strings = new String[256];
    private int[] hashes = new int[256];
    /** Open addressing over {@link #strings}: index + 1, 0 for a free slot. */
    private int[] slots = new int[512];
    private int stringCount;
    /** The string being written, as chars (looked up by range, so no substring is made to find a word). */
    private char[] chars = new char[256];
    private final Out out = new Out();
    /** The parts of one sentence, written before their count is known. */
    private final Out parts = new Out();
    private final Out header = new Out();
    /**
     * Connections opened lately, by identity hash: a report writer asks one connection for its parts several
     * times, and the printer summaries go over each printer's connections two or three times in a row. Racing
     * threads may evict each other's entries, which costs only a decode; an entry's parts are immutable.
     */
    private final Opened[] opened = new Opened[OPENED_CACHE];

    public VerdictPacker() {
        this(MAX_STRINGS);
    }

    /** A packer whose string table holds at most {@code maxStrings} strings (tests fill it quickly). */
    VerdictPacker(int maxStrings) {
        this.maxStrings = maxStrings;
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
            In in = new In(bytes, 0);
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
                flow = f = readFlow(new In(bytes, flowAt));
            }
            return f;
        }

        List<Finding> findings() {
            List<Finding> f = findings;
            if (f == null) {
                findings = f = readFindings(new In(bytes, findingsAt));
            }
            return f;
        }

        List<String> reasoning() {
            List<String> r = reasoning;
            if (r == null) {
                In in = new In(bytes, reasoningAt);
                String[] lines = new String[in.varint()];
                for (int i = 0; i < lines.length; i++) {
                    lines[i] = string(in);
                }
                reasoning = r = List.of(lines);
            }
            return r;
        }

        JobInfo job() {
            if (!jobRead) {
                job = readJob(new In(bytes, jobAt));
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
            string(r, shareReasoning);
        }
        int reasoningLength = out.pos - flowLength - findingsLength;
        writeJob(v.job());
        header.reset();
        header.varint(flowLength);
        header.varint(findingsLength);
        header.varint(reasoningLength);
        byte[] packed = Arrays.copyOf(header.buf, header.pos + out.pos);
        System.arraycopy(out.buf, 0, packed, header.pos, out.pos);
        return new FlowVerdict(v, packed, this);
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
        string(f.client().address(), true);
        out.varint(f.client().port());
        string(f.server().address(), true);
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
        string(f.history(), true);
        out.varint(f.detailed() ? 1 : 0);
    }

    private TcpFlow readFlow(In in) {
        int stream = in.varint();
        Endpoint client = new Endpoint(string(in), in.varint());
        Endpoint server = new Endpoint(string(in), in.varint());
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
        String history = string(in);
        boolean detailed = in.varint() == 1;
        return new TcpFlow(stream, client, server, role == 0 ? null : ROLE_BASES[role - 1], firstFrame, lastFrame,
                start, end, clientSide, serverSide, icmp, new Handshake(hs[0], hs[1], hs[2], hs[3], hs[4], hs[5]),
                new AnalysisCounts(counts), log, delay, clientBytes, deliveredBytes, firstUnacked,
                state == 0 ? null : CONN_STATES[state - 1], history, ByteStreamSample.EMPTY, ByteStreamSample.EMPTY,
                detailed);
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
    }

    private static SideStats readSide(In in) {
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
        return new SideStats(packets, payload, syn, synAck, fin, rst, minTtl, maxTtl, mss, windowScale,
                (options & 1) != 0, (options & 2) != 0);
    }

    /** Each segment relative to the one before; sequence and ack numbers relative to the same direction's last. */
    private void writeLog(SegmentLog log, long firstFrame, long start) {
        int n = log.size();
        out.varint(n);
        long frame = firstFrame;
        long time = start;
        long[] seq = new long[2];
        long[] ack = new long[2];
        for (int i = 0; i < n; i++) {
            int d = log.fromClient(i) ? 1 : 0;
            out.zigzag(log.frame(i) - frame);
            out.zigzag(log.timeNanos(i) - time);
            out.zigzag(((long) log.tcpFlags(i) << 1) | d);
            out.zigzag(log.seq(i) - seq[d]);
            out.zigzag(log.ack(i) - ack[d]);
            out.zigzag(log.len(i));
            out.zigzag(log.window(i));
            out.zigzag(log.analysis(i));
            out.zigzag(log.ttl(i));
            frame = log.frame(i);
            time = log.timeNanos(i);
            seq[d] = log.seq(i);
            ack[d] = log.ack(i);
        }
    }

    private static SegmentLog readLog(In in, long firstFrame, long start) {
        int n = in.varint();
        if (n == 0) {
            return TcpFlow.NO_LOG;
        }
        SegmentLog.Builder b = new SegmentLog.Builder(n, 0);
        long frame = firstFrame;
        long time = start;
        long[] seq = new long[2];
        long[] ack = new long[2];
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
            b.add(frame, time, d == 1, (int) (flagsAndSide >>> 1), seq[d], ack[d], len, window, analysis, ttl);
        }
        return b.build();
    }

    // ---- findings and job

    private void writeFindings(List<Finding> findings) {
        out.varint(findings.size());
        for (Finding f : findings) {
            string(f.rule(), true);
            out.varint(f.severity().ordinal());
            out.varint(f.frames().size());
            long previousFrame = 0;
            for (Long frame : f.frames()) {
                out.zigzag(frame - previousFrame);
                previousFrame = frame;
            }
            string(f.message(), false);
            string(f.filter(), false);
        }
    }

    private List<Finding> readFindings(In in) {
        int n = in.varint();
        if (n == 0) {
            return List.of();
        }
        Finding[] findings = new Finding[n];
        for (int i = 0; i < n; i++) {
            String rule = string(in);
            Severity severity = SEVERITIES[in.varint()];
            Long[] frames = new Long[in.varint()];
            long frame = 0;
            for (int k = 0; k < frames.length; k++) {
                frame += in.zigzag();
                frames[k] = frame;
            }
            findings[i] = new Finding(rule, severity, List.of(frames), string(in), string(in));
        }
        return List.of(findings);
    }

    private void writeJob(JobInfo job) {
        if (job == null) {
            out.varint(0);
            return;
        }
        out.varint(1);
        string(job.language(), true);
        string(job.name(), true);
        string(job.user(), true);
        string(job.host(), true);
        string(job.operation(), true);
        out.zigzag(job.clientBytes());
        out.zigzag(job.acknowledgedBytes());
        out.varint(job.complete() == null ? 0 : job.complete() ? 2 : 1);
        out.varint(job.printerMessages().size());
        for (String m : job.printerMessages()) {
            string(m, true);
        }
    }

    private JobInfo readJob(In in) {
        if (in.varint() == 0) {
            return null;
        }
        String language = string(in);
        String name = string(in);
        String user = string(in);
        String host = string(in);
        String operation = string(in);
        long clientBytes = in.zigzag();
        long acknowledged = in.zigzag();
        int complete = in.varint();
        String[] messages = new String[in.varint()];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = string(in);
        }
        return new JobInfo(language, name, user, host, operation, clientBytes, acknowledged,
                complete == 0 ? null : complete == 2, List.of(messages));
    }

    // ---- strings
    //
    // tag 0: null; 1 + 4 * index: a table string; 2 + 4 * length: inline UTF-8; 3 + 4 * parts: a sentence in parts.
    // Sentences (finding messages, filters, the reasoning of troubled connections) are mostly the same words
    // around different numbers, so they are cut at their numbers: the words go to the table, the numbers are
    // written as numbers. A part is (number << 2) | 1, (index << 2) | 2 or (UTF-8 length << 2) | 3 + the bytes.

    /** Longest digit run written as a number (10^18 - 1 fits in a long shifted left by two). */
    private static final int MAX_NUMBER_DIGITS = 18;

    private void string(String s, boolean share) {
        if (s == null) {
            out.varint(0);
            return;
        }
        if (!share) {
            int n = s.length();
            if (chars.length < n) {
                chars = new char[Math.max(n, chars.length * 2)];
            }
            s.getChars(0, n, chars, 0);
            sentence(n);
            return;
        }
        int id = tableIndex(null, 0, 0, s.hashCode(), s);
        if (id >= 0) {
            out.varint(1 + 4 * id);
        } else {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.varlong(2 + 4L * utf8.length);
            out.bytes(utf8, utf8.length);
        }
    }

    /** Writes {@code chars[0, n)} as a sentence in parts, hashing the words on the way (one pass). */
    private void sentence(int n) {
        char[] cs = chars;
        parts.reset();
        int count = 0;
        int from = 0;
        int hash = 0;
        int i = 0;
        while (i < n) {
            char c = cs[i];
            if (c < '0' || c > '9') {
                hash = 31 * hash + c;
                i++;
                continue;
            }
            int j = i;
            long value = 0;
            while (j < n && cs[j] >= '0' && cs[j] <= '9') {
                if (j - i < MAX_NUMBER_DIGITS) {
                    value = value * 10 + (cs[j] - '0');
                }
                j++;
            }
            int digits = j - i;
            if (digits <= MAX_NUMBER_DIGITS && (digits == 1 || cs[i] != '0')) {
                count += words(cs, from, i, hash);
                parts.varlong((value << 2) | 1);
                count++;
                from = j;
                hash = 0;
            } else {
                // a leading zero (the digits of "0.046") or too long: the run stays part of the words
                for (int k = i; k < j; k++) {
                    hash = 31 * hash + cs[k];
                }
            }
            i = j;
        }
        count += words(cs, from, n, hash);
        out.varint(3 + 4 * count);
        out.bytes(parts.buf, parts.pos);
    }

    /** Writes {@code cs[from, to)} (of that hash) as one part; returns the number of parts written (0 or 1). */
    private int words(char[] cs, int from, int to, int hash) {
        if (to <= from) {
            return 0;
        }
        int id = tableIndex(cs, from, to, hash, null);
        if (id >= 0) {
            parts.varlong(((long) id << 2) | 2);
        } else {
            byte[] utf8 = new String(cs, from, to - from).getBytes(StandardCharsets.UTF_8);
            parts.varlong(3 + 4L * utf8.length);
            parts.bytes(utf8, utf8.length);
        }
        return 1;
    }

    /**
     * The index in the table of {@code whole}, or when that is null of the string {@code cs[from, to)}, whose
     * {@link String#hashCode()} is {@code h}; adds it while there is room; -1 when it is not there.
     */
    private int tableIndex(char[] cs, int from, int to, int h, String whole) {
        int mask = slots.length - 1;
        int slot = (h ^ (h >>> 16)) & mask;
        for (int id; (id = slots[slot] - 1) >= 0; slot = (slot + 1) & mask) {
            if (hashes[id] == h && (whole != null ? whole.equals(strings[id]) : sameChars(strings[id], cs, from, to))) {
                return id;
            }
        }
        if (stringCount == maxStrings) {
            return -1;
        }
        int id = stringCount++;
        if (id == strings.length) {
            strings = Arrays.copyOf(strings, id * 2);
            hashes = Arrays.copyOf(hashes, id * 2);
        }
        strings[id] = whole != null ? whole : new String(cs, from, to - from);
        hashes[id] = h;
        slots[slot] = id + 1;
        if (stringCount * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    private static boolean sameChars(String s, char[] cs, int from, int to) {
        if (s.length() != to - from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i - from) != cs[i]) {
                return false;
            }
        }
        return true;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int id = 0; id < stringCount; id++) {
            int slot = (hashes[id] ^ (hashes[id] >>> 16)) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id + 1;
        }
    }

    private String string(In in) {
        long tag = in.varlong();
        if (tag == 0) {
            return null;
        }
        return switch ((int) (tag & 3)) {
            case 1 -> strings[(int) (tag >>> 2)];
            case 2 -> in.utf8((int) (tag >>> 2));
            default -> sentence(in, (int) (tag >>> 2));
        };
    }

    private String sentence(In in, int parts) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < parts; k++) {
            long part = in.varlong();
            switch ((int) (part & 3)) {
                case 1 -> sb.append(part >>> 2);
                case 2 -> sb.append(strings[(int) (part >>> 2)]);
                default -> sb.append(in.utf8((int) (part >>> 2)));
            }
        }
        return sb.toString();
    }

    // ---- bytes

    /** A growable buffer reused for every connection; each packed verdict gets an exact-size copy. */
    private static final class Out {
        private byte[] buf = new byte[512];
        private int pos;

        void reset() {
            pos = 0;
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, pos);
        }

        void varint(int v) {
            varlong(v & 0xFFFF_FFFFL);
        }

        void zigzag(long v) {
            varlong((v << 1) ^ (v >> 63));
        }

        void varlong(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[pos++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[pos++] = (byte) v;
        }

        void bytes(byte[] b, int length) {
            ensure(length);
            System.arraycopy(b, 0, buf, pos, length);
            pos += length;
        }

        private void ensure(int n) {
            if (pos + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            }
        }
    }

    private static final class In {
        final byte[] buf;
        int pos;

        In(byte[] buf, int pos) {
            this.buf = buf;
            this.pos = pos;
        }

        int varint() {
            return (int) varlong();
        }

        long zigzag() {
            long v = varlong();
            return (v >>> 1) ^ -(v & 1);
        }

        String utf8(int length) {
            String s = new String(buf, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }

        long varlong() {
            long v = 0;
            int shift = 0;
            while (true) {
                byte b = buf[pos++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
                shift += 7;
            }
        }
    }
}
