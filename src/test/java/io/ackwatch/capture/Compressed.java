package io.ackwatch.capture;

import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/** Compresses test files the way gzip and zstd tools do. */
public final class Compressed {
    private Compressed() {}

    public static byte[] compress(byte[] data, Compression c) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = c == Compression.GZIP ? new GZIPOutputStream(bytes) : new ZstdOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /** Two gzip members back to back, as {@code cat a.gz b.gz} makes them; gunzip yields both. */
    static byte[] gzipTwoMembers(byte[] data, int split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(compress(java.util.Arrays.copyOfRange(data, 0, split), Compression.GZIP));
        bytes.writeBytes(compress(java.util.Arrays.copyOfRange(data, split, data.length), Compression.GZIP));
        return bytes.toByteArray();
    }
}
