package io.ackwatch.verdict;

import java.util.List;

/**
 * A scan as one printer saw it, an event on its timeline: a vulnerability scan is a known way to hang a printer's
 * network stack, so when it came matters next to the printer's connections.
 *
 * @param source the scanning address
 * @param startNanos first frame of the first probe to this printer
 * @param endNanos last frame of the last probe to this printer
 * @param ports the printer's ports probed, ascending
 * @param connections probes to this printer
 * @param streams {@code tcp.stream} of each probe to this printer, ascending (empty when not known)
 */
public record PrinterScan(String source, long startNanos, long endNanos, List<Integer> ports, int connections,
        List<Integer> streams) {

    public PrinterScan {
        ports = List.copyOf(ports);
        streams = List.copyOf(streams);
    }

    /** A scan whose probes' streams are not known. */
    public PrinterScan(String source, long startNanos, long endNanos, List<Integer> ports, int connections) {
        this(source, startNanos, endNanos, ports, connections, List.of());
    }
}
