package io.ackwatch.analysis;

/**
 * Every number the rules compare against, in one place. Defaults and their sources are listed in README;
 * {@code --threshold NAME=VALUE} changes one. (Fields are filled in by the analysis work.)
 */
public record Thresholds(long delayedAckBoundMillis) {

    public static Thresholds defaults() {
        return new Thresholds(500);
    }
}
