package io.ackwatch.job;

/** PostScript DSC header comments: {@code %%Title:} and {@code %%For:}. */
final class DscComments {
    /** The header is a few dozen lines; stop looking after this many. */
    private static final int MAX_LINES = 200;
    private static final byte[] TITLE = Text.ascii("%%Title:");
    private static final byte[] FOR = Text.ascii("%%For:");
    private static final byte[] END_COMMENTS = Text.ascii("%%EndComments");

    private DscComments() {}

    static void read(byte[] b, int from, JobFacts facts) {
        int p = DocumentLanguage.skipBlanks(b, from);
        for (int lines = 0; p >= 0 && p < b.length && lines < MAX_LINES; lines++) {
            if (b[p] != '%' || Text.matchesAt(b, p, END_COMMENTS, false)) {
                return; // the header ends at the first line that is not a comment
            }
            int eol = endOfLine(b, p);
            if (eol < 0) {
                return; // cut: a half-read title would be wrong
            }
            if (Text.matchesAt(b, p, TITLE, false)) {
                facts.offerName(unwrap(Text.decode(b, p + TITLE.length, eol)));
            } else if (Text.matchesAt(b, p, FOR, false)) {
                facts.offerUser(unwrap(Text.decode(b, p + FOR.length, eol)));
            }
            p = eol + 1;
            if (p < b.length && b[p - 1] == '\r' && b[p] == '\n') {
                p++;
            }
        }
    }

    /** DSC lines end with CR, LF or CR LF. */
    private static int endOfLine(byte[] b, int from) {
        for (int i = from; i < b.length && i < from + 4096; i++) {
            if (b[i] == '\n' || b[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** DSC text values may be PostScript strings: {@code (Q3 report)}. */
    private static String unwrap(String value) {
        String v = value.strip();
        if (v.length() >= 2 && v.charAt(0) == '(' && v.charAt(v.length() - 1) == ')') {
            v = v.substring(1, v.length() - 1).replace("\\(", "(").replace("\\)", ")").replace("\\\\", "\\");
        }
        return v;
    }
}
