package io.ackwatch.analysis;

import io.ackwatch.flow.Endpoint;
import io.ackwatch.flow.FlowInterest;
import java.util.List;

/**
 * Which servers are printers: by default TCP ports 9100-9102 (raw), 515 (LPD) and 631 (IPP) on any address;
 * {@code --printer ADDR[:PORT]} and {@code --printer-port} change that.
 */
public final class PrinterSet implements FlowInterest {
    private final List<Integer> ports;

    private PrinterSet(List<Integer> ports) {
        this.ports = List.copyOf(ports);
    }

    public static PrinterSet defaults() {
        return new PrinterSet(List.of(9100, 9101, 9102, 515, 631));
    }

    public boolean isPrinter(Endpoint server) {
        return ports.contains(server.port());
    }

    /** raw, lpd or ipp for a printer port, null otherwise. */
    public String service(Endpoint server) {
        int p = server.port();
        if (p == 515) {
            return "lpd";
        }
        if (p == 631) {
            return "ipp";
        }
        return p >= 9100 && p <= 9102 ? "raw" : null;
    }

    @Override
    public boolean wantsDetail(Endpoint client, Endpoint server) {
        return isPrinter(server);
    }

    @Override
    public boolean isService(Endpoint endpoint) {
        return isPrinter(endpoint);
    }
}
