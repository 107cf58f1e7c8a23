package io.ackwatch.testsupport;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * On a fresh clone without the shared folder beside it, hundreds of tests skip, and surefire tells why only in its
 * report files. This listener (registered through {@code META-INF/services}) counts the tests whose skip reason
 * names the shared folder and says so in one line on the console when the run ends.
 */
public final class SharedFolderSkips implements TestExecutionListener {
    private final AtomicInteger skipped = new AtomicInteger();
    private final PrintStream console;

    /** As JUnit's service loader makes it: the line goes to stdout, which surefire shows on its console. */
    public SharedFolderSkips() {
        this(System.out);
    }

    SharedFolderSkips(PrintStream console) {
        this.console = console;
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest() && namesTheSharedFolder(reason)) {
            skipped.incrementAndGet();
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest() && result.getStatus() == TestExecutionResult.Status.ABORTED
                && result.getThrowable().map(t -> namesTheSharedFolder(t.getMessage())).orElse(false)) {
            skipped.incrementAndGet();
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        int n = skipped.get();
        if (n > 0) {
            console.println(line(n));
            console.flush();
        }
    }

    /** The console line, for a count of skipped tests. */
    static String line(int skippedTests) {
        return "[ackwatch] " + skippedTests + (skippedTests == 1 ? " test" : " tests") + " skipped: the shared folder"
                + " (real-capture corpus with its tshark oracle, first published report schema) is not at "
                + Corpus.sharedDir() + "; put it there or run with -D" + Corpus.PROPERTY + "=DIR";
    }

    private static boolean namesTheSharedFolder(String reason) {
        return reason != null && (reason.contains(Corpus.sharedDir().toString()) || reason.contains(Corpus.PROPERTY));
    }
}
