package io.ackwatch.job;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The {@code /Title} entry of a PDF Info dictionary, as a literal {@code (…)} or hex {@code <…>} string. */
final class PdfTitle {
    private static final byte[] KEY = Text.ascii("/Title");
    /** Titles longer than this are cut anyway (Text.MAX_TEXT); bound the decoding work too. */
    private static final int MAX_BYTES = 1024;

    private PdfTitle() {}

    /** The first title found in {@code b} from {@code from}, or null. */
    static String find(byte[] b, int from) {
        int at = Text.indexOf(b, KEY, from, b.length);
        while (at >= 0) {
            int p = at + KEY.length;
            // "/TitleFoo" is another key
            if (p < b.length && isDelimiterOrSpace(b[p])) {
                while (p < b.length && isSpace(b[p])) {
                    p++;
                }
                if (p < b.length && b[p] == '(') {
                    return literal(b, p + 1);
                }
                if (p < b.length && b[p] == '<' && (p + 1 >= b.length || b[p + 1] != '<')) {
                    return hex(b, p + 1);
                }
            }
            at = Text.indexOf(b, KEY, at + 1, b.length);
        }
        return null;
    }

    private static String literal(byte[] b, int from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int depth = 1;
        for (int i = from; i < b.length && out.size() < MAX_BYTES; i++) {
            int c = b[i] & 0xff;
            if (c == '\\' && i + 1 < b.length) {
                int e = b[++i] & 0xff;
                switch (e) {
                    case 'n' -> out.write('\n');
                    case 'r' -> out.write('\r');
                    case 't' -> out.write('\t');
                    case 'b' -> out.write('\b');
                    case 'f' -> out.write('\f');
                    case '\r', '\n' -> { } // line continuation
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int v = e - '0';
                            for (int k = 0; k < 2 && i + 1 < b.length && b[i + 1] >= '0' && b[i + 1] <= '7'; k++) {
                                v = v * 8 + (b[++i] - '0');
                            }
                            out.write(v & 0xff);
                        } else {
                            out.write(e);
                        }
                    }
                }
            } else if (c == '(') {
                depth++;
                out.write(c);
            } else if (c == ')') {
                if (--depth == 0) {
                    return text(out.toByteArray());
                }
                out.write(c);
            } else {
                out.write(c);
            }
        }
        return null; // unterminated: cut by the sample or a gap
    }

    private static String hex(byte[] b, int from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int high = -1;
        for (int i = from; i < b.length && out.size() < MAX_BYTES; i++) {
            int c = b[i] & 0xff;
            if (c == '>') {
                if (high >= 0) {
                    out.write(high << 4);
                }
                return text(out.toByteArray());
            }
            int v = Character.digit(c, 16);
            if (v < 0) {
                if (isSpace(b[i])) {
                    continue;
                }
                return null;
            }
            if (high < 0) {
                high = v;
            } else {
                out.write(high << 4 | v);
                high = -1;
            }
        }
        return null;
    }

    /** PDF text strings are UTF-16BE with a byte-order mark, or PDFDocEncoding (close to Latin-1). */
    private static String text(byte[] s) {
        if (s.length >= 2 && (s[0] & 0xff) == 0xfe && (s[1] & 0xff) == 0xff) {
            return new String(s, 2, (s.length - 2) & ~1, StandardCharsets.UTF_16BE);
        }
        if (s.length >= 3 && (s[0] & 0xff) == 0xef && (s[1] & 0xff) == 0xbb && (s[2] & 0xff) == 0xbf) {
            return Text.decode(s, 3, s.length);
        }
        return new String(s, StandardCharsets.ISO_8859_1);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0;
    }

    private static boolean isDelimiterOrSpace(byte c) {
        return isSpace(c) || c == '(' || c == '<' || c == '/' || c == '[';
    }
}
