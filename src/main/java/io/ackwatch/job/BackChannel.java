package io.ackwatch.job;

import io.ackwatch.job.JobPrivacy.NameKind;

/**
 * What a raw-port printer says on the way back: PJL {@code USTATUS}/{@code INFO STATUS} replies (device
 * status code, display text, online flag, job end) and PostScript {@code %%[ … ]%%} messages.
 */
final class BackChannel {
    private static final byte[] PJL = Text.ascii("@PJL");
    private static final byte[] PS_OPEN = Text.ascii("%%[");
    private static final byte[] PS_CLOSE = Text.ascii("]%%");
    /** Lines of one status block; real ones have three to six. */
    private static final int MAX_BLOCK_LINES = 16;
    private static final int MAX_LINE = 1024;

    private BackChannel() {}

    static void read(StreamView server, JobFacts facts) {
        for (StreamView.Run run : server.runs()) {
            byte[] b = run.bytes();
            int at = nextMessage(b, 0);
            while (at >= 0) {
                int next = Text.matchesAt(b, at, PS_OPEN, false) ? postScriptMessage(b, at, facts)
                        : pjlStatus(b, at, facts);
                at = nextMessage(b, Math.max(next, at + 1));
            }
        }
    }

    /**
     * Where the next {@code @PJL} (any case) or {@code %%[} starts, or -1: one pass that looks closer only at an
     * {@code @} or a {@code %}, since every connection's answer is scanned (a web server's too, with
     * {@code --all-flows}).
     */
    private static int nextMessage(byte[] b, int from) {
        for (int i = Math.max(0, from); i < b.length; i++) {
            byte c = b[i];
            if (c == '@' && Text.matchesAt(b, i, PJL, true) || c == '%' && Text.matchesAt(b, i, PS_OPEN, false)) {
                return i;
            }
        }
        return -1;
    }

    private static int postScriptMessage(byte[] b, int at, JobFacts facts) {
        int close = Text.indexOf(b, PS_CLOSE, at + PS_OPEN.length, Math.min(b.length, at + MAX_LINE));
        if (close < 0) {
            return at + PS_OPEN.length;
        }
        String message = Text.decode(b, at + PS_OPEN.length, close);
        noteJobName(message, facts);
        facts.addMessage(message);
        return close + PS_CLOSE.length;
    }

    /** The job's name in a PostScript status message, {@code job: Quarterly report; status: printing}. */
    private static void noteJobName(String message, JobFacts facts) {
        for (String field : message.split(";")) {
            int colon = field.indexOf(':');
            if (colon > 0 && field.substring(0, colon).strip().equalsIgnoreCase("job")) {
                facts.noteName(NameKind.JOB, field.substring(colon + 1));
            }
        }
    }

    /** Reads one {@code @PJL USTATUS …}/{@code @PJL INFO STATUS} block; returns where scanning goes on. */
    private static int pjlStatus(byte[] b, int at, JobFacts facts) {
        int lf = Text.lineFeed(b, at, at + MAX_LINE);
        if (lf < 0) {
            return at + PJL.length;
        }
        PjlLine header = PjlLine.parse(Text.line(b, at, lf));
        String command = header.command();
        String category = header.upperWord(2);
        boolean device = command.equals("USTATUS") && (category.equals("DEVICE") || category.equals("TIMED"))
                || command.equals("INFO") && category.equals("STATUS");
        boolean job = command.equals("USTATUS") && category.equals("JOB");
        if (!device && !job) {
            return lf + 1;
        }
        String code = null;
        String display = null;
        String online = null;
        String event = null;
        String pages = null;
        String result = null;
        int p = lf + 1;
        for (int lines = 0; lines < MAX_BLOCK_LINES && p < b.length; lines++) {
            if (b[p] == '\f' || Text.matchesAt(b, p, PJL, true)) {
                break;
            }
            int eol = Text.lineFeed(b, p, p + MAX_LINE);
            if (eol < 0) {
                break; // cut: keep only whole lines
            }
            String line = Text.line(b, p, eol).strip();
            p = eol + 1;
            int eq = line.indexOf('=');
            String key = Text.upperAscii(eq < 0 ? line : line.substring(0, eq)).strip();
            String value = eq < 0 ? "" : unquote(line.substring(eq + 1).strip());
            switch (key) {
                case "CODE" -> code = value;
                case "DISPLAY" -> display = value;
                case "ONLINE" -> online = Text.upperAscii(value);
                case "START", "END" -> event = key;
                case "PAGES" -> pages = value;
                case "RESULT" -> result = value;
                case "NAME" -> facts.noteName(NameKind.JOB, value); // the job's name echoed in USTATUS JOB
                default -> { }
            }
        }
        if (device && (code != null || display != null)) {
            String message = code == null ? display : display == null ? code : code + " " + display;
            facts.addMessage(message);
            if ("FALSE".equals(online)) {
                facts.addMessage("printer offline");
            }
        } else if (job && "END".equals(event)) {
            StringBuilder m = new StringBuilder("job end");
            if (pages != null) {
                m.append(", ").append(pages).append(" pages");
            }
            if (result != null) {
                m.append(", ").append(result);
            }
            facts.addMessage(m.toString());
        }
        return p;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1);
        }
        return v.startsWith("\"") ? v.substring(1) : v;
    }
}
