package io.ackwatch.capture;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The JDK's SHA-256: always there, fast only in C2-compiled code (see {@link Sha256Engine}). */
final class JdkSha256 implements Sha256 {
    private final MessageDigest digest;

    JdkSha256() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public void update(ByteBuffer direct) {
        // a direct buffer goes through one scratch array the digest keeps: nothing allocated per call
        digest.update(direct);
    }

    @Override
    public byte[] finish() {
        return digest.digest();
    }
}
