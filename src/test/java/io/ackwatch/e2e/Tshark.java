package io.ackwatch.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs tshark (the corpus oracle) on a file, bounded in time, keeping stdout and stderr apart. */
record Tshark(int exitCode, List<String> lines, List<String> warnings) {
    private static final long TIMEOUT_SECONDS = 60;
    /** tshark's notice when run as root; it is about the user, not about the file. */
    private static final String ROOT_NOTICE = "Running as user \"root\"";

    static boolean available() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Tshark run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("tshark");
        command.addAll(args);
        Path out = Files.createTempFile("ackwatch-tshark", ".out");
        Path err = Files.createTempFile("ackwatch-tshark", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("tshark did not finish in " + TIMEOUT_SECONDS + " s: " + command);
            }
            List<String> warnings = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith(ROOT_NOTICE)).toList();
            return new Tshark(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8), warnings);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
