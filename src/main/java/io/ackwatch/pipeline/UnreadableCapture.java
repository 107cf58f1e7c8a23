package io.ackwatch.pipeline;

import io.ackwatch.capture.CaptureFormat;
import io.ackwatch.capture.Compression;
import io.ackwatch.verdict.CaptureError;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.Vantage;
import java.util.List;
import java.util.Map;

/** The result for a capture of which nothing could be analyzed, or that holds nothing to analyze. */
final class UnreadableCapture {
    private UnreadableCapture() {}

    static CaptureResult result(String displayName, CaptureError error) {
        return new CaptureResult(displayName, CaptureFormat.UNKNOWN, Compression.NONE, List.of(), 0, 0, -1, -1, 6,
                Vantage.UNKNOWN, error, List.of(), List.of(), List.of(), 0, null, Map.of());
    }

    /** An empty file: nothing to analyze, and nothing wrong with it either; the warning says which it is. */
    static CaptureResult nothingCaptured(String displayName, String warning) {
        return new CaptureResult(displayName, CaptureFormat.UNKNOWN, Compression.NONE, List.of(), 0, 0, -1, -1, 6,
                Vantage.UNKNOWN, null, List.of(warning), List.of(), List.of(), 0, null, Map.of());
    }
}
