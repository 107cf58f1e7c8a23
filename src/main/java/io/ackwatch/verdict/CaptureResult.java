package io.ackwatch.verdict;

import io.ackwatch.capture.CaptureFormat;
import io.ackwatch.capture.Compression;
import io.ackwatch.capture.FileIdentity;
import io.ackwatch.capture.SetMember;
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
 * @param setFiles for a capture set (a ring buffer's files read as one capture), its files with their frames in
 *     the set's numbering, which all frame numbers here follow; empty for a single capture file
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
        List<Scan> scans,
        List<SetMember> setFiles) {

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
        setFiles = List.copyOf(setFiles);
    }

    /** A single capture file. */
    public CaptureResult(String file, CaptureFormat format, Compression compression, List<String> linkTypes,
            long packets, long tcpPackets, long startNanos, long endNanos, int precisionDigits, Vantage vantage,
            CaptureError error, List<String> warnings, List<FlowVerdict> flows, List<PrinterSummary> printers,
            int otherTcpFlows, FileIdentity identity, Map<Integer, EvidenceFile> evidence, List<Scan> scans) {
        this(file, format, compression, linkTypes, packets, tcpPackets, startNanos, endNanos, precisionDigits, vantage,
                error, warnings, flows, printers, otherTcpFlows, identity, evidence, scans, List.of());
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
                precisionDigits, vantage, error, allWarnings, flows, printers, otherTcpFlows, identity, files, scans,
                setFiles);
    }

    /** This result as that of a capture set made of {@code files}, with remarks on the files. */
    public CaptureResult asSet(List<SetMember> files, List<String> remarks) {
        List<String> allWarnings = new ArrayList<>(remarks);
        allWarnings.addAll(warnings);
        return new CaptureResult(file, format, compression, linkTypes, packets, tcpPackets, startNanos, endNanos,
                precisionDigits, vantage, error, allWarnings, flows, printers, otherTcpFlows, identity, evidence, scans,
                files);
    }

    /** True for a capture set: frame numbers are the set's, and {@link #setFiles()} tells each file's. */
    public boolean isSet() {
        return !setFiles.isEmpty();
    }

    public boolean unreadable() {
        return error != null && error.fatal();
    }
}
