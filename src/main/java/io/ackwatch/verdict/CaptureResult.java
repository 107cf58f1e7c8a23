package io.ackwatch.verdict;

import io.ackwatch.capture.CaptureFormat;
import io.ackwatch.capture.Compression;
import io.ackwatch.capture.FileIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything ackwatch found in one capture file.
 *
 * @param file the path as the user gave it, or as found under a folder they gave
 * @param format container format (UNKNOWN when unreadable)
 * @param compression whole-file compression
 * @param linkTypes DLT names of the interfaces, in interface order, without repeats
 * @param packets packet records read (= Wireshark's last frame number)
 * @param tcpPackets frames carrying TCP
 * @param startNanos time of the first frame, -1 when no frame
 * @param endNanos time of the last frame, -1 when no frame
 * @param precisionDigits decimal digits of the capture's timestamps (6 or 9, ...)
 * @param vantage where the capture was taken, judged over its printer connections
 * @param error null when the whole file was read
 * @param warnings non-fatal remarks (unsupported link type on an interface, ...)
 * @param flows judged connections (printer connections, or all with --all-flows), in stream order
 * @param printers per-printer summaries, by address
 * @param otherTcpFlows TCP connections left out of {@code flows} because they are not printer traffic
 * @param identity size and SHA-256 of the file, null when it could not be read
 * @param evidence the evidence files written ({@code --extract}), by stream
 * @param scans port scans, one per scanning source; their probes are in neither {@code flows} nor {@code printers}
 *     (see {@link ScanDetector})
 */
public record CaptureResult(
        String file,
        CaptureFormat format,
        Compression compression,
        List<String> linkTypes,
        long packets,
        long tcpPackets,
        long startNanos,
        long endNanos,
        int precisionDigits,
        Vantage vantage,
        CaptureError error,
        List<String> warnings,
        List<FlowVerdict> flows,
        List<PrinterSummary> printers,
        int otherTcpFlows,
        FileIdentity identity,
        Map<Integer, EvidenceFile> evidence,
        List<Scan> scans) {

    /**
     * Long failed or degraded connections per capture that keep their segment log; later ones keep only their
     * numbers, to bound memory, so the reports draw no ladder for them and say why.
     */
    public static final int TROUBLED_LOGS_KEPT = 200;

    public CaptureResult {
        linkTypes = List.copyOf(linkTypes);
        warnings = List.copyOf(warnings);
        flows = List.copyOf(flows);
        printers = List.copyOf(printers);
        evidence = Map.copyOf(evidence);
        scans = List.copyOf(scans);
    }

    /** A capture without scans. */
    public CaptureResult(String file, CaptureFormat format, Compression compression, List<String> linkTypes,
            long packets, long tcpPackets, long startNanos, long endNanos, int precisionDigits, Vantage vantage,
            CaptureError error, List<String> warnings, List<FlowVerdict> flows, List<PrinterSummary> printers,
            int otherTcpFlows, FileIdentity identity, Map<Integer, EvidenceFile> evidence) {
        this(file, format, compression, linkTypes, packets, tcpPackets, startNanos, endNanos, precisionDigits, vantage,
                error, warnings, flows, printers, otherTcpFlows, identity, evidence, List.of());
    }

    /** The evidence file of a connection, or null when none was written. */
    public EvidenceFile evidenceFor(int stream) {
        return evidence.get(stream);
    }

    /** This result with the evidence files written for it, and remarks on evidence that was not. */
    public CaptureResult withEvidence(Map<Integer, EvidenceFile> files, List<String> remarks) {
        List<String> allWarnings = new ArrayList<>(warnings);
        allWarnings.addAll(remarks);
        return new CaptureResult(file, format, compression, linkTypes, packets, tcpPackets, startNanos, endNanos,
                precisionDigits, vantage, error, allWarnings, flows, printers, otherTcpFlows, identity, files, scans);
    }

    public boolean unreadable() {
        return error != null && error.fatal();
    }
}
