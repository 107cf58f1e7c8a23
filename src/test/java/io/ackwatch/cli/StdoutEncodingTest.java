package io.ackwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report on stdout is UTF-8 whatever the locale. Java 17 takes its default charset from the locale, and under
 * LANG=C (cron jobs, containers, CI runners) "µs" and "–" came out as "?"; only the real process entry point
 * shows it, so this runs ackwatch in a child JVM with the C locale.
 */
class StdoutEncodingTest {
    @Test
    void reportsOnStdoutAreUtf8UnderTheCLocale(@TempDir Path dir) throws Exception {
        Path capture = Paths.get(System.getProperty("ackwatch.testdata", "testdata"), "captures",
                "s02-seed-failure-client-cli1.pcap").toAbsolutePath();
        Path stdout = dir.resolve("stdout.txt");
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.ackwatch.cli.Main",
                "analyze", "--color", "never", capture.toString()))
                .redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.put("LANG", "C");
        env.put("LC_ALL", "C");
        env.remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ackwatch finished").isTrue();
        assertThat(p.exitValue()).as("the seed failure is found").isEqualTo(1);
        String text = new String(Files.readAllBytes(stdout), StandardCharsets.UTF_8);
        assertThat(text).contains(" µs").contains("–").doesNotContain(" ?s");
    }
}
