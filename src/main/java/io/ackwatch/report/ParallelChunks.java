package io.ackwatch.report;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Renders the items of a long list in chunks on a few worker threads and hands the rendered chunks to the
 * calling thread in list order, so that a report of hundreds of thousands of connections is rendered on every
 * core while one thread writes it out. At most {@code 2 x threads} chunks are rendered or waiting at any time,
 * so memory stays that of a few chunks whatever the size of the report. With one thread, or with no more
 * items than one chunk, everything runs on the calling thread and no worker is started.
 *
 * <p>A failure comes out of {@link #render} as it would have come out of rendering on the calling thread: the
 * exception of the first chunk in list order that failed, an {@link IOException} or unchecked exception as
 * thrown, after the chunks before it were handed over; an exception from the hand-over (writing the output)
 * likewise. Chunks still being rendered then are abandoned. Workers are daemon threads of a pool that lives
 * until {@link #close()}, which ends them.
 */
final class ParallelChunks implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();
    /**
     * Most threads worth having: one thread writes out what the others render, a few hundred MB per second, so
     * more renderers would only wait, each with two chunks of memory.
     */
    private static final int MAX_THREADS = 8;

    /** Renders items {@code [from, to)}; runs on a worker thread, so it must only read shared state. */
    @FunctionalInterface
    interface Render<R> {
        R render(int from, int to) throws IOException;
    }

    /** Takes a rendered chunk; runs on the thread that called {@link #render}, chunk after chunk in order. */
    @FunctionalInterface
    interface Sink<R> {
        void accept(R rendered) throws IOException;
    }

    private final int threads;
    private ExecutorService pool;

    /** Threads for this machine: its processors, up to {@link #MAX_THREADS}. */
    static int defaultThreads() {
        return Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
    }

    /** @param threads worker threads; 1 renders on the calling thread */
    ParallelChunks(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException(threads + " threads");
        }
        this.threads = threads;
    }

    /**
     * True when {@link #render} would use worker threads for {@code count} items; else the caller may as well
     * write them itself, straight to where they go.
     */
    boolean parallel(int count, int chunkSize) {
        return threads > 1 && count > chunkSize;
    }

    /** Renders items {@code [0, count)} in chunks of {@code chunkSize} and gives each chunk to {@code sink}, in order. */
    <R> void render(int count, int chunkSize, Render<R> render, Sink<R> sink) throws IOException {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunks of " + chunkSize);
        }
        if (!parallel(count, chunkSize)) {
            for (int from = 0; from < count; from += chunkSize) {
                sink.accept(render.render(from, Math.min(count, from + chunkSize)));
            }
            return;
        }
        ExecutorService workers = pool();
        int window = 2 * threads;
        ArrayDeque<Future<R>> inFlight = new ArrayDeque<>(window);
        int next = 0;
        try {
            while (next < count || !inFlight.isEmpty()) {
                while (next < count && inFlight.size() < window) {
                    int from = next;
                    int to = Math.min(count, from + chunkSize);
                    inFlight.add(workers.submit(() -> render.render(from, to)));
                    next = to;
                }
                sink.accept(result(inFlight.remove()));
            }
        } finally {
            for (Future<R> f : inFlight) { // only after a failure: nobody will take these
                f.cancel(true);
            }
        }
    }

    private static <R> R result(Future<R> chunk) throws IOException {
        try {
            return chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while rendering the report");
        } catch (ExecutionException e) {
            // the worker's own exception, as rendering on this thread would have thrown it
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new UncheckedIOException(new IOException("rendering the report failed", cause));
        }
    }

    private ExecutorService pool() {
        if (pool == null) {
            int id = POOLS.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            pool = Executors.newFixedThreadPool(threads, task -> {
                Thread t = new Thread(task, "ackwatch-report-" + id + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }
}
