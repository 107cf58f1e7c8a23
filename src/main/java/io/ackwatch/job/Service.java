package io.ackwatch.job;

import java.util.Locale;

/** The print services ackwatch reads jobs of, and how each one's job is read. */
enum Service {
    RAW {
        @Override
        JobFacts read(Streams s) {
            JobFacts facts = RawJobReader.read(s.client(), s.acknowledged());
            BackChannel.read(s.server(), facts);
            return facts;
        }

        @Override
        boolean recognises(byte[] clientHead) {
            return DocumentLanguage.sniff(clientHead, 0) != null
                    || Text.indexOf(clientHead, RawJobReader.UEL, 0, Math.min(clientHead.length, 512)) >= 0
                    || Text.matchesAt(clientHead, DocumentLanguage.skipBlanks(clientHead, 0), RawJobReader.PJL, true);
        }
    },
    LPD {
        @Override
        JobFacts read(Streams s) {
            return LpdJobReader.read(s.client(), s.server(), s.serverKnown(), s.acknowledged());
        }

        @Override
        boolean recognises(byte[] clientHead) {
            return LpdJobReader.looksLikeLpd(clientHead);
        }
    },
    IPP {
        @Override
        JobFacts read(Streams s) {
            return IppJobReader.read(s.client(), s.server(), s.acknowledged());
        }

        @Override
        boolean recognises(byte[] clientHead) {
            return IppJobReader.looksLikeIpp(clientHead);
        }
    };

    private static final Service[] MOST_SPECIFIC_FIRST = {IPP, LPD, RAW};

    /** Both directions of one connection as the readers need them. */
    record Streams(StreamView client, StreamView server, boolean serverKnown, long acknowledged) {}

    abstract JobFacts read(Streams streams);

    /** True when the client's first bytes are this service's protocol. */
    abstract boolean recognises(byte[] clientHead);

    /** The service a name stands for (raw/9100/jetdirect, lpd/515, ipp/631), or null. */
    static Service named(String name) {
        if (name == null) {
            return null;
        }
        // callers nearly always pass one of the names as written below: no need for a cleaned copy then
        Service exact = byName(name);
        return exact != null ? exact : byName(name.strip().toLowerCase(Locale.ROOT));
    }

    private static Service byName(String name) {
        return switch (name) {
            case "raw", "9100", "jetdirect", "appsocket", "pdl-datastream", "socket" -> RAW;
            case "lpd", "lpr", "515", "printer" -> LPD;
            case "ipp", "631", "http" -> IPP;
            default -> null;
        };
    }

    /** The service the client's first bytes speak, most specific first, or null. */
    static Service sniff(byte[] clientHead) {
        for (Service s : MOST_SPECIFIC_FIRST) {
            if (s.recognises(clientHead)) {
                return s;
            }
        }
        return null;
    }
}
