package io.ackwatch.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the built-in pcap and pcapng readers share: the byte window, frame counting, the error boundary
 * (only {@link CaptureException} leaves {@link #next}) and the rule that after an error every further
 * call reports the same error.
 */
abstract sealed class StreamReader implements CaptureReader permits PcapReader, PcapngReader {
    /** Wireshark's largest snapshot length for ordinary link types; larger records are damage, not data. */
    static final int MAX_CAPLEN = 262_144;

    final ByteSource src;
    final Damage damage;
    final Compression compression;
    final List<InterfaceInfo> interfaces = new ArrayList<>();
    private final List<InterfaceInfo> interfacesView = Collections.unmodifiableList(interfaces);
    long frame;
    private CaptureException failure;
    private boolean done;

    StreamReader(ByteSource src, Damage damage, Compression compression) {
        this.src = src;
        this.damage = damage;
        this.compression = compression;
    }

    @Override
    public final Compression compression() {
        return compression;
    }

    @Override
    public final List<InterfaceInfo> interfaces() {
        return interfacesView;
    }

    @Override
    public final long bytesConsumed() {
        return src.bytesConsumed();
    }

    @Override
    public final FileIdentity identity() throws IOException {
        return src.identity();
    }

    @Override
    public final boolean next(PacketRecord into) throws CaptureException {
        if (failure != null) {
            throw failure;
        }
        if (done) {
            return false;
        }
        long at = src.offset();
        try {
            if (readRecord(into)) {
                return true;
            }
            done = true;
            return false;
        } catch (CaptureException e) {
            failure = e;
        } catch (IOException e) {
            failure = damage.unreadable(e.getMessage() + " at byte " + src.offset(), e);
        } catch (RuntimeException e) {
            failure = damage.unexpected(e, at, frame);
        }
        throw failure;
    }

    /** Reads one record into {@code into} (bumping {@link #frame}), or returns false at a clean end. */
    abstract boolean readRecord(PacketRecord into) throws IOException;

    /**
     * The stream ended with {@code got} of the {@code expected} bytes of {@code what} present: a cut-off
     * file, or, when decompression failed there, damaged compressed data.
     */
    final CaptureException shortData(String what, long offset, long expected, long got) {
        IOException broken = src.pendingFailure();
        if (broken != null) {
            return damage.corrupt(compression.reportName() + " data cannot be decompressed: "
                    + Damage.oneLine(broken.getMessage()), offset, frame, broken);
        }
        return damage.truncated(what, offset, expected, got, frame);
    }

    /** At a record boundary the stream ended: clean, unless the compressed stream itself was cut or broken. */
    final boolean cleanEnd() throws CaptureException {
        IOException broken = src.pendingFailure();
        if (broken != null) {
            throw damage.corrupt(compression.reportName() + " data cannot be decompressed: "
                    + Damage.oneLine(broken.getMessage()), src.offset(), frame, broken);
        }
        if (src.endedEarly()) {
            throw damage.compressedStreamCut(src.offset(), frame);
        }
        return false;
    }

    /** Wireshark's display precision for a timestamp resolution: 9, 6, 3, 2, 1 or 0 digits. */
    static int precisionDigits(long unitsPerSecond) {
        if (Long.compareUnsigned(unitsPerSecond, 1_000_000_000L) >= 0) {
            return 9;
        } else if (unitsPerSecond >= 1_000_000L) {
            return 6;
        } else if (unitsPerSecond >= 1_000L) {
            return 3;
        } else if (unitsPerSecond >= 100L) {
            return 2;
        } else if (unitsPerSecond >= 10L) {
            return 1;
        }
        return 0;
    }

    @Override
    public final void close() {
        src.close();
    }
}
