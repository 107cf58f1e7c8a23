package io.ackwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The console line's count, from a real JUnit run of probe tests that skip for the shared folder and otherwise. */
class SharedFolderSkipsTest {

    @Test
    void countsOnlyTheTestsThatSkipForTheSharedFolder() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SharedFolderSkips listener = new SharedFolderSkips(new PrintStream(console, true, StandardCharsets.UTF_8));
        // without the listeners found on the class path: this run's own would print its line on the real console
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Probe.class)).build(),
                listener);
        assertThat(console.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                SharedFolderSkips.line(2));
        assertThat(SharedFolderSkips.line(2)).startsWith("[ackwatch] 2 tests skipped: the shared folder")
                .contains(Corpus.sharedDir().toString(), "-Dackwatch.shared=DIR");
    }

    /** Run only through the launcher above: surefire leaves inner classes alone. */
    static class Probe {
        @Test
        void needsTheCorpus() {
            assumeTrue(false, "capture corpus not found at " + Corpus.corpusDir());
        }

        @Test
        void needsTheSchema() {
            assumeTrue(false, "the first published schema is not at " + Corpus.sharedDir().resolve("schema"));
        }

        @Test
        void needsATool() {
            assumeTrue(false, "tshark is not installed");
        }

        @Test
        void runs() {
            assertThat(1).isOne();
        }
    }
}
