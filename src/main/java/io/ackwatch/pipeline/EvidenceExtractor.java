package io.ackwatch.pipeline;

import io.ackwatch.capture.CaptureException;
import io.ackwatch.capture.CaptureReader;
import io.ackwatch.capture.FileIdentity;
import io.ackwatch.capture.InterfaceInfo;
import io.ackwatch.capture.PacketRecord;
import io.ackwatch.decode.DecodeStatus;
import io.ackwatch.decode.PacketDecoder;
import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.FlowOptions;
import io.ackwatch.flow.FlowTracker;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.EvidenceFile;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one small pcapng per failed or degraded connection ({@code --extract DIR}), so only the evidence goes
 * to the vendor. A second pass over the capture: the first one did not know yet which connections would fail,
 * and keeping every packet of every connection just in case would break the memory bound. Each frame carries
 * its original frame number in a comment, and the extraction remembers the new number of every frame a finding
 * names, so the report can give filters that work in the evidence file.
 */
public final class EvidenceExtractor {
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceExtractor.class);
    /**
     * Files per capture, all open at once during the pass. A printer that failed thousands of jobs needs a few
     * examples for its vendor, not a folder of thousands; the rest are counted, and the user is told.
     */
    public static final int MAX_FILES = 256;

    /**
     * What {@link #extract} did.
     *
     * @param written the files, named {@code <base>-stream<N>-<verdict>.pcapng}, by stream
     * @param skipped failed or degraded connections beyond {@link #MAX_FILES}, which got no file
     */
    public record Extraction(Map<Integer, EvidenceFile> written, int skipped) {}

    /** A connection whose evidence is wanted, and the frames its findings name. */
    private record Wanted(String name, Verdict verdict, Set<Long> namedFrames) {}

    private final CaptureOpener opener;
    private final boolean privacy;
    private final String userApplication;

    public EvidenceExtractor(AnalysisSettings settings, String toolVersion) {
        this.opener = new CaptureOpener(settings.reader(), settings.bpfFilter());
        this.privacy = settings.privacy() != null;
        this.userApplication = "ackwatch " + toolVersion;
    }

    /**
     * Writes the evidence of the failed connections first, then of the degraded ones, each in stream order, up to
     * {@link #MAX_FILES}.
     *
     * @param base file-name prefix, unique among the captures of one run (see {@link #baseName(Path)})
     */
    public Extraction extract(InputFile capture, CaptureResult result, Path dir, String base) throws IOException {
        Map<Integer, Wanted> wanted = new HashMap<>();
        int skipped = 0;
        for (Verdict verdict : List.of(Verdict.FAILED, Verdict.DEGRADED, Verdict.INCOMPLETE)) {
            for (FlowVerdict v : result.flows()) {
                if (v.verdict() != verdict) {
                    continue;
                }
                if (wanted.size() == MAX_FILES) {
                    skipped++;
                    continue;
                }
                Set<Long> named = new HashSet<>();
                v.findings().forEach(f -> named.addAll(f.frames()));
                wanted.put(v.flow().stream(), new Wanted(base + "-stream" + v.flow().stream() + "-"
                        + verdict.reportName() + ".pcapng", verdict, named));
            }
        }
        if (wanted.isEmpty()) {
            return new Extraction(Map.of(), skipped);
        }
        Files.createDirectories(dir);
        Map<Integer, EvidenceWriter> writers = new HashMap<>();
        String source = capture.isSet() ? capture.displayName() : capture.path().getFileName().toString();
        try (CaptureReader reader = opener.open(capture); PacketFilter filter = opener.filter(capture.path())) {
            FlowTracker tracker = new FlowTracker(FlowOptions.defaults((c, s) -> false), flow -> { });
            PacketDecoder decoder = new PacketDecoder();
            PacketRecord record = new PacketRecord();
            TcpSegment segment = new TcpSegment();
            while (reader.next(record)) {
                if (!record.isPacket()) {
                    continue;
                }
                boolean selected = filter == null || filter.matches(record);
                if (decoder.decode(record, segment) != DecodeStatus.TCP) {
                    continue;
                }
                // numbered as in the analysis; the evidence is the frames it analysed
                tracker.accept(record, segment, selected);
                int stream = tracker.lastStream();
                Wanted w = wanted.get(stream);
                if (!selected || w == null) {
                    continue;
                }
                EvidenceWriter out = writers.get(stream);
                if (out == null) {
                    Path file = dir.resolve(w.name());
                    out = new EvidenceWriter(file, new PcapngWriter(file, sectionComment(source, result, stream,
                            w.verdict()), userApplication), w.namedFrames());
                    writers.put(stream, out);
                }
                out.write(record, iface(reader, record.interfaceId()), keptLength(record, segment),
                        "ackwatch: frame " + record.frame() + " of " + source + ", tcp.stream " + stream);
            }
        } catch (CaptureException e) {
            LOG.debug("evidence extraction stopped at the damage already reported", e);
        } finally {
            for (EvidenceWriter w : writers.values()) {
                w.close();
            }
        }
        Map<Integer, EvidenceFile> written = new TreeMap<>();
        writers.forEach((stream, w) -> written.put(stream, w.result(stream)));
        return new Extraction(written, skipped);
    }

    /** Names the source, its size and hash (the report's, one value for both), the connection and verdict. */
    private String sectionComment(String source, CaptureResult result, int stream, Verdict verdict) {
        FileIdentity id = result.identity();
        String identity = id == null ? "size and SHA-256 unknown"
                : id.sizeBytes() + " bytes, SHA-256 " + id.sha256();
        return "ackwatch evidence: tcp.stream " + stream + " (" + verdict.reportName() + ") of " + source + " ("
                + identity + "); each frame's comment gives its frame number in " + source
                + (privacy ? "; --privacy: every frame cut after its TCP header" : "");
    }

    /**
     * The whole frame, or with {@code --privacy} the frame up to the end of its TCP header: no payload byte
     * (a job or user name) leaves, and Wireshark still has the sequence numbers and lengths it analyzes.
     */
    private int keptLength(PacketRecord record, TcpSegment segment) {
        if (!privacy) {
            return record.capturedLength();
        }
        // a segment reassembled from IP fragments has its header in another frame: keep nothing of this one
        return segment.data() == record.data() ? segment.payloadOffset() - record.offset() : 0;
    }

    private static InterfaceInfo iface(CaptureReader reader, int interfaceId) {
        for (InterfaceInfo i : reader.interfaces()) {
            if (i.id() == interfaceId) {
                return i;
            }
        }
        throw new IllegalStateException("frame of interface " + interfaceId + " before its description");
    }

    /** One evidence file being written, counting its frames and renumbering those the findings name. */
    private static final class EvidenceWriter implements AutoCloseable {
        private final Path file;
        private final PcapngWriter pcapng;
        private final Set<Long> named;
        private final Map<Long, Long> renumbered = new HashMap<>();
        private String sha256;

        EvidenceWriter(Path file, PcapngWriter pcapng, Set<Long> named) {
            this.file = file;
            this.pcapng = pcapng;
            this.named = named;
        }

        void write(PacketRecord record, InterfaceInfo source, int keptLength, String comment) throws IOException {
            pcapng.write(record, source, keptLength, comment);
            if (named.contains(record.frame())) {
                renumbered.put(record.frame(), pcapng.packets());
            }
        }

        EvidenceFile result(int stream) {
            return new EvidenceFile(stream, file.toString(), sha256, pcapng.packets(), renumbered);
        }

        @Override
        public void close() throws IOException {
            pcapng.close();
            sha256 = pcapng.sha256();
        }
    }

    /** The capture's file name without capture and compression suffixes, safe for a file name. */
    public static String baseName(Path capture) {
        String name = capture.getFileName().toString();
        for (String suffix : new String[] {".gz", ".zst", ".pcapng", ".pcap", ".cap", ".ntar"}) {
            if (name.endsWith(suffix)) {
                name = name.substring(0, name.length() - suffix.length());
            }
        }
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
