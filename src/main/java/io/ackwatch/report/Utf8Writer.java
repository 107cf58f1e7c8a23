package io.ackwatch.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A UTF-8 Writer for one report, writing what a buffered {@code OutputStreamWriter} writes (an unpaired
 * surrogate becomes {@code ?}; a pair split over two writes is joined) several times faster: strings are
 * encoded whole by the JDK (ASCII is a plain copy), and nothing locks, which matters to the XML writer that
 * hands over one character at a time. Not thread-safe; {@link #close()} only flushes, the stream stays open.
 */
final class Utf8Writer extends Writer {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    /** A high surrogate that ended the last write, waiting for its low half; 0 when none. */
    private char pendingHigh;

    Utf8Writer(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int c) throws IOException {
        put((char) c);
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        write(new String(chars, off, len));
    }

    @Override
    public void write(String s) throws IOException {
        write(s, 0, s.length());
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        int from = off;
        int to = off + len;
        while (from < to && pendingHigh != 0) { // the pending high surrogate's pair, or its '?'
            put(s.charAt(from++));
        }
        boolean holdHigh = from < to && Character.isHighSurrogate(s.charAt(to - 1));
        if (holdHigh) {
            to--;
        }
        if (from < to) {
            bytes(s.substring(from, to).getBytes(StandardCharsets.UTF_8));
        }
        if (holdHigh) {
            pendingHigh = s.charAt(to);
        }
    }

    @Override
    public void flush() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private void put(char c) throws IOException {
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                bytes(new String(new char[] {high, c}).getBytes(StandardCharsets.UTF_8));
                return;
            }
            bytes(new byte[] {'?'});
        }
        if (c < 0x80) {
            if (pos == buf.length) {
                out.write(buf, 0, pos);
                pos = 0;
            }
            buf[pos++] = (byte) c;
        } else if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else {
            bytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void bytes(byte[] b) throws IOException {
        if (b.length > buf.length - pos) {
            out.write(buf, 0, pos);
            pos = 0;
            if (b.length > buf.length) {
                out.write(b);
                return;
            }
        }
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }
}
