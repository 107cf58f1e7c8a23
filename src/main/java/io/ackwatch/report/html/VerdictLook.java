package io.ackwatch.report.html;

import io.ackwatch.verdict.Verdict;
import java.util.Locale;

/**
 * How a verdict looks on the page. Colour is never the only carrier: each verdict also has its own shape
 * (circle, square, triangle, cross) and its word.
 */
enum VerdictLook {
    OK("ok", "ok", "\u25CF", "circle"),
    INCOMPLETE("incomplete", "incomplete", "\u25A0", "square"),
    DEGRADED("degraded", "degraded", "\u25B2", "triangle"),
    FAILED("failed", "failed", "\u2716", "cross");

    private final String cssClass;
    private final String word;
    private final String glyph;
    private final String shapeName;

    VerdictLook(String cssClass, String word, String glyph, String shapeName) {
        this.cssClass = cssClass;
        this.word = word;
        this.glyph = glyph;
        this.shapeName = shapeName;
    }

    static VerdictLook of(Verdict v) {
        return switch (v) {
            case OK -> OK;
            case INCOMPLETE -> INCOMPLETE;
            case DEGRADED -> DEGRADED;
            case FAILED -> FAILED;
        };
    }

    String cssClass() {
        return cssClass;
    }

    String word() {
        return word;
    }

    String shapeName() {
        return shapeName;
    }

    /** Inline badge: shape glyph (hidden from screen readers) plus the verdict word. */
    String badge() {
        return "<span class=\"badge " + cssClass + "\"><span aria-hidden=\"true\">" + glyph + "</span> " + word
                + "</span>";
    }

    /** SVG path data of the shape centred on (x, y) with radius r. */
    String path(double x, double y, double r) {
        return switch (this) {
            case OK -> String.format(Locale.ROOT, "M%.1f %.1fa%.1f %.1f 0 1 0 %.1f 0a%.1f %.1f 0 1 0 %.1f 0Z",
                    x - r, y, r, r, 2 * r, r, r, -2 * r);
            case INCOMPLETE -> String.format(Locale.ROOT, "M%.1f %.1fh%.1fv%.1fh%.1fZ", x - r * 0.8, y - r * 0.8,
                    r * 1.6, r * 1.6, -r * 1.6);
            case DEGRADED -> String.format(Locale.ROOT, "M%.1f %.1fL%.1f %.1fL%.1f %.1fZ",
                    x, y - r * 1.15, x + r * 1.1, y + r * 0.85, x - r * 1.1, y + r * 0.85);
            case FAILED -> String.format(Locale.ROOT, "M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f",
                    x - r * 0.85, y - r * 0.85, x + r * 0.85, y + r * 0.85, x + r * 0.85, y - r * 0.85,
                    x - r * 0.85, y + r * 0.85);
        };
    }
}
