package io.ackwatch.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Renders the seed-failure report in headless Chromium and checks that a real picture comes out: the right
 * size, mostly not blank, and with the verdict colours of the charts in it. Skips when no browser is installed
 * (the test installs nothing).
 */
class HtmlRenderTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 1600;

    @Test
    void seedReportRendersToANonBlankPicture() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no browser at " + CHROMIUM + ": render test skipped "
                + "(apt-get install chromium to run it)");
        Path dir = Files.createTempDirectory("ackwatch-render");
        try {
            Path html = dir.resolve("seed.html");
            Files.writeString(html, HtmlReportWriterTest.render(Fixtures.seedReport("captures/printer-stops.pcapng")),
                    StandardCharsets.UTF_8);
            Path png = dir.resolve("seed.png");
            screenshot(html, png, dir.resolve("profile"), WIDTH, HEIGHT);
            Path kept = Path.of("target", "report-screenshot.png");
            Files.createDirectories(kept.getParent());
            Files.copy(png, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as("decodable PNG").isNotNull();
            assertThat(image.getWidth()).isEqualTo(WIDTH);
            assertThat(image.getHeight()).isEqualTo(HEIGHT);
            Set<Integer> colours = new HashSet<>();
            long nonWhite = 0;
            long failedRed = 0;
            long okGreen = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y) & 0xFFFFFF;
                    colours.add(rgb);
                    if (rgb != 0xFFFFFF) {
                        nonWhite++;
                    }
                    if (near(rgb, 0xC42B2B)) {
                        failedRed++;
                    }
                    if (near(rgb, 0x17794A)) {
                        okGreen++;
                    }
                }
            }
            long pixels = (long) WIDTH * HEIGHT;
            assertThat(nonWhite).as("non-white pixels").isGreaterThan(pixels / 5);
            assertThat(colours.size()).as("distinct colours").isGreaterThan(200);
            assertThat(failedRed).as("pixels in the 'failed' red").isGreaterThan(200);
            assertThat(okGreen).as("pixels in the 'ok' green").isGreaterThan(200);
        } finally {
            deleteTree(dir);
        }
    }

    private static boolean near(int rgb, int target) {
        return Math.abs(((rgb >> 16) & 0xFF) - ((target >> 16) & 0xFF)) < 24
                && Math.abs(((rgb >> 8) & 0xFF) - ((target >> 8) & 0xFF)) < 24
                && Math.abs((rgb & 0xFF) - (target & 0xFF)) < 24;
    }

    /** Runs Chromium on the file with no network use and a throw-away profile, bounded in time. */
    static void screenshot(Path html, Path png, Path profile, int width, int height)
            throws IOException, InterruptedException {
        Files.createDirectories(profile);
        List<String> command = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height, "--screenshot=" + png, html.toUri().toString());
        Path log = profile.resolveSibling("chromium.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(finished).as("chromium finished within 120 s").isTrue();
        assertThat(png.toFile()).as("screenshot written; chromium said: %s", tail(log)).exists();
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
