package io.ackwatch.scale;

import io.ackwatch.testsupport.CliProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real command line in a child JVM with a heap limit: the honest test of bounded memory, since an
 * OutOfMemoryError there cannot be hidden by the test JVM's larger heap.
 */
record ChildJvm(int exitCode, String stderr, long millis) {

    static ChildJvm run(String maxHeap, Path workDir, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = CliProcess.command(List.of("-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError"),
                System.getProperty("java.class.path"), List.of(args));
        Path err = workDir.resolve("child-stderr.txt");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        int exitCode = CliProcess.exitCode(p, timeoutSeconds, cmd);
        return new ChildJvm(exitCode, Files.readString(err, StandardCharsets.UTF_8),
                (System.nanoTime() - start) / 1_000_000);
    }
}
