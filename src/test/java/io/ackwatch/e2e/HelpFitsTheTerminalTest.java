package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ackwatch.testsupport.CliProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze --help} on an 80-column terminal: no line wider, and every example line runs as pasted from the
 * project folder (through bash, with {@code ./ackwatch} standing for the command line of this build), exiting 0
 * or 1 as the testdata it reads asks.
 */
class HelpFitsTheTerminalTest {
    private static final int COLUMNS = 80;

    @TempDir
    Path tmp;

    @Test
    void everyLineFitsEightyColumns() {
        CliRun run = CliRun.of("analyze", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(COLUMNS));
        CliRun top = CliRun.of("--help");
        assertThat(top.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(COLUMNS));
    }

    @Test
    void examplesRunAsPastedAgainstTestdata() throws IOException, InterruptedException {
        Testdata.assumePresent();
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash to paste the examples into");
        List<String> examples = examples(CliRun.of("analyze", "--help").out());
        assertThat(examples).as("examples in the help").hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(e -> assertThat(e).contains("./ackwatch analyze "));

        // ./ackwatch stands for this build's command line, as the launcher would run it from the project folder
        Path launcher = tmp.resolve("ackwatch");
        StringBuilder java = new StringBuilder("exec");
        for (String word : CliProcess.command(List.of(), System.getProperty("java.class.path"), List.of())) {
            java.append(" '").append(word.replace("'", "'\\''")).append('\'');
        }
        Files.writeString(launcher, "#!/bin/bash\n" + java + " \"$@\"\n");
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        Path project = Path.of("").toAbsolutePath();
        for (String example : examples) {
            // run in a copy of the layout: testdata linked, the report files land in the temporary folder
            Path work = Files.createTempDirectory(tmp, "run");
            Files.createSymbolicLink(work.resolve("testdata"), project.resolve("testdata"));
            Files.copy(launcher, work.resolve("ackwatch"));
            work.resolve("ackwatch").toFile().setExecutable(true);
            ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", example).directory(work.toFile())
                    .redirectInput(new File("/dev/null")).redirectOutput(work.resolve("out.txt").toFile())
                    .redirectError(work.resolve("err.txt").toFile());
            Map<String, String> env = pb.environment();
            env.remove("NO_COLOR");
            int exit = CliProcess.exitCode(pb.start(), 120, example);
            String err = Files.readString(work.resolve("err.txt"));
            assertThat(exit).as(example + " -> stderr: " + err).isIn(0, 1);
            assertThat(err).as(example).doesNotContain("Try 'ackwatch").doesNotContain("Exception");
        }
    }

    /** The lines under "Examples" up to the next blank line, without their indentation. */
    static List<String> examples(String help) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : help.lines().toList()) {
            if (line.startsWith("Examples")) {
                in = true;
            } else if (in && line.isBlank()) {
                break;
            } else if (in) {
                out.add(line.strip());
            }
        }
        return out;
    }
}
