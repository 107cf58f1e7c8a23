package io.ackwatch.pipeline;

/** Told how far the analysis of one file has got; called from the reading thread. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = bytes -> {};

    /** {@code bytes} of the current file consumed since the last call. */
    void advanced(long bytes);
}
