package io.ackwatch.capture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a whole capture into copies of its records, keeping the error that ended it (if any). */
record ReadAll(List<Frame> frames, List<InterfaceInfo> interfaces, CaptureFormat format, Compression compression,
        CaptureException error) {

    /** A copy of one {@link PacketRecord}. */
    record Frame(long frame, int interfaceId, int sectionInterfaceId, int linkTypeCode, long seconds, long fraction,
            boolean hasTimestamp, boolean packet, int capLen, long origLen, long fileOffset, byte[] data) {

        static Frame of(PacketRecord r) {
            return new Frame(r.frame(), r.interfaceId(), r.sectionInterfaceId(), r.linkTypeCode(), r.seconds(),
                    r.fractionNanos(), r.hasTimestamp(), r.isPacket(), r.capturedLength(), r.originalLength(),
                    r.fileOffset(), Arrays.copyOfRange(r.data(), r.offset(), r.offset() + r.capturedLength()));
        }

        /** Equal content, compared field by field, bytes included (records compare arrays by identity). */
        boolean sameAs(Frame o) {
            return frame == o.frame && interfaceId == o.interfaceId && linkTypeCode == o.linkTypeCode
                    && seconds == o.seconds && fraction == o.fraction && capLen == o.capLen && origLen == o.origLen
                    && Arrays.equals(data, o.data);
        }

        @Override
        public String toString() {
            return "frame " + frame + " if" + interfaceId + " lt" + linkTypeCode + " " + EpochTime.format(seconds,
                    fraction) + " " + capLen + "/" + origLen;
        }
    }

    /** Opens and reads {@code file}; a failure to open is returned as the error with no frames. */
    static ReadAll of(Path file) {
        List<Frame> frames = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(file)) {
            PacketRecord r = new PacketRecord();
            CaptureException error = null;
            try {
                while (reader.next(r)) {
                    frames.add(Frame.of(r));
                }
            } catch (CaptureException e) {
                error = e;
            }
            return new ReadAll(frames, List.copyOf(reader.interfaces()), reader.format(), reader.compression(), error);
        } catch (CaptureException e) {
            return new ReadAll(frames, List.of(), null, null, e);
        }
    }

    /** Reads and fails unless the file was read completely. */
    static ReadAll ok(Path file) {
        ReadAll all = of(file);
        if (all.error != null) {
            throw new AssertionError("unexpected error: " + all.error.getMessage(), all.error);
        }
        return all;
    }
}
