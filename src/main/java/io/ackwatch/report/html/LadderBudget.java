package io.ackwatch.report.html;

/**
 * How many ladder diagrams the whole page may still hold. Each capture shows at most
 * {@link CaptureSection#DETAILED_LIMIT}, but a batch of many captures would still grow without bound, so the
 * report as a whole stops drawing ladders after {@link #REPORT_LIMIT}.
 */
final class LadderBudget {
    static final int REPORT_LIMIT = 200;

    private int left;

    LadderBudget(int limit) {
        this.left = limit;
    }

    /** True (and one fewer left) when another ladder may be drawn. */
    boolean take() {
        if (left <= 0) {
            return false;
        }
        left--;
        return true;
    }
}
