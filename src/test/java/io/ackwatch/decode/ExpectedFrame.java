package io.ackwatch.decode;

import io.ackwatch.testsupport.Corpus;
import java.util.Map;

/** What tshark says about one frame's TCP (a frames.tsv row); {@code stream} is -1 without TCP. */
record ExpectedFrame(long stream, String src, int sport, String dst, int dport, int flags, long length,
        boolean icmpQuoted) {

    boolean tcp() {
        return stream >= 0;
    }

    static ExpectedFrame of(Corpus.FrameRow row) {
        return new ExpectedFrame(row.tcpStream(), row.src(), row.sport(), row.dst(), row.dport(), row.tcpFlags(),
                row.tcpLen(), row.icmpQuoted());
    }

    /** From a frames.tsv row read as columns (same format as the corpus oracle). */
    static ExpectedFrame of(Map<String, String> row) {
        String stream = row.get("tcp_stream");
        if (stream == null || stream.isEmpty()) {
            return new ExpectedFrame(-1, "", 0, "", 0, 0, 0, false);
        }
        return new ExpectedFrame(Long.parseLong(stream), row.get("src"), Integer.parseInt(row.get("sport")),
                row.get("dst"), Integer.parseInt(row.get("dport")), Integer.decode(row.get("tcp_flags")),
                Long.parseLong(row.get("tcp_len")), "1".equals(row.get("icmp_quoted")));
    }
}
