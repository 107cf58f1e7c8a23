package io.ackwatch.capture;

import java.util.List;

/**
 * Streams the packet records of one capture file in file order. Implementations: the built-in pure-Java
 * pcap/pcapng reader (default) and the libpcap reader (pcap4j), chosen with {@code --reader}.
 */
public interface CaptureReader extends AutoCloseable {

    CaptureFormat format();

    Compression compression();

    /** Interfaces described so far (pcapng can add interfaces mid-file). */
    List<InterfaceInfo> interfaces();

    /**
     * Reads the next record into {@code into}.
     *
     * @return false at a clean end of file
     * @throws CaptureException when the file is damaged; records returned before stay valid, and the
     *     exception says where the damage is and which frame was the last good one
     */
    boolean next(PacketRecord into) throws CaptureException;

    /** Bytes of the file consumed so far (compressed bytes for a compressed file), for progress display. */
    long bytesConsumed();

    /**
     * Size and SHA-256 of the file on disk, hashed as it was read; after the last {@link #next}, since it
     * reads what is left of the file when reading stopped early.
     */
    FileIdentity identity() throws java.io.IOException;

    @Override
    void close();
}
