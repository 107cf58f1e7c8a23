package io.ackwatch.job;

import io.ackwatch.flow.TcpFlow;

/** Reads the print job of a connection from its byte-stream samples. */
public final class JobReader {

    /** The job on {@code flow}, or null when the connection carries no recognisable job data. */
    public JobInfo read(TcpFlow flow, String service) {
        return null;
    }
}
