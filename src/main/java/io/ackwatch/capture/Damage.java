package io.ackwatch.capture;

/**
 * Builds the one-line {@link CaptureException} messages: the file, what is wrong, where, and what to do.
 * Offsets are in the decompressed stream for compressed files, which the message says.
 */
final class Damage {
    private final String file;
    private final boolean compressed;

    Damage(String file, boolean compressed) {
        this.file = file;
        this.compressed = compressed;
    }

    String file() {
        return file;
    }

    /** " at byte N" (of the decompressed data), or nothing when the offset is unknown. */
    private String at(long offset) {
        return offset < 0 ? "" : " at byte " + offset + (compressed ? " of the decompressed data" : "");
    }

    private static String before(long afterFrame) {
        if (afterFrame <= 0) {
            return "no packet could be read before it";
        }
        return afterFrame == 1 ? "the 1 packet before it was read" : "the " + afterFrame + " packets before it were read";
    }

    /** A record or block header, or its data, ends before the file does. */
    CaptureException truncated(String what, long offset, long expected, long got, long afterFrame) {
        return new CaptureException(ErrorKind.TRUNCATED, file + ": truncated " + what + at(offset)
                + " (expected " + expected + " bytes, got " + got + "); " + before(afterFrame)
                + " - the capture was probably cut while being written; recapture, or ignore the missing tail",
                offset, afterFrame);
    }

    /** The compressed stream stops in the middle although the capture records inside it end cleanly. */
    CaptureException compressedStreamCut(long offset, long afterFrame) {
        return new CaptureException(ErrorKind.TRUNCATED, file + ": the compressed data ends early" + at(offset) + "; "
                + before(afterFrame) + " - the file was probably cut while being copied; copy or recapture it again",
                offset, afterFrame);
    }

    CaptureException corrupt(String what, long offset, long afterFrame) {
        return new CaptureException(ErrorKind.CORRUPT, file + ": corrupt data" + at(offset) + " (" + what + "); "
                + before(afterFrame) + " - the file is damaged; recapture, or try to repair it (e.g. with pcapfix)",
                offset, afterFrame);
    }

    CaptureException corrupt(String what, long offset, long afterFrame, Throwable cause) {
        CaptureException e = corrupt(what, offset, afterFrame);
        e.initCause(cause);
        return e;
    }

    /** A reader bug or a structure no check foresaw: still one line naming the file, never a stack trace. */
    CaptureException unexpected(RuntimeException e, long offset, long afterFrame) {
        return corrupt("unexpected " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()), offset,
                afterFrame, e);
    }

    CaptureException unsupported(String what, long offset, long afterFrame) {
        String tail = afterFrame > 0 ? "; " + before(afterFrame) : "";
        return new CaptureException(ErrorKind.UNSUPPORTED, file + ": " + what + at(offset)
                + " is not supported (Wireshark rejects it too)" + tail
                + " - re-save the capture as pcapng with a current capture tool or editcap", offset, afterFrame);
    }

    CaptureException unreadable(String why, Throwable cause) {
        return new CaptureException(ErrorKind.UNREADABLE, file + ": cannot be read (" + oneLine(why)
                + "); check that the file exists and that you may read it", -1, 0, cause);
    }

    static String oneLine(String s) {
        return s == null ? "I/O error" : s.replaceAll("\\s+", " ").trim();
    }
}
