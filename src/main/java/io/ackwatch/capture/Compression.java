package io.ackwatch.capture;

/** Whole-file compression around the capture, detected by magic bytes. */
public enum Compression {
    NONE("none"),
    GZIP("gzip"),
    /** Wireshark 4.0 reads zstd-compressed captures; the schema's enum predates it (see report writers). */
    ZSTD("zstd");

    private final String reportName;

    Compression(String reportName) {
        this.reportName = reportName;
    }

    public String reportName() {
        return reportName;
    }
}
