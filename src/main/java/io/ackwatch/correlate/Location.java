package io.ackwatch.correlate;

/** Where two capture points together locate a connection's trouble. */
public enum Location {
    NONE("none", "nothing went wrong at either point"),
    /** The data reached the point at the printer's port and no ACK for it left: the printer. */
    PRINTER("printer", "the printer: the data reached the point nearest it and it did not acknowledge in time"),
    /** Packets left one point and never reached the other, or took far longer between them than a LAN does. */
    NETWORK("network-between-points", "the network between the two capture points"),
    /** Nothing was lost between the points, but the point nearer the printer saw the network's trouble. */
    NETWORK_BEYOND("network-beyond-points", "the network on the printer's side of both capture points"),
    CLIENT("client", "the client"),
    /** Only the captures missed packets (seen downstream, never upstream): nothing was lost on the wire. */
    CAPTURE_LOSS("capture-loss", "the captures themselves: packets the sender-side capture missed, nothing lost on the wire"),
    UNKNOWN("unknown", "neither point can tell");

    private final String reportName;
    private final String description;

    Location(String reportName, String description) {
        this.reportName = reportName;
        this.description = description;
    }

    public String reportName() {
        return reportName;
    }

    public String description() {
        return description;
    }
}
