package io.ackwatch.job;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * One HTTP/1.x request or response found at a stream offset: start line, the headers IPP needs, where the
 * body ends (Content-Length or chunked framing, walked through the kept parts of the stream) and the first
 * bytes of the de-chunked body.
 *
 * @param startLine request or status line
 * @param status response status code, -1 for a request or an unreadable status line
 * @param contentType media type, lower case, without parameters; "" when absent
 * @param bodyStart stream offset of the first body byte
 * @param end stream offset just after the message, -1 when the framing could not be followed
 * @param body the first body bytes, de-chunked (at most {@link #MAX_BODY})
 */
record HttpMessage(String startLine, int status, String contentType, long bodyStart, long end, byte[] body) {
    /** Body bytes kept: IPP attributes come first and are a few kilobytes at most. */
    static final int MAX_BODY = 65536;
    private static final int MAX_HEADER = 16384;
    private static final int MAX_CHUNKS = 100_000;
    private static final int MAX_CHUNK_LINE = 1024;
    private static final byte[][] METHODS = {Text.ascii("POST "), Text.ascii("GET "), Text.ascii("PUT "),
        Text.ascii("HEAD "), Text.ascii("OPTIONS "), Text.ascii("DELETE ")};

    boolean informational() {
        return status >= 100 && status < 200;
    }

    /** True when the kept bytes at {@code offset} start an HTTP request line. */
    static boolean startsRequest(byte[] b, int offset) {
        for (byte[] m : METHODS) {
            if (Text.matchesAt(b, offset, m, false)) {
                return true;
            }
        }
        return false;
    }

    /** The message starting at {@code start}, or null when no whole header block is kept there. */
    static HttpMessage parse(StreamView view, long start, boolean response) {
        StreamView.Run run = view.runAt(start);
        if (run == null) {
            return null;
        }
        byte[] b = run.bytes();
        int from = (int) (start - run.start());
        int headerEnd = headerEnd(b, from);
        if (headerEnd < 0) {
            return null;
        }
        String startLine = null;
        int status = -1;
        String contentType = "";
        long contentLength = -1;
        boolean chunked = false;
        int p = from;
        while (p < headerEnd) {
            int lf = Text.lineFeed(b, p, headerEnd);
            int eol = lf < 0 ? headerEnd : lf;
            String line = Text.line(b, p, eol);
            p = eol + 1;
            if (startLine == null) {
                startLine = line;
                if (response) {
                    status = statusOf(line);
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-type" -> {
                    int semi = value.indexOf(';');
                    contentType = (semi < 0 ? value : value.substring(0, semi)).strip();
                }
                case "content-length" -> {
                    byte[] digits = Text.ascii(value);
                    contentLength = Text.decimal(digits, 0, digits.length);
                }
                case "transfer-encoding" -> chunked = value.contains("chunked");
                default -> { }
            }
        }
        if (startLine == null || response && status < 0 || !response && !startsRequest(b, from)) {
            return null;
        }
        long bodyStart = run.start() + headerEnd;
        if (response && (status < 200 || status == 204 || status == 304)) {
            return new HttpMessage(startLine, status, contentType, bodyStart, bodyStart, new byte[0]);
        }
        if (chunked) {
            return dechunk(view, startLine, status, contentType, bodyStart);
        }
        if (contentLength >= 0) {
            return new HttpMessage(startLine, status, contentType, bodyStart, bodyStart + contentLength,
                    view.bytesAt(bodyStart, (int) Math.min(contentLength, MAX_BODY)));
        }
        // no framing: a request has no body, a response runs until the connection closes
        long end = response ? view.length() : bodyStart;
        return new HttpMessage(startLine, status, contentType, bodyStart, end,
                view.bytesAt(bodyStart, (int) Math.min(end - bodyStart, MAX_BODY)));
    }

    private static HttpMessage dechunk(StreamView view, String startLine, int status, String contentType,
            long bodyStart) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean bodyWhole = true;
        long p = bodyStart;
        long end = -1;
        for (int chunks = 0; chunks < MAX_CHUNKS; chunks++) {
            byte[] sizeLine = view.lineAt(p, MAX_CHUNK_LINE);
            long size = sizeLine == null ? -1 : chunkSize(sizeLine);
            if (size < 0) {
                break; // lost: the size line was not kept, or this is not chunked data
            }
            p += sizeLine.length + 1;
            if (size == 0) {
                end = skipTrailers(view, p);
                break;
            }
            if (bodyWhole && body.size() < MAX_BODY) {
                int want = (int) Math.min(size, MAX_BODY - body.size());
                byte[] data = view.bytesAt(p, want);
                body.write(data, 0, data.length);
                bodyWhole = data.length == want;
            }
            p += size;
            byte[] crlf = view.lineAt(p, 2);
            if (crlf == null || crlf.length > 1 || crlf.length == 1 && crlf[0] != '\r') {
                break;
            }
            p += crlf.length + 1;
        }
        return new HttpMessage(startLine, status, contentType, bodyStart, end, body.toByteArray());
    }

    /** After the last chunk: trailer lines up to an empty line. Returns the offset after it, or -1. */
    private static long skipTrailers(StreamView view, long from) {
        long p = from;
        for (int i = 0; i < 64; i++) {
            byte[] line = view.lineAt(p, MAX_CHUNK_LINE);
            if (line == null) {
                return -1;
            }
            p += line.length + 1;
            if (line.length == 0 || line.length == 1 && line[0] == '\r') {
                return p;
            }
        }
        return -1;
    }

    /** The hex size of a chunk-size line (extensions after ';' ignored), -1 when it is not one. */
    private static long chunkSize(byte[] line) {
        long v = 0;
        int digits = 0;
        for (byte c : line) {
            int d = Character.digit(c, 16);
            if (d >= 0 && digits < 15) {
                v = v * 16 + d;
                digits++;
            } else if (c == ';' || c == '\r' || c == ' ' || c == '\t') {
                break;
            } else {
                return -1;
            }
        }
        return digits == 0 ? -1 : v;
    }

    /** Index just after the empty line ending the header block (CRLF CRLF or LF LF), or -1. */
    private static int headerEnd(byte[] b, int from) {
        int stop = Math.min(b.length, from + MAX_HEADER);
        for (int i = from; i < stop; i++) {
            if (b[i] == '\n') {
                if (i + 1 < stop && b[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < stop && b[i + 1] == '\r' && b[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    /** "HTTP/1.1 200 OK" → 200; -1 when the line is not a status line. */
    private static int statusOf(String line) {
        if (!line.startsWith("HTTP/") || line.length() < 12) {
            return -1;
        }
        int space = line.indexOf(' ');
        if (space < 0 || space + 4 > line.length()) {
            return -1;
        }
        byte[] digits = Text.ascii(line.substring(space + 1, space + 4));
        return (int) Text.decimal(digits, 0, 3);
    }
}
