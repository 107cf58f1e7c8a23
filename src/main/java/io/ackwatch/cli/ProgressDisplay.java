package io.ackwatch.cli;

import io.ackwatch.pipeline.BatchProgress;
import io.ackwatch.pipeline.InputFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress display on stderr (files and bytes done, rate, ETA), redrawn a few times a second.
 * Silent unless stderr is a terminal (or --progress always), so logs and CI output stay clean.
 */
final class ProgressDisplay implements BatchProgress, AutoCloseable {
    private final PrintStream err;
    private final int files;
    private final long totalBytes;
    private final long startNanos = System.nanoTime();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger filesDone = new AtomicInteger();
    private final ScheduledExecutorService ticker;

    private ProgressDisplay(PrintStream err, int files, long totalBytes, boolean active) {
        this.err = err;
        this.files = files;
        this.totalBytes = totalBytes;
        if (active) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ackwatch-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::draw, 200, 250, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    static ProgressDisplay create(ProgressMode mode, List<InputFile> inputs) {
        boolean active = switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> Terminal.isStderrTerminal();
        };
        long total = 0;
        for (InputFile in : inputs) {
            try {
                if (in.problem() == null) {
                    for (Path file : in.files()) {
                        total += Files.size(file);
                    }
                }
            } catch (IOException e) {
                // the analysis will report it; the bar just counts it as empty
            }
        }
        return new ProgressDisplay(System.err, inputs.size(), total, active);
    }

    @Override
    public void bytes(long delta) {
        bytes.addAndGet(delta);
    }

    @Override
    public void fileDone() {
        filesDone.incrementAndGet();
    }

    private void draw() {
        err.print("\r" + line() + "\u001b[K");
        err.flush();
    }

    String line() {
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        long done = bytes.get();
        double rate = done / seconds;
        String eta = rate > 0 && totalBytes > done ? duration((totalBytes - done) / rate) : "--:--";
        return String.format(Locale.ROOT, "ackwatch: %d/%d files  %s/%s  %s/s  ETA %s", filesDone.get(), files,
                size(done), size(totalBytes), size((long) rate), eta);
    }

    private static String size(long b) {
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f KB", b / 1024.0);
        }
        if (b < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", b / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GB", b / (1024.0 * 1024 * 1024));
    }

    private static String duration(double s) {
        long t = (long) s;
        return String.format(Locale.ROOT, "%d:%02d", t / 60, t % 60);
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
