package io.ackwatch.report;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;

/**
 * Pretty-printed JSON written straight as UTF-8 bytes into one buffer. The layout is Jackson's
 * {@code DefaultPrettyPrinter} with two-space indents, LF line ends and {@code "name": value} (the layout
 * reports have always had), and strings are escaped as Jackson escapes them; characters that UTF-8 cannot
 * encode (an unpaired surrogate) become {@code ?}, as with a JDK {@code OutputStreamWriter}. A report of
 * 100 000 connections is hundreds of megabytes, and encoding once into bytes is several times faster than
 * Jackson's char generator behind a Writer.
 */
final class JsonEmitter {
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    /** For ASCII characters: 0 when written as is, else the letter after the backslash ('u': four hex digits). */
    private static final byte[] ESCAPE = new byte[128];
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final int MAX_DEPTH = 64;

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = 'u';
        }
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
        ESCAPE['\b'] = 'b';
        ESCAPE['\t'] = 't';
        ESCAPE['\f'] = 'f';
        ESCAPE['\n'] = 'n';
        ESCAPE['\r'] = 'r';
    }

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    /** Open objects and arrays; entries written so far in each, by depth (index 0 is the root). */
    private int depth;
    private final int[] entries = new int[MAX_DEPTH + 1];
    /** True right after a field name: the value follows the name, with no separator of its own. */
    private boolean afterName;

    JsonEmitter(OutputStream out) {
        this.out = out;
    }

    void writeStartObject() throws IOException {
        beforeValue();
        open('{');
    }

    void writeEndObject() throws IOException {
        close('}');
    }

    void writeStartArray() throws IOException {
        beforeValue();
        open('[');
    }

    void writeEndArray() throws IOException {
        close(']');
    }

    void writeFieldName(String name) throws IOException {
        separate();
        quoted(name);
        ensure(2);
        buf[pos++] = ':';
        buf[pos++] = ' ';
        afterName = true;
    }

    /** A string value; {@code null} is written as JSON null. */
    void writeString(String s) throws IOException {
        beforeValue();
        if (s == null) {
            raw(NULL);
        } else {
            quoted(s);
        }
    }

    void writeNumber(long v) throws IOException {
        beforeValue();
        ensure(20);
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                ascii(Long.toString(v));
                return;
            }
            buf[pos++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        for (int i = pos + digits - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos += digits;
    }

    /** A decimal in plain notation (never with an exponent); {@code null} is written as JSON null. */
    void writeNumber(BigDecimal v) throws IOException {
        beforeValue();
        if (v == null) {
            raw(NULL);
        } else {
            ascii(v.toPlainString());
        }
    }

    void writeBoolean(boolean v) throws IOException {
        beforeValue();
        raw(v ? TRUE : FALSE);
    }

    void writeNull() throws IOException {
        beforeValue();
        raw(NULL);
    }

    void writeStringField(String name, String value) throws IOException {
        writeFieldName(name);
        writeString(value);
    }

    void writeNumberField(String name, long value) throws IOException {
        writeFieldName(name);
        writeNumber(value);
    }

    void writeNumberField(String name, BigDecimal value) throws IOException {
        writeFieldName(name);
        writeNumber(value);
    }

    void writeBooleanField(String name, boolean value) throws IOException {
        writeFieldName(name);
        writeBoolean(value);
    }

    void writeNullField(String name) throws IOException {
        writeFieldName(name);
        writeNull();
    }

    void writeObjectFieldStart(String name) throws IOException {
        writeFieldName(name);
        writeStartObject();
    }

    void writeArrayFieldStart(String name) throws IOException {
        writeFieldName(name);
        writeStartArray();
    }

    /** A line end after the root value, then everything buffered to the stream. */
    void finish() throws IOException {
        ensure(1);
        buf[pos++] = '\n';
        flush();
    }

    private void flush() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    private void open(char bracket) throws IOException {
        if (depth == MAX_DEPTH) {
            throw new IllegalStateException("JSON nested deeper than " + MAX_DEPTH);
        }
        ensure(1);
        buf[pos++] = (byte) bracket;
        entries[++depth] = 0;
    }

    private void close(char bracket) throws IOException {
        int n = entries[depth--];
        if (n > 0) {
            indent();
        } else {
            ensure(1);
            buf[pos++] = ' ';
        }
        ensure(1);
        buf[pos++] = (byte) bracket;
    }

    /** A value in an array gets its own line; after a field name it follows the name. */
    private void beforeValue() throws IOException {
        if (afterName) {
            afterName = false;
        } else if (depth > 0) {
            separate();
        }
    }

    /** The comma after the previous entry of the open object or array, then a new indented line. */
    private void separate() throws IOException {
        if (entries[depth]++ > 0) {
            ensure(1);
            buf[pos++] = ',';
        }
        indent();
    }

    private void indent() throws IOException {
        int spaces = 2 * depth;
        ensure(1 + spaces);
        buf[pos++] = '\n';
        for (int i = 0; i < spaces; i++) {
            buf[pos++] = ' ';
        }
    }

    private void raw(byte[] bytes) throws IOException {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    /** Text known to be plain ASCII without anything to escape (numbers). */
    private void ascii(String s) throws IOException {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    private void quoted(String s) throws IOException {
        ensure(1);
        buf[pos++] = '"';
        int n = s.length();
        for (int i = 0; i < n; i++) {
            // six bytes cover the longest thing one char turns into (a control character's hex escape)
            if (pos + 6 > buf.length) {
                flush();
            }
            char c = s.charAt(i);
            if (c < 0x80) {
                byte escape = ESCAPE[c];
                if (escape == 0) {
                    buf[pos++] = (byte) c;
                } else if (escape == 'u') {
                    buf[pos++] = '\\';
                    buf[pos++] = 'u';
                    buf[pos++] = '0';
                    buf[pos++] = '0';
                    buf[pos++] = HEX[c >> 4];
                    buf[pos++] = HEX[c & 0xf];
                } else {
                    buf[pos++] = '\\';
                    buf[pos++] = escape;
                }
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xc0 | c >> 6);
                buf[pos++] = (byte) (0x80 | c & 0x3f);
            } else if (!Character.isSurrogate(c)) {
                buf[pos++] = (byte) (0xe0 | c >> 12);
                buf[pos++] = (byte) (0x80 | c >> 6 & 0x3f);
                buf[pos++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[pos++] = (byte) (0xf0 | cp >> 18);
                buf[pos++] = (byte) (0x80 | cp >> 12 & 0x3f);
                buf[pos++] = (byte) (0x80 | cp >> 6 & 0x3f);
                buf[pos++] = (byte) (0x80 | cp & 0x3f);
            } else {
                buf[pos++] = '?';
            }
        }
        ensure(1);
        buf[pos++] = '"';
    }

    private void ensure(int bytes) throws IOException {
        if (pos + bytes > buf.length) {
            flush();
        }
    }
}
