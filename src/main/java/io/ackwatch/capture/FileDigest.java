package io.ackwatch.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * SHA-256 and byte count of the raw file bytes, taken as the reader reads them, so the file is read once. The
 * hashing runs on a thread of its own: at 1.7 GB/s (SHA extensions) it was half the reading thread's time on a
 * capture of mostly other traffic, and that thread is what a capture's analysis waits for. Every read goes
 * through one of a few direct buffers: the bytes are copied from it into the reader's array (the copy the JDK
 * would make anyway from its own temporary direct buffer when a channel reads into a heap array), then the
 * buffer goes to the hashing thread, which hashes in file order and hands it back. 256 KB each, so that the
 * bytes are still in the CPU cache for the copy.
 */
final class FileDigest implements AutoCloseable {
    static final int CHUNK = 1 << 18;
    /** Buffers in turn: the reader fills one while the hasher works on the others. */
    private static final int BUFFERS = 4;
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final Sha256 sha256;
    private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    private int made;
    private Thread hasher;
    private volatile RuntimeException hashFailure;
    private boolean ended;
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
        ByteBuffer buffer = take();
        buffer.clear().limit(Math.min(len, CHUNK));
        int got = readInto(channel, buffer);
        if (got > 0) {
            buffer.get(0, dst, off, got);
        }
        handOver(buffer, got);
        return got;
    }

    /** Hashes up to {@code max} bytes of {@code channel} without handing them on. @return as for read */
    int skip(ReadableByteChannel channel, long max) throws IOException {
        ByteBuffer buffer = take();
        buffer.clear().limit((int) Math.min(max, CHUNK));
        int got = readInto(channel, buffer);
        handOver(buffer, got);
        return got;
    }

    /** Hashes the rest of {@code channel}, from its position to its end. */
    void drain(ReadableByteChannel channel) throws IOException {
        while (skip(channel, CHUNK) >= 0) {
            // hashed by the hashing thread
        }
    }

    long size() {
        return size;
    }

    /** Waits for the hashing thread to finish the bytes read so far; the digest is then done. */
    FileIdentity identity() throws IOException {
        finishHashing();
        if (hashFailure != null) {
            throw new IOException("hashing the file failed: " + hashFailure, hashFailure);
        }
        return new FileIdentity(size, HexFormat.of().formatHex(sha256.finish()));
    }

    /** Stops the hashing thread when reading ends without an identity (damage, an error): it must not linger. */
    @Override
    public void close() {
        if (hasher != null && !ended) {
            ended = true;
            full.offer(END); // room for it is kept: BUFFERS + 1
        }
    }

    /** A file read by someone else (libpcap): hashed in a pass of its own. */
    static FileIdentity of(Path file) throws IOException {
        FileDigest digest = new FileDigest(Sha256Engine.best());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            digest.drain(channel);
            return digest.identity();
        } finally {
            digest.close();
        }
    }

    private int readInto(ReadableByteChannel channel, ByteBuffer buffer) throws IOException {
        try {
            return channel.read(buffer);
        } catch (IOException | RuntimeException e) {
            free.add(buffer);
            throw e;
        }
    }

    /** A buffer to read into: a new one while fewer than {@link #BUFFERS} exist, else one the hasher is done with. */
    private ByteBuffer take() {
        if (ended) {
            throw new IllegalStateException("read after the digest was finished");
        }
        ByteBuffer buffer = free.poll();
        if (buffer != null) {
            return buffer;
        }
        if (made < BUFFERS) {
            made++;
            return ByteBuffer.allocateDirect(CHUNK);
        }
        return uninterrupted(free::take);
    }

    private void handOver(ByteBuffer buffer, int got) {
        if (got <= 0) {
            free.add(buffer);
            return;
        }
        size += got;
        buffer.position(0).limit(got);
        if (hasher == null) {
            hasher = new Thread(this::hashInOrder, "ackwatch-sha256");
            hasher.setDaemon(true);
            hasher.start();
        }
        uninterrupted(() -> {
            full.put(buffer);
            return buffer;
        });
    }

    private void hashInOrder() {
        while (true) {
            ByteBuffer buffer = uninterrupted(full::take);
            if (buffer == END) {
                return;
            }
            if (hashFailure == null) {
                try {
                    sha256.update(buffer);
                } catch (RuntimeException e) {
                    hashFailure = e; // reported by identity(); the reader must not block on the buffers
                }
            }
            free.add(buffer);
        }
    }

    private void finishHashing() {
        if (ended) {
            return;
        }
        ended = true;
        if (hasher == null) {
            return;
        }
        full.add(END);
        boolean interrupted = false;
        while (true) {
            try {
                hasher.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the digest must be whole before it is read
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The queues' blocking calls, finished even when interrupted (then the interrupt is kept for the caller). */
    private static <T> T uninterrupted(Blocking<T> call) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return call.run();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private interface Blocking<T> {
        T run() throws InterruptedException;
    }
}
