package io.ackwatch.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

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
    /** By unsigned byte: true for those written escaped (bytes of multi-byte characters, >= 0x80, never are). */
    private static final boolean[] ESCAPED = new boolean[256];
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NAME_VALUE_SEPARATOR = {':', ' '};
    private static final int MAX_DEPTH = 64;
    private static final long[] POWERS_OF_TEN = new long[19];
    /** A line end and the deepest indentation. */
    private static final byte[] INDENT = new byte[1 + 2 * MAX_DEPTH];

    static {
        Arrays.fill(INDENT, (byte) ' ');
        INDENT[0] = '\n';
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
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
        for (int c = 0; c < ESCAPE.length; c++) {
            ESCAPED[c] = ESCAPE[c] != 0;
        }
    }

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    /** Open objects and arrays; entries written so far in each, by depth (index 0 is the root). */
    private int depth;
    private final int[] entries = new int[MAX_DEPTH + 1];
    private final Map<String, byte[]> names = new HashMap<>();
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
        byte[] encoded = names.get(name);
        if (encoded == null) {
            encoded = encodeName(name);
            names.put(name, encoded);
        }
        raw(encoded);
        afterName = true;
    }

    /** {@code "name": } as bytes: a report repeats a few dozen names hundreds of thousands of times. */
    private static byte[] encodeName(String name) {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        try {
            JsonEmitter e = new JsonEmitter(encoded);
            e.quoted(name);
            e.raw(NAME_VALUE_SEPARATOR);
            e.flush();
        } catch (IOException cannotHappen) {
            throw new UncheckedIOException(cannotHappen);
        }
        return encoded.toByteArray();
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
        digits(v);
    }

    /**
     * The decimal {@code unscaled} × 10<sup>-{@code scale}</sup> in plain notation without trailing zeros in
     * its fraction ({@code 1150000, 6} → {@code 1.15}; {@code 2000000, 6} → {@code 2}): what
     * {@code BigDecimal.valueOf(unscaled, scale).stripTrailingZeros()} gives, without the BigDecimal.
     */
    void writeDecimal(long unscaled, int scale) throws IOException {
        if (scale < 1 || scale > 18) {
            throw new IllegalArgumentException("scale " + scale);
        }
        beforeValue();
        long unit = POWERS_OF_TEN[scale];
        long whole = unscaled / unit;
        long fraction = Math.abs(unscaled % unit);
        ensure(1);
        if (unscaled < 0) {
            buf[pos++] = '-';
        }
        digits(Math.abs(whole)); // |whole| < 2^63 / 10: no overflow
        if (fraction == 0) {
            return;
        }
        int places = scale;
        while (fraction % 10 == 0) {
            fraction /= 10;
            places--;
        }
        ensure(1 + places);
        buf[pos++] = '.';
        for (int i = pos + places - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        pos += places;
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

    void writeDecimalField(String name, long unscaled, int scale) throws IOException {
        writeFieldName(name);
        writeDecimal(unscaled, scale);
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
        int length = 1 + 2 * depth;
        ensure(length);
        System.arraycopy(INDENT, 0, buf, pos, length);
        pos += length;
    }

    private void digits(long v) throws IOException {
        ensure(20);
        if (v >= 0 && v < 10) {
            buf[pos++] = (byte) ('0' + v); // counts are mostly 0
            return;
        }
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                ascii(Long.toString(v));
                return;
            }
            buf[pos++] = '-';
            v = -v;
        }
        int n = 1;
        for (long t = v; t >= 10; t /= 10) {
            n++;
        }
        for (int i = pos + n - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos += n;
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
        // the JDK encodes a whole string fastest (ASCII is a plain copy), then only escapes are looked for;
        // an unpaired surrogate becomes '?' here as in the JDK's stream encoder
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        ensure(1);
        buf[pos++] = '"';
        int plain = 0;
        for (int i = 0; i < utf8.length; i++) {
            byte c = utf8[i];
            if (ESCAPED[c & 0xff]) {
                copy(utf8, plain, i - plain);
                escape(c);
                plain = i + 1;
            }
        }
        copy(utf8, plain, utf8.length - plain);
        ensure(1);
        buf[pos++] = '"';
    }

    private void escape(byte c) throws IOException {
        ensure(6);
        buf[pos++] = '\\';
        byte escape = ESCAPE[c];
        if (escape == 'u') {
            buf[pos++] = 'u';
            buf[pos++] = '0';
            buf[pos++] = '0';
            buf[pos++] = HEX[c >> 4];
            buf[pos++] = HEX[c & 0xf];
        } else {
            buf[pos++] = escape;
        }
    }

    private void copy(byte[] bytes, int from, int length) throws IOException {
        if (length > buf.length - pos) {
            flush();
            if (length > buf.length) {
                out.write(bytes, from, length);
                return;
            }
        }
        System.arraycopy(bytes, from, buf, pos, length);
        pos += length;
    }

    private void ensure(int bytes) throws IOException {
        if (pos + bytes > buf.length) {
            flush();
        }
    }
}
