package io.ackwatch.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * An I/O failure on an output path in words a user can act on. Java's own messages are often only the path
 * ({@code AccessDeniedException: /x/r.txt}) or only the reason ({@code No space left on device}).
 */
final class IoProblem {
    private IoProblem() {}

    /** What went wrong and what to do, without the path the caller names itself. */
    static String reason(IOException e) {
        String where = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() + ": " : "";
        if (e instanceof AccessDeniedException) {
            return where + "permission denied; choose a place you may write to, or change its permissions";
        }
        if (e instanceof FileAlreadyExistsException) {
            return where + "exists and is not a folder; choose another name";
        }
        if (e instanceof NotDirectoryException) {
            return where + "is not a folder; choose another place";
        }
        if (e instanceof NoSuchFileException) {
            return where + "no such file or folder; check the path";
        }
        String text = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (text == null) {
            return where + e.getClass().getSimpleName();
        }
        if (text.contains("No space left")) {
            return where + "no space left on the device; free some space or write elsewhere";
        }
        if (text.contains("Read-only file system")) {
            return where + "the file system is read-only; write elsewhere";
        }
        if (text.contains("Is a directory")) {
            return where + "is a folder where a file was to be written; move it away or write elsewhere";
        }
        if (text.contains("Disk quota exceeded")) {
            return where + "disk quota exceeded; free some space or write elsewhere";
        }
        return where + text.replaceAll("\\s+", " ").trim();
    }

    /** {@code cannot write <what> <path>: <reason>}, one line. */
    static String cannotWrite(String what, Path path, IOException e) {
        String reason = reason(e);
        // the reason already names a file when Java knew it; do not name the same path twice
        String prefix = path.toString() + ": ";
        if (reason.startsWith(prefix)) {
            reason = reason.substring(prefix.length());
        }
        return "cannot write " + what + " " + path + ": " + reason;
    }
}
