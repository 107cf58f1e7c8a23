package io.ackwatch.pipeline;

import io.ackwatch.capture.ErrorKind;
import io.ackwatch.verdict.CaptureError;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.Report;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Analyzes many captures in parallel and returns their results in input order, so that output is stable
 * whatever the scheduling. One bad file never stops the others: each file's problems end up in its own
 * result.
 */
public final class BatchAnalyzer {
    private final AnalysisSettings settings;
    private final int jobs;

    public BatchAnalyzer(AnalysisSettings settings, int jobs) {
        this.settings = settings;
        // more workers than this only add threads and memory (each holds a reader and a judging thread); a huge
        // --jobs with a folder of thousands of captures would otherwise try to start thousands of threads
        this.jobs = Math.max(1, Math.min(jobs, maxUsefulJobs()));
    }

    /** The most files worth analyzing at once on this machine. */
    public static int maxUsefulJobs() {
        return Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
    }

    public Report run(String toolVersion, List<InputFile> inputs, BatchProgress progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, inputs.size())), r -> {
            Thread t = new Thread(r, "ackwatch-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            // a ring buffer's files arrive here as one capture set (CaptureSets), whose reader takes the newest
            // file's cut-short last record for what it is: a file still being written
            List<Future<CaptureResult>> futures = new ArrayList<>();
            for (InputFile input : inputs) {
                futures.add(pool.submit(() -> analyzeOne(input, progress)));
            }
            List<CaptureResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                results.add(await(futures.get(i), inputs.get(i)));
            }
            return new Report(toolVersion, results);
        } finally {
            pool.shutdownNow();
        }
    }

    private CaptureResult analyzeOne(InputFile input, BatchProgress progress) {
        try {
            if (input.problem() != null) {
                return UnreadableCapture.result(input.displayName(), new CaptureError(input.problemKind(), input.problem(), true, -1, -1));
            }
            if (!input.isSet() && !input.isStandardInput() && !Files.exists(input.path())) {
                // found by the scan, gone now: "check the path" would send the user looking for a typo
                return UnreadableCapture.result(input.displayName(), new CaptureError(ErrorKind.NOT_FOUND,
                        input.displayName() + ": no longer exists (moved or deleted while ackwatch ran); skipped",
                        true, -1, -1));
            }
            return new CaptureAnalyzer(settings).analyze(input, progress::bytes);
        } finally {
            progress.fileDone();
        }
    }

    private static CaptureResult await(Future<CaptureResult> future, InputFile input) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UnreadableCapture.result(input.displayName(), internal(input, e));
        } catch (ExecutionException e) {
            return UnreadableCapture.result(input.displayName(), internal(input, e.getCause()));
        }
    }

    private static CaptureError internal(InputFile input, Throwable cause) {
        if (cause instanceof OutOfMemoryError) {
            return new CaptureError(ErrorKind.UNREADABLE, input.displayName()
                    + ": ran out of memory (" + cause.getMessage() + "); give ackwatch more, e.g. JAVA_OPTS=-Xmx4g,"
                    + " or analyze fewer files at once (--jobs 1)", true, -1, -1);
        }
        return new CaptureError(ErrorKind.CORRUPT, input.displayName()
                + ": ackwatch failed on this file (" + cause + "); please report it with the capture", true, -1, -1);
    }
}
