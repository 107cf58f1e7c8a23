package io.ackwatch.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 and byte count of the raw file bytes, fed by the reader as it reads them, so the file is hashed in
 * the same pass that parses it.
 */
final class FileDigest {
    private final MessageDigest sha256;
    private long size;

    FileDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    void update(byte[] b, int off, int len) {
        if (len > 0) {
            sha256.update(b, off, len);
            size += len;
        }
    }

    void update(byte b) {
        sha256.update(b);
        size++;
    }

    long size() {
        return size;
    }

    /** Feeds the rest of {@code channel}, from its position to its end. */
    void drain(FileChannel channel) throws IOException {
        ByteBuffer scratch = ByteBuffer.allocate(1 << 16);
        while (channel.read(scratch) >= 0) {
            update(scratch.array(), 0, scratch.position());
            scratch.clear();
        }
    }

    FileIdentity identity() {
        return new FileIdentity(size, HexFormat.of().formatHex(sha256.digest()));
    }

    /** A file read by someone else (libpcap): hashed in a pass of its own. */
    static FileIdentity of(Path file) throws IOException {
        FileDigest digest = new FileDigest();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            digest.drain(channel);
        }
        return digest.identity();
    }
}
