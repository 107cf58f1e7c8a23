package io.ackwatch.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real command line in a child process, for what an in-process run cannot show: a heap limit, a terminal, a
 * closed stdout, another user. One way to start it and one bound on how long a test waits for it.
 */
public final class CliProcess {
    private CliProcess() {}

    /** The java executable of the JVM running the tests. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java JVM_OPTIONS -cp CLASSPATH io.ackwatch.cli.Main ARGS}. */
    public static List<String> command(List<String> jvmOptions, String classpath, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add("io.ackwatch.cli.Main");
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Waits for {@code process}; one still running after {@code timeoutSeconds} is killed and fails the test.
     *
     * @param what the command, for the failure message
     */
    public static int exitCode(Process process, long timeoutSeconds, Object what) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("not finished within " + timeoutSeconds + " s: " + what);
        }
        return process.exitValue();
    }
}
