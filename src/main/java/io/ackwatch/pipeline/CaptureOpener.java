package io.ackwatch.pipeline;

import io.ackwatch.capture.BpfFilter;
import io.ackwatch.capture.CaptureException;
import io.ackwatch.capture.CaptureFiles;
import io.ackwatch.capture.CaptureReader;
import io.ackwatch.capture.CaptureSetReader;
import io.ackwatch.capture.ErrorKind;
import io.ackwatch.capture.InvalidFilterException;
import io.ackwatch.capture.LibpcapUnavailableException;
import io.ackwatch.capture.PacketRecord;
import io.ackwatch.capture.ReaderBackend;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.nio.file.Path;

/**
 * Opens captures with the chosen reader and supplies the {@code --filter} test. The command line checks
 * libpcap and the filter expression before any file is read, so the failures handled here are per file.
 */
final class CaptureOpener {
    private final ReaderBackend backend;
    private final String bpf;

    CaptureOpener(ReaderBackend backend, String bpf) {
        this.backend = backend;
        this.bpf = bpf;
    }

    CaptureReader open(Path path) throws CaptureException {
        if (InputFile.isStandardInput(path)) {
            if (backend != ReaderBackend.BUILTIN) {
                throw new CaptureException(ErrorKind.UNSUPPORTED, "-: --reader " + backend.name().toLowerCase(
                        java.util.Locale.ROOT) + " reads files only; leave it out to read standard input", -1, 0);
            }
            return CaptureFiles.openStream(new FileInputStream(FileDescriptor.in).getChannel(), path.toString());
        }
        try {
            return backend.open(path);
        } catch (LibpcapUnavailableException e) {
            throw new CaptureException(ErrorKind.UNSUPPORTED, path + ": " + e.advice(), -1, 0, e);
        }
    }

    /** One capture file, or a capture set's files read one after another as one capture. */
    CaptureReader open(InputFile input) throws CaptureException {
        if (!input.isSet()) {
            return open(input.path());
        }
        return CaptureSetReader.open(input.files(), input.parts().stream().map(InputFile::displayName).toList(),
                this::open);
    }

    /** A fresh filter for one file (BPF programs are not thread-safe), or null when there is none. */
    PacketFilter filter(Path path) throws CaptureException {
        if (bpf == null) {
            return null;
        }
        try {
            BpfFilter filter = BpfFilter.compile(bpf);
            return new PacketFilter() {
                @Override
                public boolean matches(PacketRecord record) throws CaptureException {
                    try {
                        return filter.matches(record);
                    } catch (InvalidFilterException e) {
                        throw new CaptureException(ErrorKind.UNSUPPORTED, path + ": the filter '" + bpf
                                + "' does not apply to frame " + record.frame() + " (" + e.getMessage()
                                + "); use a filter that fits this capture's link type", record.fileOffset(),
                                record.frame() - 1, e);
                    }
                }

                @Override
                public void close() {
                    filter.close();
                }
            };
        } catch (LibpcapUnavailableException e) {
            throw new CaptureException(ErrorKind.UNSUPPORTED, path + ": " + e.advice(), -1, 0, e);
        } catch (InvalidFilterException e) {
            throw new CaptureException(ErrorKind.UNSUPPORTED, path + ": " + e.getMessage(), -1, 0, e);
        }
    }
}
