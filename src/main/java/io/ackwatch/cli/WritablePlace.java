package io.ackwatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before any capture is read, that an output can be written where the user asked: a batch can take
 * minutes, and only then learning that the folder is read-only wastes them. Nothing is created here; the
 * writers still handle every failure themselves (a disk fills up, permissions change meanwhile).
 */
final class WritablePlace {
    private WritablePlace() {}

    /** A file to be created or overwritten (--output). */
    static void checkFile(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new OutputProblem(option + " " + file + ": is a folder; name a file in it, or use --output-dir "
                    + file + " for one file per format");
        }
        if (Files.exists(file)) {
            if (!Files.isWritable(file)) {
                throw new OutputProblem(option + " " + file + ": permission denied; choose a file you may write,"
                        + " or change its permissions");
            }
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            checkFolder(option, file, parent);
        }
    }

    /** A folder that is created when missing (--output-dir, --extract). */
    static void checkFolder(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new OutputProblem(option + " " + dir + ": is a file, not a folder; name a folder (it is created"
                    + " when missing)");
        }
        checkFolder(option, dir, dir.toAbsolutePath());
    }

    private static void checkFolder(String option, Path asGiven, Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return; // nothing exists, not even a root: let the writer say what is wrong
        }
        if (!Files.isDirectory(existing)) {
            throw new OutputProblem(option + " " + asGiven + ": " + existing + " is a file, not a folder;"
                    + " choose another place");
        }
        if (!Files.isWritable(existing)) {
            throw new OutputProblem(option + " " + asGiven + ": no permission to write in " + existing
                    + "; choose a place you may write to, or change its permissions");
        }
    }
}
