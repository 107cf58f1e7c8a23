package io.ackwatch.capture;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

/**
 * Reads a capture through libpcap (pcap4j), as a cross-check of the built-in reader ({@code --reader
 * libpcap}). libpcap reads pcap and pcapng with one link type, but not gzip/zstd, several link types in one
 * pcapng file, or pcapng records such as custom blocks. Unlike the built-in reader it allocates the packet
 * bytes and a timestamp object per packet (pcap4j's API gives no way around that).
 */
public final class LibpcapReader implements CaptureReader {
    private final PcapHandle handle;
    private final Path path;
    private final Damage damage;
    private final CaptureFormat format;
    private final List<InterfaceInfo> interfaces;
    private final int linkTypeCode;
    private final LinkType linkType;
    private long frame;
    private long consumed;
    private CaptureException failure;
    private boolean done;

    private LibpcapReader(PcapHandle handle, Path path, Damage damage, CaptureFormat format, int snaplen) {
        this.handle = handle;
        this.path = path;
        this.damage = damage;
        this.format = format;
        int dlt = handle.getDlt().value();
        // libpcap reports DLT_RAW (12) for LINKTYPE_RAW files; the LinkType is the same either way
        this.linkTypeCode = dlt;
        this.linkType = LinkType.fromCode(dlt);
        boolean nanos = handle.getTimestampPrecision() == PcapHandle.TimestampPrecision.NANO;
        long units = nanos ? 1_000_000_000L : 1_000_000L;
        this.interfaces = List.of(new InterfaceInfo(0, dlt, linkType, snaplen, units,
                StreamReader.precisionDigits(units), "", linkType != LinkType.UNKNOWN));
    }

    /**
     * Opens {@code path} with libpcap at nanosecond precision.
     *
     * @throws LibpcapUnavailableException when libpcap is not installed
     * @throws CaptureException when the file is missing, unreadable or rejected by libpcap
     */
    public static LibpcapReader open(Path path) throws CaptureException, LibpcapUnavailableException {
        Libpcap.require();
        String name = path.toString();
        Damage damage = new Damage(name, false);
        CaptureFiles.checkReadable(path);
        CaptureFormat format = CaptureFiles.sniff(path).map(CaptureFiles.Detected::format).orElse(CaptureFormat.UNKNOWN);
        try {
            PcapHandle handle = Pcaps.openOffline(path.toString(), PcapHandle.TimestampPrecision.NANO);
            return new LibpcapReader(handle, path, damage, format, handle.getSnapshot());
        } catch (PcapNativeException e) {
            throw openError(name, Damage.oneLine(e.getMessage()), e);
        } catch (NotOpenException | RuntimeException e) {
            throw damage.corrupt("libpcap: " + Damage.oneLine(e.getMessage()), 0, 0, e);
        } catch (LinkageError e) {
            throw new CaptureException(ErrorKind.UNREADABLE, name + ": " + LibpcapUnavailableException.MESSAGE, -1, 0,
                    e);
        }
    }

    private static CaptureException openError(String name, String why, Throwable cause) {
        String lower = why.toLowerCase(java.util.Locale.ROOT);
        ErrorKind kind;
        if (lower.contains("unknown file format") || lower.contains("bad dump file format")) {
            kind = ErrorKind.BAD_MAGIC;
        } else if (lower.contains("truncated")) {
            kind = ErrorKind.TRUNCATED;
        } else if (lower.contains("version") || lower.contains("archaic") || lower.contains("different from")
                || lower.contains("unsupported") || lower.contains("not supported")) {
            kind = ErrorKind.UNSUPPORTED;
        } else {
            kind = ErrorKind.CORRUPT;
        }
        return new CaptureException(kind, name + ": libpcap cannot read it (" + why + "); try the built-in reader "
                + "(without --reader libpcap), or convert the file with editcap", 0, 0, cause);
    }

    @Override
    public CaptureFormat format() {
        return format;
    }

    @Override
    public Compression compression() {
        return Compression.NONE;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return interfaces;
    }

    @Override
    public boolean next(PacketRecord into) throws CaptureException {
        if (failure != null) {
            throw failure;
        }
        if (done) {
            return false;
        }
        try {
            byte[] data = handle.getNextRawPacketEx();
            Timestamp ts = handle.getTimestamp();
            long origLen = Integer.toUnsignedLong(handle.getOriginalLength());
            long seconds = Math.floorDiv(ts.getTime(), 1000L);
            if (seconds < 0) {
                // pcap4j sign-extends the 32-bit seconds; capture files store them unsigned (y2038 and later)
                seconds += 1L << 32;
            }
            frame++;
            into.set(frame, 0, linkTypeCode, linkType, seconds, ts.getNanos(), data.length, origLen, data, 0, -1);
            consumed += 16 + data.length;
            return true;
        } catch (EOFException e) {
            done = true;
            return false;
        } catch (PcapNativeException e) {
            String why = Damage.oneLine(e.getMessage());
            if (why.contains("truncated")) {
                failure = new CaptureException(ErrorKind.TRUNCATED, damage.file() + ": truncated after frame " + frame
                        + " (libpcap: " + why + "); the packets before it were read - the capture was probably "
                        + "cut while being written; recapture, or ignore the missing tail", -1, frame, e);
            } else if (why.contains("different from")) {
                failure = new CaptureException(ErrorKind.UNSUPPORTED, damage.file() + ": libpcap stopped after frame "
                        + frame + " (" + why + "); libpcap reads only pcapng files whose interfaces all have the same "
                        + "link type and snaplen - use the built-in reader (without --reader libpcap)", -1, frame, e);
            } else {
                failure = new CaptureException(ErrorKind.CORRUPT, damage.file() + ": libpcap stopped after frame " + frame
                            + " (" + why + "); the packets before it were read - the file is damaged; recapture, or "
                            + "try the built-in reader", -1, frame, e);
            }
        } catch (TimeoutException | NotOpenException | RuntimeException e) {
            failure = damage.corrupt("libpcap: " + Damage.oneLine(String.valueOf(e.getMessage())), -1, frame, e);
        }
        throw failure;
    }

    /** An estimate (record headers plus packet bytes): libpcap does not tell its file position. */
    @Override
    public long bytesConsumed() {
        return consumed;
    }

    /** libpcap reads the file itself, out of our sight: the cross-check reader hashes it in a pass of its own. */
    @Override
    public FileIdentity identity() throws IOException {
        return FileDigest.of(path);
    }

    @Override
    public void close() {
        handle.close();
    }

}
