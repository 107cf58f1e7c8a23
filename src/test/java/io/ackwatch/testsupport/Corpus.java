package io.ackwatch.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared capture corpus and its tshark oracle (see {@code corpus/README.md} in the shared folder).
 *
 * <p>Typical use:
 * <pre>{@code
 * for (Corpus.Capture c : Corpus.captures()) {          // skips the test when the corpus is absent
 *     Corpus.IndexRow idx = Corpus.index(c);            // oracle/INDEX.tsv row
 *     List<Corpus.FrameRow> frames = Corpus.frames(c);   // <file>.frames.tsv
 *     List<Corpus.StreamRow> streams = Corpus.streams(c); // <file>.streams.tsv
 *     Path file = c.path();
 * }
 * }</pre>
 *
 * <p>Every typed field comes straight from the TSV; {@code columns()} holds the full row by header name for
 * anything not typed. Empty numeric cells read as -1. Parsed files are cached per JVM.
 */
public final class Corpus {

    /** System property naming the shared folder (surefire sets it to {@code ../shared}). */
    public static final String PROPERTY = "ackwatch.shared";

    private static final Map<Path, List<Map<String, String>>> TSV_CACHE = new ConcurrentHashMap<>();

    private Corpus() {}

    /** The shared folder, whether or not it exists. */
    public static Path sharedDir() {
        return Path.of(System.getProperty(PROPERTY, "../shared")).toAbsolutePath().normalize();
    }

    /** The corpus folder ({@code <shared>/corpus}), whether or not it exists. */
    public static Path corpusDir() {
        return sharedDir().resolve("corpus");
    }

    /** True when the corpus and its oracle are present. */
    public static boolean available() {
        Path c = corpusDir();
        return Files.isRegularFile(c.resolve("MANIFEST.tsv")) && Files.isRegularFile(c.resolve("oracle/INDEX.tsv"));
    }

    /** Skips the calling test (JUnit assumption) when the corpus is absent; returns the corpus folder. */
    public static Path assumeCorpus() {
        assumeTrue(available(), () -> "capture corpus not found at " + corpusDir()
                + " (set -D" + PROPERTY + "=<folder containing corpus/>); skipping corpus test");
        return corpusDir();
    }

    // ---------------------------------------------------------------- MANIFEST.tsv

    /** One capture of MANIFEST.tsv. {@code relpath} is relative to the corpus folder. */
    public record Capture(String relpath, Path path, String sourceRepo, String originalPath, String license,
            String sha256, long bytes, List<String> tags) {

        /** The file name, e.g. {@code ssh-dups.pcap}. */
        public String name() {
            return path.getFileName().toString();
        }

        /** Main category (first tag): tcp, format, linktype or broken. */
        public String category() {
            return tags.isEmpty() ? "" : tags.get(0);
        }

        public boolean hasTag(String tag) {
            return tags.contains(tag);
        }

        @Override
        public String toString() {
            return relpath;
        }
    }

    /** All captures in MANIFEST order; skips the test when the corpus is absent. */
    public static List<Capture> captures() {
        Path dir = assumeCorpus();
        List<Capture> out = new ArrayList<>();
        for (Map<String, String> r : readTsv(dir.resolve("MANIFEST.tsv"))) {
            String rel = r.get("relpath");
            out.add(new Capture(rel, dir.resolve(rel), r.get("source_repo"), r.get("original_path"),
                    r.get("license"), r.get("sha256"), parseLong(r.get("bytes")), splitList(r.get("tags"), ";")));
        }
        return Collections.unmodifiableList(out);
    }

    /** The capture with this relpath or file name; fails when there is none. */
    public static Capture capture(String relpathOrName) {
        for (Capture c : captures()) {
            if (c.relpath().equals(relpathOrName) || c.name().equals(relpathOrName)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no capture " + relpathOrName + " in " + corpusDir().resolve("MANIFEST.tsv"));
    }

    // ---------------------------------------------------------------- oracle/INDEX.tsv

    /**
     * One row of oracle/INDEX.tsv. {@code linkTypes} are the LINKTYPE_ numbers of the pcap header or of each
     * pcapng IDB in file order. {@code frames} is what tshark output (0 when it rejected the file);
     * {@code tsharkExit} non-zero means tshark stopped on an error ({@code tsharkError}).
     */
    public record IndexRow(String file, long bytes, String format, List<Integer> linkTypes, String pcapngBlocks,
            long frames, long tcpFrames, long tcpStreams, long retransmissionFrames, long rstFrames,
            String firstTime, String lastTime, int tsharkExit, String tsharkError, Map<String, String> columns) {

        /** True when tshark read the whole file without error. */
        public boolean tsharkOk() {
            return tsharkExit == 0;
        }
    }

    /** INDEX.tsv rows keyed by file (relpath). */
    public static Map<String, IndexRow> index() {
        Path dir = assumeCorpus();
        Map<String, IndexRow> out = new LinkedHashMap<>();
        for (Map<String, String> r : readTsv(dir.resolve("oracle/INDEX.tsv"))) {
            List<Integer> lts = new ArrayList<>();
            for (String s : splitList(r.get("linktypes"), ",")) {
                lts.add(Integer.parseInt(s));
            }
            IndexRow row = new IndexRow(r.get("file"), parseLong(r.get("bytes")), r.get("format"),
                    Collections.unmodifiableList(lts), r.get("pcapng_blocks"), parseLong(r.get("frames")),
                    parseLong(r.get("tcp_frames")), parseLong(r.get("tcp_streams")),
                    parseLong(r.get("retransmission_frames")), parseLong(r.get("rst_frames")), r.get("first_time"),
                    r.get("last_time"), (int) parseLong(r.get("tshark_exit")), r.get("tshark_error"), r);
            out.put(row.file(), row);
        }
        return Collections.unmodifiableMap(out);
    }

    public static IndexRow index(Capture c) {
        IndexRow row = index().get(c.relpath());
        if (row == null) {
            throw new IllegalArgumentException("no INDEX.tsv row for " + c.relpath());
        }
        return row;
    }

    // ---------------------------------------------------------------- <file>.frames.tsv

    /**
     * One frame of {@code <file>.frames.tsv}. {@code iface} is -1 for pcap (empty cell); {@code timeEpoch} is
     * tshark's text (nanosecond digits, possibly unnormalised); {@code tcpStream} -1 when the frame has none.
     * {@code analysis} holds the short flags (RT, FRT, SRT, DA, ZW, WF, LS, ALS, KA, OOO, RP).
     */
    public record FrameRow(long frame, int iface, int encap, String timeEpoch, int capLen, long len, String l2,
            long tcpStream, String dir, String src, int sport, String dst, int dport, int tcpFlags, long tcpLen,
            Set<String> analysis, boolean icmpQuoted, Map<String, String> columns) {}

    public static List<FrameRow> frames(Capture c) {
        List<FrameRow> out = new ArrayList<>();
        for (Map<String, String> r : readTsv(oracleFile(c, ".frames.tsv"))) {
            String flags = r.get("tcp_flags");
            out.add(new FrameRow(parseLong(r.get("frame")), (int) parseLong(r.get("iface")),
                    (int) parseLong(r.get("encap")), r.get("time_epoch"), (int) parseLong(r.get("cap_len")),
                    parseLong(r.get("len")), r.get("l2"), parseLong(r.get("tcp_stream")), r.get("dir"),
                    r.get("src"), (int) parseLong(r.get("sport")), r.get("dst"), (int) parseLong(r.get("dport")),
                    flags == null || flags.isEmpty() ? -1 : Integer.decode(flags), parseLong(r.get("tcp_len")),
                    Set.copyOf(splitList(r.get("analysis"), ",")), "1".equals(r.get("icmp_quoted")), r));
        }
        return Collections.unmodifiableList(out);
    }

    // ---------------------------------------------------------------- <file>.streams.tsv

    /**
     * One TCP stream of {@code <file>.streams.tsv}; side a is the source of the stream's first frame.
     * Counters not typed here (retransmission, duplicate_ack, zero_window, ...) via {@link #count(String)}.
     */
    public record StreamRow(long stream, long firstFrame, long lastFrame, String aAddr, int aPort, String bAddr,
            int bPort, long packets, long payloadBytesAToB, long payloadBytesBToA, long packetsAToB,
            long packetsBToA, List<Long> retransmissionFrames, List<Long> rstFrames, String firstTime,
            String lastTime, Map<String, String> columns) {

        /** A numeric column by its header name, e.g. {@code count("zero_window")}; -1 when empty. */
        public long count(String column) {
            if (!columns.containsKey(column)) {
                throw new IllegalArgumentException("no column " + column + " in streams.tsv");
            }
            return parseLong(columns.get(column));
        }
    }

    public static List<StreamRow> streams(Capture c) {
        List<StreamRow> out = new ArrayList<>();
        for (Map<String, String> r : readTsv(oracleFile(c, ".streams.tsv"))) {
            out.add(new StreamRow(parseLong(r.get("stream")), parseLong(r.get("first_frame")),
                    parseLong(r.get("last_frame")), r.get("a_addr"), (int) parseLong(r.get("a_port")),
                    r.get("b_addr"), (int) parseLong(r.get("b_port")), parseLong(r.get("packets")),
                    parseLong(r.get("payload_bytes_a_to_b")), parseLong(r.get("payload_bytes_b_to_a")),
                    parseLong(r.get("packets_a_to_b")), parseLong(r.get("packets_b_to_a")),
                    longList(r.get("retransmission_frames")), longList(r.get("rst_frames")), r.get("first_time"),
                    r.get("last_time"), r));
        }
        return Collections.unmodifiableList(out);
    }

    /** {@code oracle/<owner>__<repo>/<file><suffix>} for a capture {@code files/<owner>__<repo>/<file>}. */
    public static Path oracleFile(Capture c, String suffix) {
        String rel = c.relpath().startsWith("files/") ? c.relpath().substring("files/".length()) : c.relpath();
        return corpusDir().resolve("oracle").resolve(rel + suffix);
    }

    // ---------------------------------------------------------------- TSV plumbing

    /** Rows of a TSV file with a header line, as header-name → cell maps (unmodifiable, cached). */
    public static List<Map<String, String>> readTsv(Path file) {
        return TSV_CACHE.computeIfAbsent(file.toAbsolutePath().normalize(), Corpus::parseTsv);
    }

    private static List<Map<String, String>> parseTsv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (lines.isEmpty()) {
            return List.of();
        }
        String[] header = lines.get(0).split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>(lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], i < cells.length ? cells[i] : "");
            }
            rows.add(Collections.unmodifiableMap(row));
        }
        return Collections.unmodifiableList(rows);
    }

    private static long parseLong(String s) {
        return s == null || s.isEmpty() ? -1 : Long.parseLong(s.trim());
    }

    private static List<String> splitList(String s, String sep) {
        if (s == null || s.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(s.split(java.util.regex.Pattern.quote(sep))).filter(x -> !x.isEmpty()).toList();
    }

    private static List<Long> longList(String s) {
        return splitList(s, ",").stream().map(Long::parseLong).toList();
    }
}
