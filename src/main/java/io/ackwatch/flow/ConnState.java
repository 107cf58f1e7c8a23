package io.ackwatch.flow;

/** Zeek's conn_state vocabulary for a connection summary. */
public enum ConnState {
    S0, S1, SF, REJ, S2, S3, RSTO, RSTR, RSTOS0, RSTRH, SH, SHR, OTH
}
