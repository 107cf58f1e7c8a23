package io.ackwatch.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Maps capture time to x coordinates and picks round UTC tick times with labels. */
final class TimeAxis {
    private static final long S = Units.NS_PER_S;
    private static final long[] STEPS = {
        Units.NS_PER_MS, 2 * Units.NS_PER_MS, 5 * Units.NS_PER_MS, 10 * Units.NS_PER_MS, 20 * Units.NS_PER_MS,
        50 * Units.NS_PER_MS, 100 * Units.NS_PER_MS, 200 * Units.NS_PER_MS, 500 * Units.NS_PER_MS,
        S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S, 60 * S, 120 * S, 300 * S, 600 * S, 900 * S, 1800 * S,
        3600 * S, 7200 * S, 3 * 3600 * S, 6 * 3600 * S, 12 * 3600 * S, 86_400 * S, 2 * 86_400 * S, 7 * 86_400 * S,
        30 * 86_400 * S, 365 * 86_400 * S
    };
    private static final int MAX_TICKS = 7;

    record Tick(long nanos, double x, String label) {}

    private final long start;
    private final long end;
    private final double x0;
    private final double x1;

    /** An axis over [start, end] drawn from x0 to x1; a zero-length span is widened to one second. */
    TimeAxis(long start, long end, double x0, double x1) {
        if (end <= start) {
            start -= S / 2;
            end = start + S;
        }
        this.start = start;
        this.end = end;
        this.x0 = x0;
        this.x1 = x1;
    }

    long start() {
        return start;
    }

    long end() {
        return end;
    }

    double x(long nanos) {
        double f = (double) (nanos - start) / (double) (end - start);
        return x0 + Math.max(0, Math.min(1, f)) * (x1 - x0);
    }

    long step() {
        long span = end - start;
        for (long step : STEPS) {
            if (span / step <= MAX_TICKS) {
                return step;
            }
        }
        return STEPS[STEPS.length - 1];
    }

    List<Tick> ticks() {
        long step = step();
        boolean manyDays = !Units.date(start).equals(Units.date(end));
        List<Tick> ticks = new ArrayList<>();
        for (long t = Math.floorDiv(start + step - 1, step) * step; t <= end; t += step) {
            ticks.add(new Tick(t, x(t), label(t, step, manyDays)));
        }
        return ticks;
    }

    private static String label(long t, long step, boolean manyDays) {
        String date = manyDays ? Units.date(t).substring(5) + " " : "";
        if (step >= 86_400 * S) {
            return Units.date(t).substring(5);
        }
        String clock = Units.clock(t, 0);
        if (step >= 60 * S) {
            return date + clock.substring(0, 5);
        }
        if (step >= S) {
            return date + clock;
        }
        int digits = step >= 100 * Units.NS_PER_MS ? 1 : step >= 10 * Units.NS_PER_MS ? 2 : 3;
        return date + Units.clock(t, digits);
    }

    /** The caption under the axis, e.g. {@code time (UTC) on 2026-11-25}. */
    String caption() {
        String a = Units.date(start);
        String b = Units.date(end);
        return a.equals(b) ? "time (UTC) on " + a : String.format(Locale.ROOT, "time (UTC), %s to %s", a, b);
    }
}
