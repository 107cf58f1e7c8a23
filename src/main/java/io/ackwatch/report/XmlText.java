package io.ackwatch.report;

import java.util.regex.Pattern;

/** Text made safe for XML 1.0, which cannot carry most control characters even escaped. */
final class XmlText {
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t]+");

    private XmlText() {}

    /** {@code s} without the characters XML 1.0 forbids (controls other than tab/CR/LF, lone surrogates, FFFE/FFFF). */
    static String legal(String s) {
        if (s == null) {
            return "";
        }
        // most text is printable below the surrogates: nothing to drop. Looked for in a copy of the chars,
        // because String.charAt is a call per character under C1 and evidence texts are long
        char[] cs = s.toCharArray();
        int plain = 0;
        while (plain < cs.length) {
            char c = cs[plain];
            if (c >= 0x20 && c < 0xD800 || c == '\n' || c == '\t' || c == '\r') {
                plain++;
            } else {
                break;
            }
        }
        if (plain == cs.length) {
            return s;
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD
                    || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD)
                    || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (!ok && sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            } else if (ok && sb != null) {
                sb.appendCodePoint(cp);
            }
            i += n;
        }
        return sb == null ? s : sb.toString();
    }

    /** One line for an attribute: parsers turn line breaks in attributes into spaces anyway. */
    static String attribute(String s) {
        String legal = legal(s);
        boolean oneLine = legal.indexOf('\r') < 0 && legal.indexOf('\n') < 0 && legal.indexOf('\t') < 0;
        return (oneLine ? legal : LINE_BREAKS.matcher(legal).replaceAll(" ")).trim();
    }
}
