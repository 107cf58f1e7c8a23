package io.ackwatch.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The testdata captures, named by paths relative to the project root ({@code testdata/...}), because that is
 * how a user types them and how they appear in every report; an absolute path would make the golden files
 * depend on where the project is checked out. Surefire runs with the project root as working directory.
 */
final class Testdata {
    static final Path ROOT = Path.of("testdata");
    static final Path SEED = ROOT.resolve("printer-stops-acking.pcap");

    private Testdata() {}

    /** Skips the calling test unless {@code testdata/} is reachable relative to the working directory. */
    static void assumePresent() {
        assumeTrue(Files.isRegularFile(SEED), "testdata not found at " + SEED.toAbsolutePath()
                + " (the working directory must be the project root); end-to-end tests skipped");
        String configured = System.getProperty("ackwatch.testdata");
        if (configured != null) {
            try {
                assumeTrue(Files.isSameFile(ROOT, Path.of(configured)), "ackwatch.testdata=" + configured
                        + " is not ./testdata; the end-to-end tests need the project root as working directory");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The seed capture and every {@code testdata/captures/*.pcap}, sorted, as relative paths. */
    static List<Path> captures() {
        if (!Files.isRegularFile(SEED)) {
            return List.of(SEED); // the test itself then skips with the message from assumePresent
        }
        List<Path> all = new ArrayList<>();
        all.add(SEED);
        try (Stream<Path> files = Files.list(ROOT.resolve("captures"))) {
            files.filter(p -> p.getFileName().toString().endsWith(".pcap")).sorted().forEach(all::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** {@code s02-seed-failure-printer-port} for {@code testdata/captures/s02-seed-failure-printer-port.pcap}. */
    static String name(Path capture) {
        String file = capture.getFileName().toString();
        return file.substring(0, file.length() - ".pcap".length());
    }

    /** The generator's sidecar next to a capture (ground truth, never ackwatch output). */
    static Path sidecar(Path capture) {
        return capture.resolveSibling(name(capture) + ".expected.json");
    }
}
