package io.ackwatch.capture;

import java.nio.ByteBuffer;

/**
 * A running SHA-256 over the bytes of a capture file. Fed from direct buffers only, so that the native engines
 * hash the bytes where the read put them: no copy, nothing allocated per call.
 */
sealed interface Sha256 permits OpenSslSha256, CommonCryptoSha256, JdkSha256 {
    /** Hashes {@code direct}'s bytes from its position to its limit; the position is undefined afterwards. */
    void update(ByteBuffer direct);

    /** The 32-byte digest; the object is spent afterwards (native memory released). */
    byte[] finish();
}
