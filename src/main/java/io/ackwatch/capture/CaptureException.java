package io.ackwatch.capture;

import java.io.IOException;

/**
 * A capture file could not be read (completely). The message is one sentence a person can act on: it
 * names the file, what is wrong and what to do. {@link #offset()} is the byte offset of the damage in the
 * (uncompressed) capture stream, -1 when unknown; {@link #afterFrame()} the last frame that was returned
 * intact before the damage (0 when none).
 */
public final class CaptureException extends IOException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final long offset;
    private final long afterFrame;

    public CaptureException(ErrorKind kind, String message, long offset, long afterFrame) {
        super(message);
        this.kind = kind;
        this.offset = offset;
        this.afterFrame = afterFrame;
    }

    public CaptureException(ErrorKind kind, String message, long offset, long afterFrame, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.offset = offset;
        this.afterFrame = afterFrame;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** Byte offset of the damage, or -1 when not known. */
    public long offset() {
        return offset;
    }

    /** Last frame number read intact before the damage; 0 when none. */
    public long afterFrame() {
        return afterFrame;
    }
}
