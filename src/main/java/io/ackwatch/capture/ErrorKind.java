package io.ackwatch.capture;

/** Why a capture could not be read completely; names as in the report schema's {@code error.kind}. */
public enum ErrorKind {
    NOT_FOUND("not-found"),
    UNREADABLE("unreadable"),
    EMPTY("empty"),
    BAD_MAGIC("bad-magic"),
    UNSUPPORTED("unsupported"),
    TRUNCATED("truncated"),
    CORRUPT("corrupt");

    private final String reportName;

    ErrorKind(String reportName) {
        this.reportName = reportName;
    }

    public String reportName() {
        return reportName;
    }
}
