package io.ackwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ackwatch.testsupport.CliProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Colour, in a child process whose environment the test sets: an explicit {@code --color} beats {@code NO_COLOR},
 * which beats what auto would decide (here: stdout is a file, so no colour either way).
 */
class ColorPrecedenceTest {
    private static final Path SEED = Path.of(System.getProperty("ackwatch.testdata", "testdata"),
            "printer-stops-acking.pcap");
    private static final String ESC = "\u001b[";

    @TempDir
    Path tmp;

    @Test
    void anExplicitColorAlwaysBeatsNoColor() throws Exception {
        assertThat(run("1", "always")).contains(ESC);
    }

    @Test
    void anExplicitColorNeverWinsWithoutNoColor() throws Exception {
        assertThat(run(null, "never")).doesNotContain(ESC);
    }

    @Test
    void noColorTurnsAutoOff() throws Exception {
        assertThat(run("1", "auto")).doesNotContain(ESC);
    }

    private String run(String noColor, String color) throws IOException, InterruptedException {
        assumeTrue(Files.isRegularFile(SEED), "testdata is absent");
        List<String> cmd = CliProcess.command(List.of(), System.getProperty("java.class.path"),
                List.of("analyze", "--color", color, SEED.toString()));
        Path out = tmp.resolve("out-" + color + ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(new File("/dev/null"))
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("NO_COLOR");
        if (noColor != null) {
            pb.environment().put("NO_COLOR", noColor);
        }
        assertThat(CliProcess.exitCode(pb.start(), 60, cmd)).isEqualTo(ExitCodes.FINDINGS);
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
