package io.ackwatch.job;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Byte searching and text extraction that never index outside the array they are given. */
final class Text {
    /** Names longer than this are cut: they end up in one report line. */
    static final int MAX_TEXT = 200;

    private Text() {}

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** First index of {@code needle} in {@code hay[from, to)}, or -1. */
    static int indexOf(byte[] hay, byte[] needle, int from, int to) {
        int start = Math.max(0, from);
        int stop = Math.min(to, hay.length) - needle.length;
        byte first = needle[0];
        for (int i = start; i <= stop; i++) {
            if (hay[i] == first && matchesAt(hay, i, needle, false)) {
                return i;
            }
        }
        return -1;
    }

    static int indexOfIgnoreCase(byte[] hay, byte[] needle, int from, int to) {
        int start = Math.max(0, from);
        int stop = Math.min(to, hay.length) - needle.length;
        int first = upper(needle[0] & 0xff);
        for (int i = start; i <= stop; i++) {
            if (upper(hay[i] & 0xff) == first && matchesAt(hay, i, needle, true)) {
                return i;
            }
        }
        return -1;
    }

    /** Last index of {@code needle} in {@code hay}, or -1. */
    static int lastIndexOf(byte[] hay, byte[] needle) {
        return lastIndexOf(hay, needle, 0);
    }

    /** Last index of {@code needle} in {@code hay} at or after {@code from}, or -1. */
    static int lastIndexOf(byte[] hay, byte[] needle, int from) {
        byte first = needle[0];
        for (int i = hay.length - needle.length; i >= Math.max(0, from); i--) {
            if (hay[i] == first && matchesAt(hay, i, needle, false)) {
                return i;
            }
        }
        return -1;
    }

    /** True when {@code needle} occurs at {@code at}; ASCII letters compared without case when asked. */
    static boolean matchesAt(byte[] hay, int at, byte[] needle, boolean ignoreCase) {
        if (at < 0 || at > hay.length - needle.length) {
            return false;
        }
        for (int j = 0; j < needle.length; j++) {
            int a = hay[at + j] & 0xff;
            int b = needle[j] & 0xff;
            if (a != b && !(ignoreCase && upper(a) == upper(b))) {
                return false;
            }
        }
        return true;
    }

    static int upper(int c) {
        return c >= 'a' && c <= 'z' ? c - 32 : c;
    }

    /** Index of the next LF at or after {@code from} before {@code to}, or -1. */
    static int lineFeed(byte[] b, int from, int to) {
        int stop = Math.min(to, b.length);
        for (int i = Math.max(0, from); i < stop; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Line text of {@code b[from, lf)} without the trailing CR, decoded. */
    static String line(byte[] b, int from, int lf) {
        int end = Math.min(lf, b.length);
        if (end > from && b[end - 1] == '\r') {
            end--;
        }
        return decode(b, from, end);
    }

    /** UTF-8 when the bytes are valid UTF-8, ISO-8859-1 otherwise (PJL and LPD carry the client's code page). */
    static String decode(byte[] b, int from, int to) {
        int start = Math.max(0, Math.min(from, b.length));
        int end = Math.max(start, Math.min(to, b.length));
        if (ascii(b, start, end)) {
            // ASCII reads the same in both, and most PJL, HTTP and IPP text is ASCII: skip the decoder
            return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return utf8.decode(ByteBuffer.wrap(b, start, end - start)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean ascii(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** A value fit for one report line: control characters dropped, trimmed, cut; null when nothing is left. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        if (keptAsIs(s)) { // the usual case: nothing to drop or replace, no copy needed
            String out = (s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s).strip();
            return out.isEmpty() ? null : out;
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_TEXT));
        for (int i = 0; i < s.length() && sb.length() < MAX_TEXT; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0)) {
                sb.append(c);
            } else if (c == '\t') {
                sb.append(' ');
            }
        }
        String out = sb.toString().strip();
        return out.isEmpty() ? null : out;
    }

    /** True when {@link #clean} keeps every character of {@code s} unchanged. */
    private static boolean keptAsIs(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0) {
                return false;
            }
        }
        return true;
    }

    static String upperAscii(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    /** True when every byte of {@code b[from, to)} is printable ASCII (space included). */
    static boolean printable(byte[] b, int from, int to) {
        if (from < 0 || to > b.length || from > to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** Decimal digits of {@code b[from, to)} as a number, -1 when not all digits or too long. */
    static long decimal(byte[] b, int from, int to) {
        if (from < 0 || to > b.length || from >= to || to - from > 15) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
