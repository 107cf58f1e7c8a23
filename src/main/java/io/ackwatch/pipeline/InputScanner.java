package io.ackwatch.pipeline;

import io.ackwatch.capture.CaptureFiles;
import io.ackwatch.capture.ErrorKind;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
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
            String shown = arg.toString();
            if (Files.isDirectory(arg)) {
                int before = out.size();
                walk(arg, out);
                if (out.size() == before) {
                    out.add(InputFile.broken(arg, shown, ErrorKind.NOT_FOUND, shown
                            + ": no capture files in this folder; give a .pcap/.pcapng file or a folder holding some"));
                }
            } else if (!Files.exists(arg, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                out.add(InputFile.broken(arg, shown, ErrorKind.NOT_FOUND,
                        shown + ": no such file; check the path"));
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
                            if (attrs.isRegularFile() && looksLikeCapture(file)) {
                                found.add(InputFile.of(file, file.toString()));
                            } else if (attrs.isSymbolicLink() && hasCaptureName(file)) {
                                // following links, a link is only reported as such when its target is gone
                                found.add(InputFile.broken(file, file.toString(), ErrorKind.NOT_FOUND, file
                                        + ": the link points to a file that does not exist; skipped"));
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
        found.sort((a, b) -> a.displayName().compareTo(b.displayName()));
        out.addAll(found);
    }

    private static InputFile broken(Path file, IOException e) {
        String shown = file.toString();
        if (e instanceof FileSystemLoopException) {
            return InputFile.broken(file, shown, ErrorKind.UNREADABLE,
                    shown + ": symbolic link loop; skipped (remove the link or point it elsewhere)");
        }
        if (e instanceof NoSuchFileException) {
            return InputFile.broken(file, shown, ErrorKind.NOT_FOUND,
                    shown + ": dangling link or file removed during the scan; skipped");
        }
        return InputFile.broken(file, shown, ErrorKind.UNREADABLE,
                shown + ": cannot be read (" + e.getClass().getSimpleName() + "); check its permissions");
    }

    static boolean looksLikeCapture(Path file) {
        return hasCaptureName(file) || CaptureFiles.sniff(file).isPresent();
    }

    private static boolean hasCaptureName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return CAPTURE_SUFFIXES.stream().anyMatch(name::endsWith);
    }
}
