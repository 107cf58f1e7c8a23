package io.ackwatch.capture;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SHA-256 by macOS's CommonCrypto (in libSystem, always present), bound by JNA direct mapping like
 * {@link OpenSslSha256}. The context is a plain struct the caller allocates; JNA frees its memory with the object.
 */
final class CommonCryptoSha256 implements Sha256 {
    /** sizeof(CC_SHA256_CTX): CC_LONG count[2], hash[8], wbuf[16]. */
    private static final int CONTEXT_SIZE = 4 * (2 + 8 + 16);

    private static final Logger LOG = LoggerFactory.getLogger(CommonCryptoSha256.class);

    private final Memory ctx = new Memory(CONTEXT_SIZE);

    CommonCryptoSha256() {
        CC_SHA256_Init(ctx);
    }

    static boolean bind() {
        try {
            Native.register(CommonCryptoSha256.class, NativeLibrary.getInstance("System"));
            return true;
        } catch (LinkageError e) {
            LOG.debug("CommonCrypto not loaded: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void update(ByteBuffer direct) {
        CC_SHA256_Update(ctx, direct, direct.remaining());
    }

    @Override
    public byte[] finish() {
        byte[] md = new byte[32];
        CC_SHA256_Final(md, ctx);
        return md;
    }

    private static native int CC_SHA256_Init(Pointer ctx);

    /** CC_LONG, the length, is a 32-bit unsigned int: callers pass chunks of at most a few MB. */
    private static native int CC_SHA256_Update(Pointer ctx, ByteBuffer data, int len);

    private static native int CC_SHA256_Final(byte[] md, Pointer ctx);
}
