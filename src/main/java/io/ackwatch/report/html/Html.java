package io.ackwatch.report.html;

/** Escaping for text and attribute values; everything from a capture or the user passes through here. */
final class Html {
    private Html() {}

    /**
     * Escapes {@code s} for use as element text or as a double- or single-quoted attribute value. Characters
     * HTML forbids (C0 controls other than tab/newline/return, lone surrogates) become U+FFFD, so a hostile
     * file name cannot break the page. {@code null} becomes the empty string.
     */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> forbidden(s, i) ? "\uFFFD" : null;
            };
            if (rep == null && sb == null) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (rep == null) {
                sb.append(c);
            } else {
                sb.append(rep);
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static boolean forbidden(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x20) {
            return c != '\t' && c != '\n' && c != '\r';
        }
        if (c == 0x7F || (c >= 0x80 && c < 0xA0)) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }
}
