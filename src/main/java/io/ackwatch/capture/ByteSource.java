package io.ackwatch.capture;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.zip.ZipException;

/**
 * A sliding window over the (decompressed) capture stream. Readers parse records in place in {@link #buf}
 * between {@link #pos} and {@link #limit}; {@link #ensure(int)} refills by moving the unread tail to the
 * front and reading more, so a big file is read in large sequential chunks and nothing is allocated per
 * record. The array grows only when one record is larger than the window.
 *
 * <p>Plain files are read with {@code read()}, although copying out of a memory mapping would spare the copy
 * from the JDK's temporary direct buffer (measured 0.15-0.5 s less on 4.8 GB in the page cache). A mapped file
 * that gets shorter while it is read (a ring-buffer capture that tcpdump rewrites) makes the copy return
 * without an error, with bytes that were never in the file; compiled code gets the JVM's InternalError later,
 * at some other instruction. A read() simply ends early, and the reader reports the cut.
 */
final class ByteSource implements AutoCloseable {
    static final int WINDOW = 1 << 20;

    /** Readable window; valid bytes are {@code [pos, limit)}. */
    byte[] buf;
    int pos;
    int limit;

    private final FileChannel channel;
    private final InputStream in;
    private final CountingInputStream counted;
    /** Raw file bytes as read, for {@link #identity()}; null when the caller only sniffs the first bytes. */
    private final FileDigest digest;
    private ByteBuffer channelView;
    private long bufStart;
    private boolean eof;
    private boolean endedEarly;
    private IOException pendingFailure;
    private long compressedSize = -1;

    private ByteSource(FileChannel channel, InputStream in, CountingInputStream counted, FileDigest digest) {
        this.channel = channel;
        this.in = in;
        this.counted = counted;
        this.digest = digest;
        this.buf = new byte[WINDOW];
        this.channelView = ByteBuffer.wrap(buf);
    }

    /** @param hashWith what hashes the bytes read, for {@link #identity()}; null for a sniff (not worth it) */
    static ByteSource ofChannel(FileChannel channel, Sha256Engine hashWith) {
        return new ByteSource(channel, null, null, hashWith == null ? null : new FileDigest(hashWith));
    }

    /**
     * A decompressing source. {@code counted} is the raw file stream under the decompressor, for
     * {@link #bytesConsumed()}.
     */
    static ByteSource ofStream(InputStream decompressed, CountingInputStream counted, long compressedSize) {
        ByteSource s = new ByteSource(null, decompressed, counted, counted.digest);
        s.compressedSize = compressedSize;
        return s;
    }

    /** Offset of {@code buf[pos]} in the (decompressed) stream. */
    long offset() {
        return bufStart + pos;
    }

    int available() {
        return limit - pos;
    }

    /** Raw file bytes consumed: read position for plain files, compressed bytes read for compressed ones. */
    long bytesConsumed() {
        return counted != null ? counted.count() : offset();
    }

    /**
     * Size and SHA-256 of the whole file. Reading may have stopped early (damage, a decompressor that ignores
     * trailing bytes): the rest of the file is hashed now, so the value is always that of the file on disk.
     */
    FileIdentity identity() throws IOException {
        if (digest == null) {
            throw new IllegalStateException("opened without hashing");
        }
        if (channel != null) {
            digest.drain(channel);
        } else {
            counted.drain();
        }
        return digest.identity();
    }

    /**
     * True when the compressed stream stopped in the middle (its end was cut off) rather than at a clean
     * end; the decompressed bytes before that point are still delivered.
     */
    boolean endedEarly() {
        return endedEarly;
    }

    /** A decompression failure that ended the stream, to be reported once its good bytes are used up. */
    IOException pendingFailure() {
        return pendingFailure;
    }

    /**
     * Makes at least {@code n} bytes available at {@code pos}, reading more as needed. Moves the window, so
     * offsets into {@link #buf} taken before this call are invalid afterwards.
     *
     * @return false when the stream ends first (then {@link #available()} bytes remain)
     */
    boolean ensure(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (eof) {
            return false;
        }
        if (pos + n > buf.length && pos > 0) {
            compact();
        }
        while (limit - pos < n && !eof) {
            if (limit == buf.length) {
                // one record larger than the window: grow step by step, so that a bogus length in a
                // damaged file costs at most twice the bytes that are really there
                grow((int) Math.min(n, Math.min(Integer.MAX_VALUE - 16, 2L * buf.length)));
            }
            fill();
        }
        return limit - pos >= n;
    }

    /** Consumes {@code n} bytes. @return false when the stream ended before all of them were skipped. */
    boolean skip(long n) throws IOException {
        long left = n;
        while (true) {
            int have = limit - pos;
            if (have >= left) {
                pos += (int) left;
                return true;
            }
            left -= have;
            pos = limit;
            if (eof) {
                return false;
            }
            compact();
            fill();
        }
    }

    private void grow(int size) {
        byte[] bigger = new byte[size];
        System.arraycopy(buf, pos, bigger, 0, limit - pos);
        bufStart += pos;
        limit -= pos;
        pos = 0;
        buf = bigger;
        channelView = ByteBuffer.wrap(buf);
    }

    private void compact() {
        int have = limit - pos;
        System.arraycopy(buf, pos, buf, 0, have);
        bufStart += pos;
        pos = 0;
        limit = have;
    }

    private void fill() throws IOException {
        int got;
        if (channel != null && digest != null) {
            got = digest.read(channel, buf, limit, buf.length - limit);
        } else if (channel != null) {
            channelView.limit(buf.length).position(limit);
            got = channel.read(channelView);
        } else {
            try {
                got = in.read(buf, limit, buf.length - limit);
            } catch (EOFException e) {
                // gzip stream cut off: keep what was decompressed, the reader reports the truncation
                endedEarly = true;
                got = -1;
            } catch (IOException | RuntimeException e) {
                if (!(e instanceof ZipException) && counted.count() >= compressedSize) {
                    // the decompressor ran out of input in the middle of a frame: the file was cut
                    endedEarly = true;
                } else {
                    pendingFailure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                }
                got = -1;
            }
        }
        if (got < 0) {
            eof = true;
        } else {
            limit += got;
        }
    }

    @Override
    public void close() {
        if (digest != null) {
            digest.close();
        }
        try {
            if (in != null) {
                in.close();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing a read-only file cannot lose data
        }
    }

    /**
     * Counts and hashes the raw file bytes read under a decompressor. Reads the channel itself rather than an
     * InputStream over it, so that the bytes are hashed in {@link FileDigest}'s direct buffer.
     */
    static final class CountingInputStream extends InputStream {
        final FileDigest digest;
        private final ReadableByteChannel raw;
        private final byte[] one = new byte[1];

        CountingInputStream(ReadableByteChannel raw, Sha256Engine hashWith) {
            this.raw = raw;
            this.digest = new FileDigest(hashWith);
        }

        long count() {
            return digest.size();
        }

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) > 0 ? one[0] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            return len == 0 ? 0 : digest.read(raw, b, off, len);
        }

        /** Reads rather than skips: every byte of the file goes through the digest. */
        @Override
        public long skip(long n) throws IOException {
            return n <= 0 ? 0 : Math.max(digest.skip(raw, n), 0);
        }

        /** What is left of a file: GZIPInputStream asks, to look for another member after the first. */
        @Override
        public int available() throws IOException {
            if (raw instanceof java.nio.channels.SeekableByteChannel file) {
                try {
                    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, file.size() - file.position()));
                } catch (IOException e) {
                    return 0; // a FileChannel over a pipe (standard input) has no size: nothing known to be left
                }
            }
            return 0;
        }

        /** Reads the raw bytes that the decompressor left unread. */
        void drain() throws IOException {
            digest.drain(raw);
        }

        @Override
        public void close() throws IOException {
            digest.close();
            raw.close();
        }
    }
}
