package io.ackwatch.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;

/**
 * SHA-256 and byte count of the raw file bytes, taken as the reader reads them, so the file is hashed in the
 * same pass that parses it. Every read goes through one direct buffer: a native engine hashes the bytes there,
 * and the copy into the reader's array replaces the one the JDK makes from its own temporary direct buffer when
 * a channel reads into a heap array. 256 KB, so that the bytes are still in the CPU cache for that copy.
 */
final class FileDigest {
    static final int CHUNK = 1 << 18;

    private final ByteBuffer staging = ByteBuffer.allocateDirect(CHUNK);
    private final Sha256 sha256;
    private long size;

    FileDigest(Sha256Engine engine) {
        this.sha256 = engine.newDigest();
    }

    /**
     * Reads up to {@code len} bytes (at most {@link #CHUNK}) from {@code channel} into {@code dst}, hashing them.
     *
     * @return the bytes read, or -1 at the end of the channel
     */
    int read(ReadableByteChannel channel, byte[] dst, int off, int len) throws IOException {
        int got = readChunk(channel, len);
        if (got > 0) {
            staging.position(0);
            staging.get(dst, off, got);
        }
        return got;
    }

    /** Hashes up to {@code max} bytes of {@code channel} without handing them on. @return as for read */
    int skip(ReadableByteChannel channel, long max) throws IOException {
        return readChunk(channel, (int) Math.min(max, CHUNK));
    }

    /** Hashes the rest of {@code channel}, from its position to its end. */
    void drain(ReadableByteChannel channel) throws IOException {
        while (readChunk(channel, CHUNK) >= 0) {
            // hashed by readChunk
        }
    }

    long size() {
        return size;
    }

    FileIdentity identity() {
        return new FileIdentity(size, HexFormat.of().formatHex(sha256.finish()));
    }

    /** A file read by someone else (libpcap): hashed in a pass of its own. */
    static FileIdentity of(Path file) throws IOException {
        FileDigest digest = new FileDigest(Sha256Engine.best());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            digest.drain(channel);
        }
        return digest.identity();
    }

    private int readChunk(ReadableByteChannel channel, int len) throws IOException {
        staging.clear().limit(Math.min(len, CHUNK));
        int got = channel.read(staging);
        if (got > 0) {
            sha256.update(staging.flip());
            size += got;
        }
        return got;
    }
}
