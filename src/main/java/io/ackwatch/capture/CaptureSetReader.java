package io.ackwatch.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Reads the files of a capture set (one ring buffer: dumpcap {@code -b}, tcpdump {@code -C/-W/-G}) one after
 * another as one capture, numbering frames on as {@code mergecap -a} of the files in time order would, so that
 * the stages after it see one continuous capture: one stream numbering, connections whole across file
 * boundaries. Only one file is open at a time, so memory stays that of one reader.
 *
 * <p>A file of the set that cannot be read, or whose end is damaged (the newest file of a ring buffer is still
 * being written, its last record cut short), does not stop the set: it becomes a {@linkplain #remarks() remark}
 * and reading goes on with the next file. Interface ids go on counting from file to file, as they do for the
 * sections of one pcapng file.
 */
public final class CaptureSetReader implements CaptureReader {

    /** Opens one file of the set with the reader the user chose. */
    @FunctionalInterface
    public interface Opener {
        CaptureReader open(Path file) throws CaptureException;
    }

    private final List<Path> files;
    private final List<String> names;
    private final Opener opener;
    private final List<SetMember> members = new ArrayList<>();
    private final List<InterfaceInfo> finishedInterfaces = new ArrayList<>();
    private final List<String> remarks = new ArrayList<>();
    private CaptureReader current;
    private int index = -1;
    private long frameOffset;
    private int interfaceOffset;
    private long currentFrames;
    private long finishedBytes;
    private CaptureFormat format = CaptureFormat.UNKNOWN;
    private Compression compression = Compression.NONE;

    private CaptureSetReader(List<Path> files, List<String> names, Opener opener) {
        this.files = files;
        this.names = names;
        this.opener = opener;
    }

    /**
     * Orders the files by the time of their first frame (files whose first frame cannot be read go last, in
     * the order given) and opens the first that opens.
     *
     * @param files the set's files, in rotation order
     * @param names how each is shown in the report
     * @throws CaptureException the first file's error when no file of the set can be opened
     */
    public static CaptureSetReader open(List<Path> files, List<String> names, Opener opener) throws CaptureException {
        long[] firstTimes = files.stream().mapToLong(f -> firstTimestamp(f, opener)).toArray();
        List<Integer> order = IntStream.range(0, files.size()).boxed()
                .sorted(Comparator.comparingLong(i -> firstTimes[i])).toList();
        CaptureSetReader reader = new CaptureSetReader(order.stream().map(files::get).toList(),
                order.stream().map(names::get).toList(), opener);
        CaptureException first = reader.advance();
        if (reader.current == null) {
            throw first;
        }
        return reader;
    }

    /** Time of the file's first timestamped frame, {@link Long#MAX_VALUE} when there is none to read. */
    private static long firstTimestamp(Path file, Opener opener) {
        PacketRecord record = new PacketRecord();
        try (CaptureReader reader = opener.open(file)) {
            while (reader.next(record)) {
                if (record.hasTimestamp()) {
                    return record.timestampNanos();
                }
            }
        } catch (CaptureException e) {
            // the reading pass reports it in its place
        }
        return Long.MAX_VALUE;
    }

    /** Opens the next file that opens; the first failure on the way, or null. */
    private CaptureException advance() {
        CaptureException firstFailure = null;
        while (++index < files.size()) {
            try {
                current = opener.open(files.get(index));
                currentFrames = 0;
                if (format == CaptureFormat.UNKNOWN) {
                    format = current.format();
                    compression = current.compression();
                }
                return firstFailure;
            } catch (CaptureException e) {
                firstFailure = firstFailure != null ? firstFailure : e;
                remarks.add(e.kind() == ErrorKind.EMPTY
                        ? names.get(index) + ": empty, as the file a ring buffer has just begun is; skipped"
                        : e.getMessage() + " (capture set: this file was skipped, the others were read)");
                members.add(new SetMember(names.get(index), frameOffset + 1, 0, CaptureFormat.UNKNOWN, null));
            }
        }
        return firstFailure;
    }

    @Override
    public boolean next(PacketRecord into) throws CaptureException {
        while (current != null) {
            try {
                if (current.next(into)) {
                    currentFrames = into.frame();
                    into.renumber(frameOffset, interfaceOffset);
                    return true;
                }
            } catch (CaptureException e) {
                remarks.add(damageRemark(e));
            }
            finishCurrent();
            advance();
        }
        return false;
    }

    private String damageRemark(CaptureException e) {
        boolean newest = index == files.size() - 1;
        if (e.kind() == ErrorKind.TRUNCATED && newest) {
            return e.getMessage() + " (the newest file of the capture set: a ring buffer's file still being"
                    + " written ends like this; the frames before were analyzed)";
        }
        return e.getMessage() + " (capture set: the frames before were analyzed"
                + (newest ? ")" : ", and reading went on with the next file)");
    }

    private void finishCurrent() {
        FileIdentity identity;
        try {
            identity = current.identity();
        } catch (IOException | RuntimeException e) {
            identity = null;
        }
        members.add(new SetMember(names.get(index), frameOffset + 1, currentFrames, current.format(), identity));
        finishedInterfaces.addAll(shifted(current.interfaces(), interfaceOffset));
        interfaceOffset += current.interfaces().size();
        frameOffset += currentFrames;
        finishedBytes += current.bytesConsumed();
        current.close();
        current = null;
    }

    private static List<InterfaceInfo> shifted(List<InterfaceInfo> interfaces, int by) {
        return interfaces.stream().map(i -> new InterfaceInfo(i.id() + by, i.linkTypeCode(), i.linkType(),
                i.snaplen(), i.unitsPerSecond(), i.precisionDigits(), i.name(), i.supported())).toList();
    }

    /** The set's files in the order read, each with its frames in the set's numbering; complete after reading. */
    public List<SetMember> members() {
        return List.copyOf(members);
    }

    /** Files skipped or cut short, one sentence each. */
    public List<String> remarks() {
        return List.copyOf(remarks);
    }

    /** The first file's format; each file's is in {@link #members()}. */
    @Override
    public CaptureFormat format() {
        return format;
    }

    @Override
    public Compression compression() {
        return compression;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        if (current == null) {
            return List.copyOf(finishedInterfaces);
        }
        List<InterfaceInfo> all = new ArrayList<>(finishedInterfaces);
        all.addAll(shifted(current.interfaces(), interfaceOffset));
        return all;
    }

    @Override
    public long bytesConsumed() {
        return finishedBytes + (current == null ? 0 : current.bytesConsumed());
    }

    /** None for the set as a whole: each file has its own, in {@link #members()}. */
    @Override
    public FileIdentity identity() {
        return null;
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
