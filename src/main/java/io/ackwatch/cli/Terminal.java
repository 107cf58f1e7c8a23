package io.ackwatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether stdout/stderr are terminals. Java 17 has no per-stream test ({@code System.console()} looks at
 * stdin and stdout together), so on Linux we ask /proc where the descriptor points; elsewhere we fall back to
 * the console check.
 */
final class Terminal {
    private Terminal() {}

    static boolean isStdoutTerminal() {
        return isTerminal(1);
    }

    static boolean isStderrTerminal() {
        return isTerminal(2);
    }

    private static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.isSymbolicLink(link)) {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
