package io.ackwatch.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.capture.CaptureException;
import io.ackwatch.capture.CaptureFiles;
import io.ackwatch.capture.CaptureReader;
import io.ackwatch.capture.PacketRecord;
import io.ackwatch.decode.DecodeStatus;
import io.ackwatch.decode.PacketDecoder;
import io.ackwatch.decode.TcpSegment;
import io.ackwatch.testsupport.Corpus;
import io.ackwatch.testsupport.MergedFlows;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The flow tracker against the tshark 4.0.17 oracle of the capture corpus: stream numbering and per-stream
 * statistics must match exactly; the tcp.analysis counts must match for at least 95 % of all streams, every
 * stream that differs must be listed, with a reason, in {@code analysis-differences.tsv}, and outside listed
 * streams every frame's flags must equal the frames.tsv {@code analysis} column.
 */
class FlowCorpusTest {
    /** Flags the oracle's streams.tsv counts, with their column names. */
    private static final List<TcpAnalysisFlag> ORACLE_FLAGS = List.of(TcpAnalysisFlag.RETRANSMISSION,
            TcpAnalysisFlag.FAST_RETRANSMISSION, TcpAnalysisFlag.SPURIOUS_RETRANSMISSION,
            TcpAnalysisFlag.DUPLICATE_ACK, TcpAnalysisFlag.ZERO_WINDOW, TcpAnalysisFlag.WINDOW_FULL,
            TcpAnalysisFlag.LOST_SEGMENT, TcpAnalysisFlag.ACK_LOST_SEGMENT, TcpAnalysisFlag.KEEP_ALIVE,
            TcpAnalysisFlag.OUT_OF_ORDER, TcpAnalysisFlag.REUSED_PORTS);

    private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();
    /** Wants no connection analysed: each is only numbered, counted and closed. */
    static final FlowInterest NUMBERED_ONLY = new FlowInterest() {
        @Override
        public boolean wantsDetail(Endpoint client, Endpoint server) {
            return false;
        }

        @Override
        public boolean wantsAnalysis(Endpoint a, Endpoint b) {
            return false;
        }
    };
    private static final AtomicInteger STREAMS_MATCHED = new AtomicInteger();
    private static final AtomicInteger STREAMS_EXPECTED = new AtomicInteger();

    /** What the tracker produced for one capture. */
    record Run(List<TcpFlow> flows, Map<Long, Integer> frameFlags, Map<Long, Integer> frameStream, long tcpFrames) {}

    static List<Corpus.Capture> captures() {
        return Corpus.captures();
    }

    static Run run(Corpus.Capture capture) {
        return RUNS.computeIfAbsent(capture.relpath(), k -> track(capture));
    }

    private static Run track(Corpus.Capture capture) {
        List<TcpFlow> flows = new ArrayList<>();
        // logs large enough to hold every segment of every corpus stream, for per-frame diagnosis
        FlowTracker tracker = replay(capture, new FlowOptions(FlowInterest.ALL, 1 << 20, 0, 16, 16), flows, null);
        Map<Long, Integer> flags = new HashMap<>();
        Map<Long, Integer> streams = new HashMap<>();
        for (TcpFlow f : flows) {
            SegmentLog log = f.log();
            for (int i = 0; i < log.size(); i++) {
                flags.put(log.frame(i), log.analysis(i));
                streams.put(log.frame(i), f.stream());
            }
        }
        return new Run(flows, flags, streams, tracker.tcpFrames());
    }

    /**
     * Runs the capture's TCP frames, up to where tshark stopped, through a finished tracker; when
     * {@code streamOfFrame} is given, it gets each frame's stream as the tracker says right after the frame.
     */
    private static FlowTracker replay(Corpus.Capture capture, FlowOptions options, List<TcpFlow> flows,
            Map<Long, Integer> streamOfFrame) {
        return replay(capture, options, flows, streamOfFrame, frame -> true);
    }

    /** The same, with only the frames {@code selected} names accepted; the others are only numbered. */
    private static FlowTracker replay(Corpus.Capture capture, FlowOptions options, List<TcpFlow> flows,
            Map<Long, Integer> streamOfFrame, LongPredicate selected) {
        FlowTracker tracker = new FlowTracker(options, MergedFlows.into(flows));
        long expectedFrames = Corpus.index(capture).frames();
        PacketRecord record = new PacketRecord();
        TcpSegment segment = new TcpSegment();
        PacketDecoder decoder = new PacketDecoder();
        try (CaptureReader reader = CaptureFiles.open(capture.path())) {
            while (reader.next(record) && record.frame() <= expectedFrames) {
                if (decoder.decode(record, segment) == DecodeStatus.TCP) {
                    if (selected.test(record.frame())) {
                        tracker.accept(record, segment);
                    } else {
                        tracker.numberOnly(record, segment);
                    }
                    if (streamOfFrame != null) {
                        streamOfFrame.put(record.frame(), tracker.lastStream());
                    }
                }
            }
        } catch (CaptureException e) {
            // tshark stops at the same damage; the oracle holds the frames before it
        }
        tracker.finish();
        return tracker;
    }

    /**
     * Connections the interest does not want analysed (here: all of them) are numbered as Wireshark numbers them
     * all the same: every TCP frame lands in the oracle's tcp.stream, and as many connections come out.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void connectionsLeftUnanalysedAreNumberedAsTsharkNumbersThem(Corpus.Capture capture) {
        Map<Long, Integer> ours = new HashMap<>();
        List<TcpFlow> flows = new ArrayList<>();
        FlowTracker tracker = replay(capture, FlowOptions.defaults(NUMBERED_ONLY), flows, ours);

        List<String> wrong = new ArrayList<>();
        for (Corpus.FrameRow row : Corpus.frames(capture)) {
            if (row.tcpStream() >= 0 && !row.icmpQuoted() && !Integer.valueOf((int) row.tcpStream())
                    .equals(ours.get(row.frame()))) {
                wrong.add("frame " + row.frame() + ": stream " + ours.get(row.frame()) + ", tshark " + row.tcpStream());
            }
        }
        assertThat(wrong).as(capture.relpath()).isEmpty();
        assertThat(flows).as("unanalysed connections are only counted").isEmpty();
        assertThat(tracker.unanalysedConnections()).as("connections of %s", capture.relpath())
                .isEqualTo(run(capture).flows().size());
    }

    /**
     * {@code --filter} leaving out every third frame, which cuts into nearly every connection: each frame, left
     * out or not, still lands in the oracle's tcp.stream; a connection comes out when some of its frames were
     * accepted, spanning exactly those, and the capture's TCP count is theirs.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void framesLeftOutOfTheAnalysisKeepEveryStreamNumber(Corpus.Capture capture) {
        LongPredicate selected = frame -> frame % 3 != 0;
        Map<Long, Integer> ours = new HashMap<>();
        List<TcpFlow> flows = new ArrayList<>();
        FlowTracker tracker = replay(capture, FlowOptions.defaults(FlowInterest.ALL), flows, ours, selected);

        List<String> wrong = new ArrayList<>();
        Map<Integer, String> expected = new TreeMap<>();
        Map<Integer, long[]> spans = new TreeMap<>();
        long selectedTcp = 0;
        Map<Integer, Integer> leftOut = new HashMap<>();
        for (Corpus.FrameRow row : Corpus.frames(capture)) {
            if (row.tcpStream() < 0) {
                continue;
            }
            int stream = (int) row.tcpStream();
            if (!row.icmpQuoted() && !Integer.valueOf(stream).equals(ours.get(row.frame()))) {
                wrong.add("frame " + row.frame() + ": stream " + ours.get(row.frame()) + ", tshark " + stream);
            }
            if (selected.test(row.frame())) {
                selectedTcp++;
                long[] span = spans.computeIfAbsent(stream, k -> new long[] {row.frame(), 0});
                span[1] = row.frame();
            } else {
                leftOut.merge(stream, 1, Integer::sum);
            }
        }
        spans.forEach((stream, span) -> expected.put(stream, span[0] + ".." + span[1]));
        Map<Integer, String> emitted = new TreeMap<>();
        for (TcpFlow f : flows) {
            assertThat(emitted.put(f.stream(), f.firstFrame() + ".." + f.lastFrame()))
                    .as("stream %d emitted twice", f.stream()).isNull();
        }
        assertThat(wrong).as(capture.relpath()).isEmpty();
        assertThat(emitted).as("stream -> first..last accepted frame, %s", capture.relpath()).isEqualTo(expected);
        assertThat(tracker.tcpFrames()).as("accepted TCP frames").isEqualTo(selectedTcp);
        leftOut.keySet().retainAll(spans.keySet());
        assertThat(tracker.streamsWithFramesLeftOut()).as("connections cut by the selection")
                .isEqualTo(leftOut.size());
        assertThat(tracker.framesLeftOutOfStreams()).as("frames left out of them")
                .isEqualTo(leftOut.values().stream().mapToLong(Integer::longValue).sum());
    }

    /**
     * A selection of whole connections (here every other stream, as a filter on addresses and ports makes it)
     * leaves each selected connection exactly as analysed without a filter, stream number included.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void wholeConnectionsSelectedAreAnalysedAsWithoutFilter(Corpus.Capture capture) {
        Map<Long, Long> streamOfFrame = new HashMap<>();
        for (Corpus.FrameRow row : Corpus.frames(capture)) {
            streamOfFrame.put(row.frame(), row.tcpStream());
        }
        LongPredicate selected = frame -> streamOfFrame.getOrDefault(frame, -1L) % 2 == 1;
        List<TcpFlow> flows = new ArrayList<>();
        FlowTracker tracker = replay(capture, FlowOptions.defaults(FlowInterest.ALL), flows, null, selected);

        Map<Integer, String> expected = new TreeMap<>();
        for (TcpFlow f : run(capture).flows()) {
            if (f.stream() % 2 == 1) {
                expected.put(f.stream(), facts(f));
            }
        }
        Map<Integer, String> filtered = new TreeMap<>();
        flows.forEach(f -> filtered.put(f.stream(), facts(f)));
        assertThat(filtered).as(capture.relpath()).isEqualTo(expected);
        assertThat(tracker.streamsWithFramesLeftOut()).as("no connection cut").isZero();
    }

    /** Everything the later stages read of a flow but its segment log and byte samples. */
    private static String facts(TcpFlow f) {
        return List.of(f.client(), f.server(), f.roleBasis(), f.firstFrame(), f.lastFrame(), f.startNanos(),
                f.endNanos(), f.clientSide(), f.serverSide(), f.icmpQuotedFrames(), f.handshake(), f.analysis(),
                f.ackDelay(), f.clientBytes(), f.deliveredBytes(), f.firstUnackedFrame(), f.state(), f.history(),
                f.log().size()).toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void streamsMatchTheOracle(Corpus.Capture capture) {
        List<Corpus.StreamRow> expected = Corpus.streams(capture);
        Run run = run(capture);
        Map<Integer, TcpFlow> byStream = new TreeMap<>();
        for (TcpFlow f : run.flows()) {
            assertThat(byStream.put(f.stream(), f)).as("stream %d emitted twice", f.stream()).isNull();
        }
        List<String> mismatches = new ArrayList<>();
        for (Corpus.StreamRow row : expected) {
            TcpFlow f = byStream.get((int) row.stream());
            String diff = f == null ? "missing" : compare(row, f);
            if (diff.isEmpty()) {
                STREAMS_MATCHED.incrementAndGet();
            } else {
                mismatches.add("stream " + row.stream() + ": " + diff);
            }
        }
        STREAMS_EXPECTED.addAndGet(expected.size());
        assertThat(mismatches).as(capture.relpath()).isEmpty();
        assertThat(byStream).as("streams of %s", capture.relpath()).hasSameSizeAs(expected);
        assertThat(run.tcpFrames()).isEqualTo(Corpus.index(capture).tcpFrames());
    }

    @AfterAll
    static void printMatchCount() {
        if (STREAMS_EXPECTED.get() > 0) {
            System.out.printf("flow corpus: %d of %d oracle streams match exactly%n", STREAMS_MATCHED.get(),
                    STREAMS_EXPECTED.get());
        }
    }

    /** Empty when equal, else what differs. Side a is the source of the stream's first frame. */
    private static String compare(Corpus.StreamRow row, TcpFlow f) {
        boolean clientIsA = f.client().address().equals(row.aAddr()) && f.client().port() == row.aPort()
                && f.server().address().equals(row.bAddr()) && f.server().port() == row.bPort();
        boolean serverIsA = f.server().address().equals(row.aAddr()) && f.server().port() == row.aPort()
                && f.client().address().equals(row.bAddr()) && f.client().port() == row.bPort();
        if (!clientIsA && !serverIsA) {
            return "endpoints " + f.client() + " / " + f.server() + " vs " + row.aAddr() + ":" + row.aPort() + " / "
                    + row.bAddr() + ":" + row.bPort();
        }
        SideStats a = clientIsA ? f.clientSide() : f.serverSide();
        SideStats b = clientIsA ? f.serverSide() : f.clientSide();
        Map<String, long[]> values = new LinkedHashMap<>();
        values.put("first_frame", new long[] {f.firstFrame(), row.firstFrame()});
        values.put("last_frame", new long[] {f.lastFrame(), row.lastFrame()});
        values.put("packets", new long[] {f.packets(), row.packets()});
        values.put("packets_a_to_b", new long[] {a.packets(), row.packetsAToB()});
        values.put("packets_b_to_a", new long[] {b.packets(), row.packetsBToA()});
        values.put("payload_bytes_a_to_b", new long[] {a.payloadBytes(), row.payloadBytesAToB()});
        values.put("payload_bytes_b_to_a", new long[] {b.payloadBytes(), row.payloadBytesBToA()});
        values.put("syn_a", new long[] {a.syn(), row.count("syn_a")});
        values.put("syn_b", new long[] {b.syn(), row.count("syn_b")});
        values.put("synack_a", new long[] {a.synAck(), row.count("synack_a")});
        values.put("synack_b", new long[] {b.synAck(), row.count("synack_b")});
        values.put("fin_a", new long[] {a.fin(), row.count("fin_a")});
        values.put("fin_b", new long[] {b.fin(), row.count("fin_b")});
        values.put("rst_a", new long[] {a.rst(), row.count("rst_a")});
        values.put("rst_b", new long[] {b.rst(), row.count("rst_b")});
        values.put("icmp_quoted_frames", new long[] {f.icmpQuotedFrames(), row.count("icmp_quoted_frames")});
        StringBuilder sb = new StringBuilder();
        values.forEach((name, v) -> {
            if (v[0] != v[1]) {
                sb.append(name).append(' ').append(v[0]).append(" (oracle ").append(v[1]).append(") ");
            }
        });
        return sb.toString().trim();
    }

    /** A known, explained difference in one flag count of one stream. */
    record Difference(String file, long stream, String flag, long ours, long oracle, String reason) {
        String key() {
            return file + "\t" + stream + "\t" + flag;
        }
    }

    static Map<String, Difference> listedDifferences() throws IOException {
        Map<String, Difference> out = new LinkedHashMap<>();
        try (InputStream in = FlowCorpusTest.class.getResourceAsStream("analysis-differences.tsv")) {
            if (in == null) {
                return out;
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (String line : lines) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("file\t")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                Difference d = new Difference(c[0], Long.parseLong(c[1]), c[2], Long.parseLong(c[3]),
                        Long.parseLong(c[4]), c.length > 5 ? c[5] : "");
                out.put(d.key(), d);
            }
        }
        return out;
    }

    @Test
    void analysisCountsMatchTheOracleForAtLeast95PercentOfStreams() throws IOException {
        Map<String, Difference> listed = listedDifferences();
        List<String> unlisted = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        Set<String> seenKeys = new java.util.HashSet<>();
        int streams = 0;
        int matching = 0;
        StringBuilder frameDiagnosis = new StringBuilder();
        int frameMismatches = 0;
        Set<String> listedStreams = new java.util.HashSet<>();
        listed.values().forEach(d -> listedStreams.add(d.file() + "#" + d.stream()));
        for (Corpus.Capture capture : captures()) {
            Run run = run(capture);
            Map<Integer, TcpFlow> byStream = new HashMap<>();
            run.flows().forEach(f -> byStream.put(f.stream(), f));
            for (Corpus.StreamRow row : Corpus.streams(capture)) {
                streams++;
                TcpFlow f = byStream.get((int) row.stream());
                boolean same = true;
                for (TcpAnalysisFlag flag : ORACLE_FLAGS) {
                    long ours = f == null ? -1 : f.analysis().count(flag);
                    long oracle = row.count(flag.fieldName());
                    String key = capture.relpath() + "\t" + row.stream() + "\t" + flag.fieldName();
                    Difference d = listed.get(key);
                    if (ours != oracle) {
                        same = false;
                        seenKeys.add(key);
                        if (d == null || d.ours() != ours || d.oracle() != oracle) {
                            unlisted.add(key + "\t" + ours + "\t" + oracle);
                        }
                    } else if (d != null) {
                        stale.add(key);
                    }
                }
                if (same) {
                    matching++;
                }
            }
            frameMismatches += diagnoseFrames(capture, run, frameDiagnosis, listedStreams);
        }
        System.out.printf("flow corpus: tcp.analysis counts match for %d of %d streams%n", matching, streams);
        if (frameDiagnosis.length() > 0) {
            System.out.println("per-frame analysis differences (frame, stream, ours, oracle):");
            System.out.print(frameDiagnosis);
        }
        listed.keySet().stream().filter(k -> !seenKeys.contains(k) && !stale.contains(k)).forEach(stale::add);
        assertThat(unlisted).as("differences not listed in analysis-differences.tsv").isEmpty();
        assertThat(stale).as("listed differences that no longer differ").isEmpty();
        assertThat(matching).isGreaterThanOrEqualTo((int) Math.ceil(streams * 0.95));
        assertThat(frameMismatches).as("frames whose flags differ from frames.tsv outside listed streams").isZero();
    }

    /** Appends up to 20 differing frames per capture; returns how many frames differ outside listed streams. */
    private static int diagnoseFrames(Corpus.Capture capture, Run run, StringBuilder out, Set<String> listedStreams) {
        int shown = 0;
        int counted = 0;
        for (Corpus.FrameRow row : Corpus.frames(capture)) {
            if (row.tcpStream() < 0 || row.icmpQuoted()) {
                continue;
            }
            Integer mask = run.frameFlags().get(row.frame());
            String ours = mask == null ? "?" : codes(mask);
            String oracle = String.join(",", new java.util.TreeSet<>(row.analysis()));
            if (!ours.equals(oracle) && !listedStreams.contains(capture.relpath() + "#" + row.tcpStream())) {
                counted++;
            }
            if (!ours.equals(oracle) && shown++ < 20) {
                out.append("  ").append(capture.relpath()).append(" #").append(row.frame()).append(" s")
                        .append(row.tcpStream()).append(": ").append(ours.isEmpty() ? "-" : ours).append(" vs ")
                        .append(oracle.isEmpty() ? "-" : oracle).append('\n');
            }
        }
        return counted;
    }

    private static String codes(int mask) {
        java.util.TreeSet<String> set = new java.util.TreeSet<>();
        for (TcpAnalysisFlag f : TcpAnalysisFlag.values()) {
            if (f.in(mask) && !f.oracleCode().isEmpty()) {
                set.add(f.oracleCode());
            }
        }
        return String.join(",", set);
    }
}
