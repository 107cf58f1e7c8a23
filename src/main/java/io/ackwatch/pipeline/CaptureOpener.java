package io.ackwatch.pipeline;

import io.ackwatch.capture.CaptureException;
import io.ackwatch.capture.CaptureFiles;
import io.ackwatch.capture.CaptureReader;
import java.nio.file.Path;

/** Opens captures with the chosen reader and supplies the packet filter, if any. */
final class CaptureOpener {
    private final ReaderKind kind;
    private final String bpf;

    CaptureOpener(ReaderKind kind, String bpf) {
        this.kind = kind;
        this.bpf = bpf;
    }

    CaptureReader open(Path path) throws CaptureException {
        return switch (kind) {
            case BUILTIN -> CaptureFiles.open(path);
            case LIBPCAP -> throw new UnsupportedOperationException("libpcap reader not wired yet");
        };
    }

    /** The --filter as a per-packet test, or null when there is none. */
    PacketFilter filter() {
        if (bpf == null) {
            return null;
        }
        throw new UnsupportedOperationException("BPF filter not wired yet");
    }
}
