package io.ackwatch.capture;

import org.pcap4j.core.Pcaps;

/**
 * The gate to pcap4j: only code reached through here loads pcap4j and JNA classes, so the built-in reader
 * never needs the native library.
 */
final class Libpcap {
    private static volatile String version;

    private Libpcap() {}

    /** Loads libpcap once. @throws LibpcapUnavailableException when the shared library is missing */
    static String require() throws LibpcapUnavailableException {
        String v = version;
        if (v != null) {
            return v;
        }
        try {
            v = Pcaps.libVersion();
        } catch (LinkageError e) {
            // UnsatisfiedLinkError at first, NoClassDefFoundError for every later attempt
            throw new LibpcapUnavailableException(e);
        }
        version = v;
        return v;
    }
}
