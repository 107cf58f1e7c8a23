package io.ackwatch.report;

import io.ackwatch.verdict.TimelineEntry;
import io.ackwatch.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * A printer's connections in time order as one line of symbols, so that "fine until 08:20, then every job
 * fails" is visible at a glance. When there are more connections than columns, each symbol stands for a bin
 * of consecutive connections and shows the worst verdict in it.
 *
 * @param cells one per symbol, in time order
 * @param perCell connections per symbol (the last bin may hold fewer)
 */
public record PrinterTimeline(List<Cell> cells, int perCell) {

    public static final String LEGEND = ". ok  ? incomplete  ~ degraded  X failed";

    public PrinterTimeline {
        cells = List.copyOf(cells);
    }

    /** One symbol: the worst verdict among {@code connections} connections starting at {@code startNanos}. */
    public record Cell(Verdict worst, int connections, long startNanos) {
        public char symbol() {
            return PrinterTimeline.symbol(worst);
        }
    }

    public static char symbol(Verdict v) {
        return switch (v) {
            case OK -> '.';
            case INCOMPLETE -> '?';
            case DEGRADED -> '~';
            case FAILED -> 'X';
        };
    }

    /**
     * Where an event (a scan) falls among the connections, in start order: {@code before stream 0},
     * {@code between streams 3 and 7}, {@code after stream 9}.
     */
    public static String placeOf(List<TimelineEntry> entries, long nanos) {
        int after = 0;
        while (after < entries.size() && entries.get(after).startNanos() <= nanos) {
            after++;
        }
        if (after == 0) {
            return entries.isEmpty() ? "no connections" : "before stream " + entries.get(0).stream();
        }
        if (after == entries.size()) {
            return "after stream " + entries.get(after - 1).stream();
        }
        return "between streams " + entries.get(after - 1).stream() + " and " + entries.get(after).stream();
    }

    /** The timeline in at most {@code width} symbols. */
    public static PrinterTimeline of(List<TimelineEntry> entries, int width) {
        int perCell = Math.max(1, (entries.size() + width - 1) / width);
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < entries.size(); i += perCell) {
            List<TimelineEntry> bin = entries.subList(i, Math.min(entries.size(), i + perCell));
            Verdict worst = Verdict.OK;
            for (TimelineEntry e : bin) {
                if (e.verdict().ordinal() > worst.ordinal()) {
                    worst = e.verdict();
                }
            }
            cells.add(new Cell(worst, bin.size(), bin.get(0).startNanos()));
        }
        return new PrinterTimeline(cells, perCell);
    }

    public String symbols(Style style) {
        StringBuilder sb = new StringBuilder(cells.size() * 2);
        for (Cell c : cells) {
            sb.append(style.verdict(c.worst(), String.valueOf(c.symbol())));
        }
        return sb.toString();
    }
}
