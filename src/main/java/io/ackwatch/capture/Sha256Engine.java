package io.ackwatch.capture;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where SHA-256 is computed. The launcher runs the JVM with C1 only (fastest overall, see README Benchmark), and
 * the JDK's SHA-256 uses the CPU's SHA instructions only in C2-compiled code: under C1 it hashes ~126 MB/s,
 * which made hashing cost four times the rest of the analysis. OpenSSL's libcrypto (Linux) and CommonCrypto
 * (macOS) use those instructions whatever the JIT, so the first of them that loads is used; the JDK's is the
 * fallback that always works.
 */
enum Sha256Engine {
    OPENSSL {
        @Override
        boolean load() {
            // macOS has libcrypto.dylib too, but loading its unversioned name aborts the process; it is never asked
            return !Platform.isMac() && OpenSslSha256.bind(OpenSslSha256.LIBRARIES);
        }

        @Override
        Sha256 newDigest() {
            return new OpenSslSha256();
        }
    },
    COMMON_CRYPTO {
        @Override
        boolean load() {
            return Platform.isMac() && CommonCryptoSha256.bind();
        }

        @Override
        Sha256 newDigest() {
            return new CommonCryptoSha256();
        }
    },
    JDK {
        @Override
        boolean load() {
            return true;
        }

        @Override
        Sha256 newDigest() {
            return new JdkSha256();
        }
    };

    private static final Logger LOG = LoggerFactory.getLogger(Sha256Engine.class);

    /** Memo of {@link #available()}: binding twice would register the native methods twice. */
    private Boolean loaded;

    /** Binds the engine's native functions; false (logged at debug level only) when they are not there. */
    abstract boolean load();

    abstract Sha256 newDigest();

    /** Whether this engine works here; its native functions are bound on the first call. */
    synchronized boolean available() {
        if (loaded == null) {
            loaded = this == JDK || nativeUsable() && load();
        }
        return loaded;
    }

    /** The first engine that loads, decided once per JVM. */
    static Sha256Engine best() {
        return Best.ENGINE;
    }

    /** Native engines pass addresses as Java longs (see {@link OpenSslSha256}), so they need 64-bit pointers. */
    static boolean nativeUsable() {
        try {
            return Native.POINTER_SIZE == 8;
        } catch (LinkageError e) {
            LOG.debug("JNA cannot load its native part, SHA-256 stays in Java: {}", e.toString());
            return false;
        }
    }

    private static final class Best {
        static final Sha256Engine ENGINE = Arrays.stream(values())
                .filter(Sha256Engine::available)
                .findFirst().orElseThrow();

        static {
            LOG.debug("SHA-256 computed by {}", ENGINE);
        }
    }
}
