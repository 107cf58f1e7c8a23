package io.ackwatch.verdict;

import io.ackwatch.capture.ErrorKind;

/**
 * Why a capture was not read completely.
 *
 * @param fatal true when nothing could be analyzed
 * @param offset byte offset of the damage, -1 when unknown
 * @param afterFrame last good frame, -1 when unknown
 */
public record CaptureError(ErrorKind kind, String message, boolean fatal, long offset, long afterFrame) {}
