package io.ackwatch.pipeline;

/** Which capture reader to use. */
public enum ReaderKind {
    /** The pure-Java streaming reader: every pcap/pcapng variant, no native code. */
    BUILTIN,
    /** libpcap through pcap4j, as a cross-check and fallback. */
    LIBPCAP
}
