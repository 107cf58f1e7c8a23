package io.ackwatch.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws a {@link Ladder} in plain text, at most {@link #WIDTH} columns:
 *
 * <pre>
 *    frame    time s  client 10.0.0.5:50412                     printer 192.0.2.7:9100
 *  *    14  0.620431  |--- PSH,ACK seq=1461 ack=1 len=1460 ---------->|  Retransmission
 *       15  3.010000  |&lt;-- RST,ACK seq=1 ack=2921 len=0 --------------|  RST
 *                     … 37 segments omitted …
 * </pre>
 *
 * A {@code *} before the frame number marks a frame that a finding names.
 */
public final class LadderText {
    public static final int WIDTH = 100;
    /** What the columns mean, for a line above the diagram. */
    public static final String LEGEND = "* = frame named by a finding; time in seconds since the connection's"
            + " first frame";
    private static final int FRAME_COLUMN = 8;
    private static final int ARROW = 46;

    private LadderText() {}

    /** The diagram's lines, without line terminators; decorations through {@code style}. */
    public static List<String> render(Ladder ladder, Style style) {
        return render(ladder, style, "");
    }

    /** The diagram's lines, each after {@code indent}, all within {@link #WIDTH} columns (indent included). */
    public static List<String> render(Ladder ladder, Style style, String indent) {
        int timeWidth = Math.max(9, 4 + ladder.precisionDigits());
        int arrowStart = FRAME_COLUMN + 1 + timeWidth + 2;
        List<String> out = new ArrayList<>(ladder.lines().size() + 2);
        header(out, ladder, arrowStart, indent);
        for (Ladder.Line line : ladder.lines()) {
            if (line instanceof Ladder.Segment s) {
                out.add(indent + segment(s, ladder.precisionDigits(), timeWidth, style, WIDTH - indent.length()));
            } else if (line instanceof Ladder.Gap g) {
                out.add(indent + " ".repeat(arrowStart) + gapText(g));
            }
        }
        return out;
    }

    /** e.g. {@code … 37 segments omitted …}. */
    public static String gapText(Ladder.Gap g) {
        return "… " + g.segments() + (g.segments() == 1 ? " segment" : " segments") + " omitted …";
    }

    private static void header(List<String> out, Ladder ladder, int arrowStart, String indent) {
        String left = "client " + ladder.client();
        String right = ladder.serverRole() + " " + ladder.server();
        String prefix = pad("frame", FRAME_COLUMN, true) + " " + pad("time s", arrowStart - FRAME_COLUMN - 3, true)
                + "  ";
        if (left.length() + 1 + right.length() <= ARROW) {
            out.add(indent + prefix + left + " ".repeat(ARROW - left.length() - right.length()) + right);
        } else if (indent.length() + prefix.length() + left.length() + 2 + right.length() <= WIDTH) {
            // the right label runs past the arrow's end into the marks column, which is empty on this line
            out.add(indent + prefix + left + "  " + right);
        } else {
            out.add(indent + prefix + left);
            out.add(indent + " ".repeat(Math.max(0, arrowStart + ARROW - right.length())) + right);
        }
    }

    private static String segment(Ladder.Segment s, int digits, int timeWidth, Style style, int width) {
        StringBuilder sb = new StringBuilder(WIDTH + 16);
        sb.append(s.evidence() ? '*' : ' ');
        sb.append(pad(Long.toString(s.frame()), FRAME_COLUMN - 1, true)).append(' ');
        sb.append(pad(Timestamps.seconds(s.relativeNanos(), digits), timeWidth, true)).append("  ");
        int visible = sb.length();
        String arrow = arrow(s);
        sb.append(s.reset() ? style.bad(arrow) : s.retransmission() ? style.warn(arrow) : arrow);
        visible += arrow.length();
        List<String> marks = s.marks();
        if (!marks.isEmpty()) {
            String text = String.join(", ", marks);
            int room = width - visible - 2;
            if (text.length() > room) {
                text = text.substring(0, Math.max(0, room - 1)) + "…";
            }
            sb.append("  ").append(s.reset() ? style.bad(text) : style.warn(text));
        }
        return sb.toString();
    }

    private static String arrow(Ladder.Segment s) {
        String label = s.label();
        int fill = Math.max(1, ARROW - 2 - 5 - label.length() - 2);
        if (s.fromClient()) {
            return "|--- " + label + " " + "-".repeat(fill) + ">|";
        }
        return "|<-- " + label + " " + "-".repeat(fill + 1) + "|";
    }

    static String pad(String s, int width, boolean right) {
        if (s.length() >= width) {
            return s;
        }
        String spaces = " ".repeat(width - s.length());
        return right ? spaces + s : s + spaces;
    }
}
