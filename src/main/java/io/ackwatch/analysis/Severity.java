package io.ackwatch.analysis;

/** How bad a finding is; ordered from most to least severe. */
public enum Severity {
    FAILURE("failure"),
    WARNING("warning"),
    INFO("info");

    private final String reportName;

    Severity(String reportName) {
        this.reportName = reportName;
    }

    public String reportName() {
        return reportName;
    }

    /** True when this severity is at least as severe as {@code threshold} (e.g. FAILURE atLeast WARNING). */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    public static Severity fromName(String name) {
        for (Severity s : values()) {
            if (s.reportName.equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + name + "' (failure, warning or info)");
    }
}
