package io.ackwatch.capture;

/**
 * What identifies a capture file on disk: its size and SHA-256, as {@code ls -l} and {@code sha256sum} give
 * them (of the compressed bytes for a gzip or zstd file), so a vendor can check that the evidence and the
 * report came from the file the admin holds.
 *
 * @param sizeBytes bytes in the file
 * @param sha256 lower-case hex digest
 */
public record FileIdentity(long sizeBytes, String sha256) {}
