package io.ackwatch.capture;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SHA-256 by OpenSSL's libcrypto (EVP interface), bound by JNA direct mapping: a call costs about what a JNI
 * call does. The context is an opaque pointer kept as a long, so a call allocates no {@code Pointer}; data comes
 * as a direct buffer, whose address at its position JNA passes as is (a heap array would be copied in and out on
 * every call).
 */
final class OpenSslSha256 implements Sha256 {
    /** OpenSSL 3 first; 1.1 has the same functions. Versioned names only: the bare .so is a development file. */
    static final String[] LIBRARIES = {"libcrypto.so.3", "libcrypto.so.1.1"};

    private static final Logger LOG = LoggerFactory.getLogger(OpenSslSha256.class);
    /** Frees a context whose digest was abandoned unfinished (a file closed early, a sniffed first chunk). */
    private static final Cleaner CLEANER = Cleaner.create();

    private final long ctx;
    private final Cleaner.Cleanable release;

    OpenSslSha256() {
        long c = EVP_MD_CTX_new();
        if (c == 0 || EVP_DigestInit_ex(c, EVP_sha256(), 0) != 1) {
            EVP_MD_CTX_free(c);
            throw new IllegalStateException("libcrypto could not start a SHA-256 digest");
        }
        ctx = c;
        release = CLEANER.register(this, () -> EVP_MD_CTX_free(c));
    }

    /** Binds the native methods to the first of {@code libraries} that loads; false when none does. */
    static boolean bind(String... libraries) {
        for (String name : libraries) {
            try {
                Native.register(OpenSslSha256.class, NativeLibrary.getInstance(name));
                return true;
            } catch (LinkageError e) {
                LOG.debug("{} not loaded: {}", name, e.getMessage());
            }
        }
        return false;
    }

    @Override
    public void update(ByteBuffer direct) {
        check(EVP_DigestUpdate(ctx, direct, direct.remaining()), "EVP_DigestUpdate");
    }

    @Override
    public byte[] finish() {
        byte[] md = new byte[32];
        try {
            check(EVP_DigestFinal_ex(ctx, md, null), "EVP_DigestFinal_ex");
        } finally {
            release.clean();
        }
        return md;
    }

    private static void check(int result, String call) {
        if (result != 1) {
            throw new IllegalStateException("libcrypto: " + call + " failed");
        }
    }

    private static native long EVP_MD_CTX_new();

    private static native void EVP_MD_CTX_free(long ctx);

    private static native long EVP_sha256();

    private static native int EVP_DigestInit_ex(long ctx, long type, long engine);

    private static native int EVP_DigestUpdate(long ctx, ByteBuffer data, long count);

    private static native int EVP_DigestFinal_ex(long ctx, byte[] md, Pointer size);
}
