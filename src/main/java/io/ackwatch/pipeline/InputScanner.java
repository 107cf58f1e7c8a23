package io.ackwatch.pipeline;

import io.ackwatch.capture.CaptureFiles;
import io.ackwatch.capture.ErrorKind;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Expands the command line's paths into capture files. Folders are walked recursively (following links,
 * with loops reported, not followed). Inside a folder a file is taken when its first bytes are a capture or
 * compression magic, or when its name says it is a capture (so that an empty or damaged {@code x.pcap} is
 * reported rather than silently skipped); other files are left alone. Files named on the command line are
 * always taken.
 */
public final class InputScanner {
    private static final List<String> CAPTURE_SUFFIXES = List.of(".pcap", ".pcapng", ".cap", ".dmp", ".pcap.gz",
            ".pcapng.gz", ".cap.gz", ".pcap.zst", ".pcapng.zst", ".ntar");

    private InputScanner() {}

    public static List<InputFile> scan(List<Path> arguments) {
        List<InputFile> out = new ArrayList<>();
        for (Path arg : arguments) {
            String shown = InputFile.printable(arg.toString());
            if (arg.toString().equals(InputFile.STANDARD_INPUT)) {
                out.add(InputFile.standardInput());
            } else if (Files.isDirectory(arg)) {
                int before = out.size();
                walk(arg, out);
                if (out.size() == before) {
                    out.add(InputFile.broken(arg, shown, ErrorKind.NOT_FOUND, shown
                            + ": no capture files in this folder; give a .pcap/.pcapng file or a folder holding some"));
                }
            } else if (!Files.exists(arg, LinkOption.NOFOLLOW_LINKS)) {
                out.add(InputFile.broken(arg, shown, ErrorKind.NOT_FOUND,
                        shown + ": no such file; check the path"));
            } else if (!Files.exists(arg)) {
                out.add(unresolvableLink(arg, shown));
            } else if (!Files.isRegularFile(arg)) {
                out.add(notAFile(arg, shown));
            } else {
                out.add(InputFile.of(arg, shown));
            }
        }
        return out;
    }

    private static void walk(Path root, List<InputFile> out) {
        List<InputFile> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            String shown = InputFile.printable(file.toString());
                            if (attrs.isRegularFile() && looksLikeCapture(file)) {
                                found.add(InputFile.of(file, shown));
                            } else if (attrs.isSymbolicLink() && hasCaptureName(file)) {
                                // following links, a link is only seen as such when its target cannot be reached
                                found.add(unresolvableLink(file, shown));
                            } else if (attrs.isOther() && hasCaptureName(file)) {
                                found.add(notAFile(file, shown));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            found.add(broken(file, e));
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            found.add(broken(root, e));
        }
        found.sort((a, b) -> a.path().toString().compareTo(b.path().toString()));
        out.addAll(found);
    }

    private static InputFile broken(Path file, IOException e) {
        String shown = InputFile.printable(file.toString());
        if (e instanceof FileSystemLoopException) {
            return linkLoop(file, shown);
        }
        if (e instanceof NoSuchFileException) {
            return InputFile.broken(file, shown, ErrorKind.NOT_FOUND,
                    shown + ": dangling link or file removed during the scan; skipped");
        }
        if (e instanceof AccessDeniedException) {
            return InputFile.broken(file, shown, ErrorKind.UNREADABLE,
                    shown + ": permission denied; skipped (make it readable, or run as a user who may read it)");
        }
        return InputFile.broken(file, shown, ErrorKind.UNREADABLE,
                shown + ": cannot be read (" + e.getClass().getSimpleName() + "); check its permissions");
    }

    private static InputFile linkLoop(Path link, String shown) {
        return InputFile.broken(link, shown, ErrorKind.UNREADABLE,
                shown + ": symbolic link loop; skipped (remove the link or point it elsewhere)");
    }

    /** A link whose target cannot be reached: say whether it loops or points nowhere. */
    private static InputFile unresolvableLink(Path link, String shown) {
        try {
            link.toRealPath();
        } catch (NoSuchFileException e) {
            return InputFile.broken(link, shown, ErrorKind.NOT_FOUND,
                    shown + ": the link points to a file that does not exist; skipped");
        } catch (IOException e) {
            String reason = e instanceof FileSystemException f ? String.valueOf(f.getReason()) : "";
            if (reason.contains("levels of symbolic links") || e instanceof FileSystemLoopException) {
                return linkLoop(link, shown);
            }
            return InputFile.broken(link, shown, ErrorKind.UNREADABLE, shown + ": the link cannot be followed ("
                    + InputFile.printable(String.valueOf(e.getMessage())) + "); skipped");
        }
        return InputFile.broken(link, shown, ErrorKind.NOT_FOUND,
                shown + ": the link's target is gone; skipped");
    }

    /**
     * A pipe, device or socket. Reading one would block for ever (a FIFO nobody writes), never end
     * ({@code /dev/zero}) or look empty (a pipe has no size); and --extract reads a capture twice. A stream meant
     * to be read is given as {@code -}, standard input, on purpose.
     */
    private static InputFile notAFile(Path path, String shown) {
        return InputFile.broken(path, shown, ErrorKind.UNSUPPORTED, shown + ": is " + fileType(path)
                + ", not a capture file; save the capture to a file first (e.g. tcpdump -w capture.pcap)"
                + " and give that file, or pipe it in as standard input: ackwatch analyze - < " + shown);
    }

    private static String fileType(Path path) {
        try {
            if (Files.getAttribute(path, "unix:mode") instanceof Integer mode) {
                switch (mode & 0170000) {
                    case 0010000: return "a pipe (FIFO)";
                    case 0020000: return "a character device";
                    case 0060000: return "a block device";
                    case 0140000: return "a socket";
                    default: break;
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no unix view (Windows): the generic words below will do
        }
        return "not a regular file";
    }

    static boolean looksLikeCapture(Path file) {
        return hasCaptureName(file) || CaptureFiles.sniff(file).isPresent();
    }

    private static boolean hasCaptureName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return CAPTURE_SUFFIXES.stream().anyMatch(name::endsWith);
    }
}
