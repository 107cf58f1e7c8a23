package io.ackwatch.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The captures a tshark cross-check runs on: those of {@code testdata/} whose file name matches, then the shared
 * corpus's chosen ones; the test is skipped, with the reason, when neither is here.
 */
public final class TestCaptures {
    private TestCaptures() {}

    /**
     * @param testdataNames a regular expression for the file names under {@code testdata/} to take
     * @param corpus which corpus captures to take
     */
    public static Stream<Path> testdataAndCorpus(String testdataNames, Predicate<Corpus.Capture> corpus)
            throws IOException {
        List<Path> all = new ArrayList<>();
        Path testdata = Path.of(System.getProperty("ackwatch.testdata", "testdata"));
        if (Files.isDirectory(testdata)) {
            try (Stream<Path> files = Files.walk(testdata)) {
                files.filter(p -> p.getFileName().toString().matches(testdataNames)).sorted().forEach(all::add);
            }
        }
        if (Corpus.available()) {
            Corpus.captures().stream().filter(corpus).forEach(c -> all.add(c.path()));
        }
        assumeTrue(!all.isEmpty(), "neither testdata nor the shared corpus found; skipping");
        return all.stream();
    }
}
