package io.ackwatch.report;

/** Text made safe for XML 1.0, which cannot carry most control characters even escaped. */
final class XmlText {
    private XmlText() {}

    /** {@code s} without the characters XML 1.0 forbids (controls other than tab/CR/LF, lone surrogates, FFFE/FFFF). */
    static String legal(String s) {
        if (s == null) {
            return "";
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
        return legal(s).replaceAll("[\\r\\n\\t]+", " ").trim();
    }
}
