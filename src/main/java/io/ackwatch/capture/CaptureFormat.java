package io.ackwatch.capture;

/** Container format of a capture file, with the name the JSON report uses. */
public enum CaptureFormat {
    PCAP("pcap"),
    PCAP_NSEC("pcap-nsec"),
    PCAP_MODIFIED("pcap-modified"),
    PCAPNG("pcapng"),
    UNKNOWN("unknown");

    private final String reportName;

    CaptureFormat(String reportName) {
        this.reportName = reportName;
    }

    public String reportName() {
        return reportName;
    }
}
