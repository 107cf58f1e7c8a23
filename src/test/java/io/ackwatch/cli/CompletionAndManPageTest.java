package io.ackwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completion script and man pages picocli's tools generate during the build (pom.xml, process-classes):
 * {@code ackwatch completion} prints a script that bash sources and that completes analyze's options, and the
 * man page sources describe every option, the newest included.
 */
class CompletionAndManPageTest {
    @TempDir
    Path tmp;

    @Test
    void theCompletionScriptCompletesAnalyzeOptionsInBash() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash here");
        CommandLineRun run = CommandLineRun.of("completion");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path script = Files.writeString(tmp.resolve("ackwatch_completion"), run.out());
        String probe = "source '" + script + "' 2>/dev/null; COMP_WORDS=(ackwatch analyze --requ); COMP_CWORD=2;"
                + " _complete_ackwatch 2>/dev/null; echo \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder("/bin/bash", "-c", probe).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).isZero();
        assertThat(out).isEqualTo("--require-connections");
    }

    @Test
    void theManPagesDescribeEveryCommandAndOption() throws IOException {
        Path man = Path.of("target/man");
        assumeTrue(Files.isDirectory(man), "no target/man: run through Maven, whose build generates it");
        assertThat(Files.readString(man.resolve("ackwatch.adoc"))).contains(":doctype: manpage", "analyze", "schema");
        assertThat(Files.readString(man.resolve("ackwatch-analyze.adoc")))
                .contains("--require-connections", "--fail-on", "--printer-port");
    }

    /** README's install command, {@code asciidoctor -b manpage -D DIR target/man/*.adoc}, gives pages man shows. */
    @Test
    void readmesAsciidoctorCommandMakesManPagesThatManRenders() throws IOException, InterruptedException {
        Path man = Path.of("target/man");
        assumeTrue(Files.isDirectory(man), "no target/man: run through Maven, whose build generates it");
        assumeTrue(onPath("asciidoctor") && onPath("man"),
                "asciidoctor or man not on PATH (apt-get install asciidoctor man-db; CI installs them); skipping");
        Path dir = Files.createDirectories(tmp.resolve("man1"));
        assertThat(run("asciidoctor -b manpage -D '" + dir + "' target/man/*.adoc")).isEmpty();
        assertThat(dir.resolve("ackwatch-analyze.1")).isRegularFile();
        String page = run("MANWIDTH=80 man -l '" + dir.resolve("ackwatch-analyze.1") + "'");
        assertThat(page).contains("ackwatch-analyze - ", "SYNOPSIS", "--require-connections");
    }

    private static boolean onPath(String tool) throws IOException, InterruptedException {
        return new ProcessBuilder("/bin/sh", "-c", "command -v " + tool).start().waitFor() == 0;
    }

    /** Runs a shell line, returns its output, and fails the test when it fails. */
    private static String run(String line) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/bash", "-c", line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(line + ": " + out).isZero();
        return out.strip();
    }
}
