package io.ackwatch.pipeline;

import io.ackwatch.capture.CaptureException;
import io.ackwatch.capture.CaptureReader;
import io.ackwatch.capture.InterfaceInfo;
import io.ackwatch.capture.PacketRecord;
import io.ackwatch.decode.DecodeStatus;
import io.ackwatch.decode.PacketDecoder;
import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.FlowOptions;
import io.ackwatch.flow.FlowTracker;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one small pcap per failed or degraded connection ({@code --extract DIR}), so only the evidence goes
 * to the vendor. A second pass over the capture: the first one did not know yet which connections would fail,
 * and keeping every packet of every connection just in case would break the memory bound.
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
     * @param written the files, named {@code <base>-stream<N>-<verdict>.pcap}
     * @param skipped failed or degraded connections beyond {@link #MAX_FILES}, which got no file
     */
    public record Extraction(List<Path> written, int skipped) {}

    private final CaptureOpener opener;

    public EvidenceExtractor(AnalysisSettings settings) {
        this.opener = new CaptureOpener(settings.reader(), settings.bpfFilter());
    }

    /**
     * Writes the evidence of the failed connections first, then of the degraded ones, each in stream order, up to
     * {@link #MAX_FILES}.
     *
     * @param base file-name prefix, unique among the captures of one run (see {@link #baseName(Path)})
     */
    public Extraction extract(Path capture, CaptureResult result, Path dir, String base) throws IOException {
        Map<Integer, String> wanted = new HashMap<>();
        int skipped = 0;
        for (Verdict verdict : List.of(Verdict.FAILED, Verdict.DEGRADED)) {
            for (FlowVerdict v : result.flows()) {
                if (v.verdict() != verdict) {
                    continue;
                }
                if (wanted.size() == MAX_FILES) {
                    skipped++;
                    continue;
                }
                wanted.put(v.flow().stream(), base + "-stream" + v.flow().stream() + "-" + verdict.reportName()
                        + ".pcap");
            }
        }
        if (wanted.isEmpty()) {
            return new Extraction(List.of(), skipped);
        }
        Files.createDirectories(dir);
        Map<Integer, PcapWriter> writers = new HashMap<>();
        List<Path> written = new ArrayList<>();
        boolean nanos = result.precisionDigits() > 6;
        try (CaptureReader reader = opener.open(capture); PacketFilter filter = opener.filter(capture)) {
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
                // numbered as in the analysis: every TCP frame counts, the evidence is the frames it analysed
                if (selected) {
                    tracker.accept(record, segment);
                } else {
                    tracker.numberOnly(record, segment);
                }
                String name = wanted.get(tracker.lastStream());
                if (!selected || name == null) {
                    continue;
                }
                PcapWriter w = writers.get(tracker.lastStream());
                if (w == null) {
                    Path file = dir.resolve(name);
                    w = new PcapWriter(file, record.linkTypeCode(), snaplen(reader, record.interfaceId()), nanos);
                    writers.put(tracker.lastStream(), w);
                    written.add(file);
                }
                if (w.linkType() == record.linkTypeCode()) {
                    w.write(record);
                } else {
                    LOG.warn("{}: frame {} has another link type than the rest of its connection; left out of {}",
                            capture, record.frame(), name);
                }
            }
        } catch (CaptureException e) {
            LOG.debug("evidence extraction stopped at the damage already reported", e);
        } finally {
            for (PcapWriter w : writers.values()) {
                w.close();
            }
        }
        return new Extraction(written, skipped);
    }

    private static long snaplen(CaptureReader reader, int interfaceId) {
        for (InterfaceInfo i : reader.interfaces()) {
            if (i.id() == interfaceId) {
                return i.snaplen();
            }
        }
        return 0;
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
