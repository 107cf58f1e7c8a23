package io.ackwatch.pipeline;

import io.ackwatch.capture.ErrorKind;
import java.nio.file.Path;
import java.util.List;

/**
 * One capture to analyze, found on the command line or under a folder given there. A problem found while
 * looking for inputs (a missing path, a symlink loop, a folder without captures) is an input too, so that
 * it shows up in the report in its place instead of stopping the run.
 *
 * @param path where to read it
 * @param displayName the path as the user gave it, or as found under a folder they gave
 * @param problem why it cannot be read at all, null when it can be tried
 * @param problemKind kind of that problem, null when none
 * @param parts for a capture set (a ring buffer's files, read as one capture), its files in rotation order;
 *     empty for one capture file
 * @param setRemarks what the set's file names say about it (a missing file between two others), for the report
 */
public record InputFile(Path path, String displayName, String problem, ErrorKind problemKind, List<InputFile> parts,
        List<String> setRemarks) {

    public InputFile {
        parts = List.copyOf(parts);
        setRemarks = List.copyOf(setRemarks);
    }

    /** How the command line names standard input, as most Unix tools do. */
    public static final String STANDARD_INPUT = "-";

    /** The capture piped in on standard input, read once as a stream. */
    public static InputFile standardInput() {
        return of(Path.of(STANDARD_INPUT), STANDARD_INPUT);
    }

    public boolean isStandardInput() {
        return problem == null && isStandardInput(path);
    }

    static boolean isStandardInput(Path path) {
        return path.toString().equals(STANDARD_INPUT);
    }

    public static InputFile of(Path path, String displayName) {
        return new InputFile(path, displayName, null, null, List.of(), List.of());
    }

    public static InputFile broken(Path path, String displayName, ErrorKind kind, String problem) {
        return new InputFile(path, displayName, problem, kind, List.of(), List.of());
    }

    /**
     * A capture set of readable files, shown as {@code displayName}; its path is its first file's.
     */
    public static InputFile set(String displayName, List<InputFile> parts, List<String> remarks) {
        return new InputFile(parts.get(0).path(), displayName, null, null, parts, remarks);
    }

    public boolean isSet() {
        return !parts.isEmpty();
    }

    /** The files to read: the set's, or this one. */
    public List<Path> files() {
        return isSet() ? parts.stream().map(InputFile::path).toList() : List.of(path);
    }

    /**
     * The text with control characters written as escapes ({@code \n}, {@code \x1b}): a file name may hold a
     * line break or a terminal escape sequence, and must neither split a one-line message nor drive the
     * user's terminal.
     */
    public static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isISOControl(c)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\x%02x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }
}
