package io.ackwatch.pipeline;

/** Progress of a batch, told from worker threads; implementations must be thread-safe. */
public interface BatchProgress {
    BatchProgress NONE = new BatchProgress() {
        @Override
        public void bytes(long delta) {}

        @Override
        public void fileDone() {}
    };

    void bytes(long delta);

    void fileDone();
}
