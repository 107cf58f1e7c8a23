package io.ackwatch.capture;

import java.nio.file.Path;

/** Which code reads capture files ({@code --reader}): the built-in reader, or libpcap as a cross-check. */
public enum ReaderBackend {
    BUILTIN("builtin") {
        @Override
        public CaptureReader open(Path path) throws CaptureException {
            return CaptureFiles.open(path);
        }
    },
    LIBPCAP("libpcap") {
        @Override
        public CaptureReader open(Path path) throws CaptureException, LibpcapUnavailableException {
            return LibpcapReader.open(path);
        }

        @Override
        public void checkAvailable() throws LibpcapUnavailableException {
            Libpcap.require();
        }
    };

    private final String optionName;

    ReaderBackend(String optionName) {
        this.optionName = optionName;
    }

    /** The value of the {@code --reader} option. */
    public String optionName() {
        return optionName;
    }

    public abstract CaptureReader open(Path path) throws CaptureException, LibpcapUnavailableException;

    /** Fails early, before any file is read, when this backend cannot work on this machine. */
    public void checkAvailable() throws LibpcapUnavailableException {}
}
