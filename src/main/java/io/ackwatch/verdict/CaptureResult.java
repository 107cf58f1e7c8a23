package io.ackwatch.verdict;

import io.ackwatch.capture.CaptureFormat;
import io.ackwatch.capture.Compression;
import java.util.List;

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
        int otherTcpFlows) {

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
    }

    public boolean unreadable() {
        return error != null && error.fatal();
    }
}
