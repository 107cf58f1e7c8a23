package io.ackwatch.pipeline;

import io.ackwatch.flow.TcpFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Judges finished connections on a thread of their own while the reading thread goes on decoding and tracking.
 * On a capture of many short connections, reading a print job and judging a connection cost about as much as
 * reading and tracking its packets, and the two need nothing from each other but the finished flows, so a
 * second core halves the wall time of one file.
 *
 * <p>Flows cross over in small batches through a bounded queue: when judging falls behind, the reader waits
 * instead of piling up flows (each may hold a 16 KiB stream head). Flows are judged one at a time in the
 * order the tracker released them, exactly as when the tracker calls the judge itself, so results do not
 * depend on timing.
 */
final class JudgingThread implements Consumer<TcpFlow> {
    private static final int BATCH = 32;
    private static final int QUEUED_BATCHES = 8;
    private static final List<TcpFlow> END = List.of();

    private final Consumer<TcpFlow> judge;
    private final BlockingQueue<List<TcpFlow>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final Thread thread;
    private List<TcpFlow> batch = new ArrayList<>(BATCH);
    private volatile Throwable failure;
    private boolean finished;

    /** Starts the thread; {@link #finish()} must follow, also when reading fails. */
    JudgingThread(Consumer<TcpFlow> judge, String name) {
        this.judge = judge;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void accept(TcpFlow flow) {
        batch.add(flow);
        if (batch.size() == BATCH) {
            hand(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    /**
     * Hands over the last flows and waits until all are judged; calling it again does nothing. An error of the
     * judge (running out of memory) is thrown here, on the caller's thread; a bug of the judge is returned, and
     * the flows after it were not judged.
     *
     * @return the judge's exception, null when every flow was judged
     */
    RuntimeException finish() {
        if (finished) {
            return null;
        }
        finished = true;
        hand(batch);
        hand(END);
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the flows in flight must still be judged or the results would be partial
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure;
        if (t instanceof Error e) {
            throw e;
        }
        return (RuntimeException) t;
    }

    private void hand(List<TcpFlow> flows) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(flows);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (true) {
                List<TcpFlow> flows = queue.take();
                if (flows == END) {
                    return;
                }
                if (failure == null) {
                    judgeAll(flows);
                }
            }
        } catch (InterruptedException e) {
            failure = new IllegalStateException("judging was interrupted", e);
        }
    }

    private void judgeAll(List<TcpFlow> flows) {
        try {
            for (int i = 0; i < flows.size(); i++) {
                judge.accept(flows.get(i));
            }
        } catch (RuntimeException | Error e) {
            // keep draining so the reader never blocks on a full queue; finish() reports the failure
            failure = e;
        }
    }
}
