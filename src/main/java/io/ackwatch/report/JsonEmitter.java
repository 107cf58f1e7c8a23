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
 *
 * <p>A {@linkplain #fragment fragment} renders a run of array elements into memory as they would appear inside
 * another emitter's open array, so that worker threads can render parts of one report that the emitter of the
 * stream then {@linkplain #append appends} in order. One emitter is not thread-safe; separate ones share
 * nothing that is written to.
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

    private static final int BUFFER = 1 << 16;

    /** The stream everything goes to; null for a fragment, whose buffer grows instead. */
    private final OutputStream out;
    private byte[] buf;
    private int pos;
    /** For a fragment: the depth of the array it belongs in, and the entries that array had before it. */
    private final int baseDepth;
    private final int baseEntries;
    /** Open objects and arrays; entries written so far in each, by depth (index 0 is the root). */
    private int depth;
    private final int[] entries = new int[MAX_DEPTH + 1];
    private final Map<String, Name> names = new HashMap<>();
    /** True right after a field name: the value follows the name, with no separator of its own. */
    private boolean afterName;

    JsonEmitter(OutputStream out) {
        this.out = out;
        this.buf = new byte[BUFFER];
        this.baseDepth = 0;
        this.baseEntries = 0;
    }

    private JsonEmitter(int depth, int entriesBefore, byte[] buffer) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("depth " + depth);
        }
        this.out = null;
        this.buf = buffer.length > 0 ? buffer : new byte[BUFFER];
        this.depth = depth;
        this.entries[depth] = entriesBefore;
        this.baseDepth = depth;
        this.baseEntries = entriesBefore;
    }

    /**
     * An emitter for values that continue the array open at {@code depth} of another emitter, which holds
     * {@code entriesBefore} entries so far: it writes the same bytes that emitter would write for them (the comma
     * before each but a first entry, the indentation of the depth) into memory, for {@link #append}.
     *
     * @param buffer where to write; replaced by a larger copy when it fills ({@link #buffer()} is the last one)
     */
    static JsonEmitter fragment(int depth, int entriesBefore, byte[] buffer) {
        return new JsonEmitter(depth, entriesBefore, buffer);
    }

    /** A fragment's buffer as it is now, to be used again for another fragment once this one is appended. */
    byte[] buffer() {
        return buf;
    }

    /** The number of objects and arrays open. */
    int depth() {
        return depth;
    }

    /** The entries written so far into the innermost open object or array. */
    int entries() {
        return entries[depth];
    }

    /**
     * Writes a fragment's values here, as if they had been written here; the fragment must have been made for
     * this emitter's open array at this point ({@link #depth()}, {@link #entries()}) and closed all it opened.
     */
    void append(JsonEmitter fragment) throws IOException {
        if (fragment.out != null || fragment.depth != fragment.baseDepth || fragment.afterName) {
            throw new IllegalStateException("not a finished fragment");
        }
        if (fragment.baseDepth != depth || fragment.baseEntries != entries[depth] || afterName) {
            throw new IllegalStateException("fragment for depth " + fragment.baseDepth + " after "
                    + fragment.baseEntries + " entries appended at depth " + depth + " after " + entries[depth]);
        }
        copy(fragment.buf, 0, fragment.pos);
        entries[depth] += fragment.entries[depth] - fragment.baseEntries;
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
        writeFieldName(name(name));
    }

    /** The encoded form of a name written by its text (the names written once per report), kept for reuse. */
    private Name name(String name) {
        return names.computeIfAbsent(name, Name::of);
    }

    /** A field name encoded once, for the names a report repeats once per connection. */
    void writeFieldName(Name name) throws IOException {
        separate();
        raw(name.encoded);
        afterName = true;
    }

    /** {@code "name": } as bytes: a report repeats a few dozen names hundreds of thousands of times. */
    private static byte[] encodeName(String name) {
        byte[] quoted = encodeString(name);
        byte[] encoded = Arrays.copyOf(quoted, quoted.length + NAME_VALUE_SEPARATOR.length);
        System.arraycopy(NAME_VALUE_SEPARATOR, 0, encoded, quoted.length, NAME_VALUE_SEPARATOR.length);
        return encoded;
    }

    /** {@code "s"} as bytes, escaped. */
    private static byte[] encodeString(String s) {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        try {
            JsonEmitter e = new JsonEmitter(encoded);
            e.quoted(s);
            e.flush();
        } catch (IOException cannotHappen) {
            throw new UncheckedIOException(cannotHappen);
        }
        return encoded.toByteArray();
    }

    /** A field name, quoted and escaped once, with the separator that follows it. */
    static final class Name {
        private final byte[] encoded;

        private Name(String name) {
            this.encoded = encodeName(name);
        }

        static Name of(String name) {
            return new Name(name);
        }
    }

    /** A string value from a small fixed set (enum names), quoted and escaped once. */
    static final class Text {
        private final byte[] encoded;

        private Text(String s) {
            this.encoded = encodeString(s);
        }

        static Text of(String s) {
            return new Text(s);
        }
    }

    void writeText(Text value) throws IOException {
        beforeValue();
        raw(value.encoded);
    }

    /** A time as {@link Timestamps#iso(long, int)} writes it, as a string value. */
    void writeTimestamp(long epochNanos, int digits) throws IOException {
        beforeValue();
        ensure(Timestamps.MAX_ISO_LENGTH + 2);
        buf[pos++] = '"';
        pos = Timestamps.iso(epochNanos, digits, buf, pos);
        buf[pos++] = '"';
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

    // the same fields named by their text: for the fields written once per report
    void writeStringField(String name, String value) throws IOException {
        writeStringField(name(name), value);
    }

    void writeNumberField(String name, long value) throws IOException {
        writeNumberField(name(name), value);
    }

    void writeBooleanField(String name, boolean value) throws IOException {
        writeBooleanField(name(name), value);
    }

    void writeNullField(String name) throws IOException {
        writeNullField(name(name));
    }

    void writeObjectFieldStart(String name) throws IOException {
        writeObjectFieldStart(name(name));
    }

    void writeArrayFieldStart(String name) throws IOException {
        writeArrayFieldStart(name(name));
    }

    void writeDecimalField(String name, long unscaled, int scale) throws IOException {
        writeDecimalField(name(name), unscaled, scale);
    }

    void writeStringField(Name name, String value) throws IOException {
        writeFieldName(name);
        writeString(value);
    }

    void writeTextField(Name name, Text value) throws IOException {
        writeFieldName(name);
        writeText(value);
    }

    void writeTimestampField(Name name, long epochNanos, int digits) throws IOException {
        writeFieldName(name);
        writeTimestamp(epochNanos, digits);
    }

    void writeNumberField(Name name, long value) throws IOException {
        writeFieldName(name);
        writeNumber(value);
    }

    void writeBooleanField(Name name, boolean value) throws IOException {
        writeFieldName(name);
        writeBoolean(value);
    }

    void writeNullField(Name name) throws IOException {
        writeFieldName(name);
        writeNull();
    }

    void writeObjectFieldStart(Name name) throws IOException {
        writeFieldName(name);
        writeStartObject();
    }

    void writeArrayFieldStart(Name name) throws IOException {
        writeFieldName(name);
        writeStartArray();
    }

    void writeDecimalField(Name name, long unscaled, int scale) throws IOException {
        writeFieldName(name);
        writeDecimal(unscaled, scale);
    }

    /** A line end after the root value, then everything buffered to the stream. */
    void finish() throws IOException {
        if (out == null) {
            throw new IllegalStateException("a fragment is appended, not finished");
        }
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
        if (v <= Integer.MAX_VALUE) { // frames, counts, bytes: int division is much cheaper than long under C1
            int w = (int) v;
            int n = 1;
            for (int t = w; t >= 10; t /= 10) {
                n++;
            }
            for (int i = pos + n - 1; i >= pos; i--) {
                buf[i] = (byte) ('0' + w % 10);
                w /= 10;
            }
            pos += n;
            return;
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
            if (out == null) {
                grow(length);
                System.arraycopy(bytes, from, buf, pos, length);
                pos += length;
                return;
            }
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
            if (out == null) {
                grow(bytes);
            } else {
                flush();
            }
        }
    }

    /** A fragment's buffer, with room for {@code bytes} more. */
    private void grow(int bytes) {
        long needed = (long) pos + bytes;
        if (needed > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("JSON fragment larger than 2 GB");
        }
        buf = Arrays.copyOf(buf, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 16L, 2L * buf.length)));
    }
}
