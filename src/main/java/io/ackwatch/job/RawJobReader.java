package io.ackwatch.job;

import io.ackwatch.job.JobPrivacy.NameKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a raw (port 9100, AppSocket/JetDirect) job: an optional PJL header, then PCL, PCL XL, PostScript
 * or PDF. The job is complete when the last end marker (closing UEL, {@code @PJL EOJ}, {@code %%EOF},
 * final PCL reset) is in the stream and the printer acknowledged the bytes through it.
 */
final class RawJobReader {
    static final byte[] UEL = Text.ascii("\u001b%-12345X");
    static final byte[] PJL = Text.ascii("@PJL");
    private static final byte[] EOJ = Text.ascii("@PJL EOJ");
    /** Drivers put at most a printer reset or some blank bytes before the first UEL. */
    private static final int UEL_SEARCH = 512;
    /** PJL headers of real drivers are a few dozen lines. */
    private static final int MAX_PJL_LINES = 500;
    private static final int MAX_LINE = 4096;
    /** How far before the end of the stream a job's end marker (and its trailer) is looked for. */
    private static final int END_MARKER_WINDOW = 4096;
    private static final List<TailSearch.Needle> PJL_END_NEEDLES =
            List.of(new TailSearch.Needle(UEL, false), new TailSearch.Needle(EOJ, true));
    private static final TailSearch PJL_END = new TailSearch(PJL_END_NEEDLES.toArray(TailSearch.Needle[]::new));
    private static final TailSearch NO_END = new TailSearch();
    private static final Map<DocumentLanguage, TailSearch> PJL_AND_DOCUMENT_END = endSearches(true);
    private static final Map<DocumentLanguage, TailSearch> DOCUMENT_END = endSearches(false);

    private RawJobReader() {}

    /** What the client stream says about the job; an empty result when nothing is recognised. */
    static JobFacts read(StreamView client, long acknowledged) {
        JobFacts facts = new JobFacts();
        byte[] head = client.head();
        int start = DocumentLanguage.skipBlanks(head, 0);
        int uel = Text.indexOf(head, UEL, 0, Math.min(head.length, UEL_SEARCH));
        boolean pjl = uel >= 0 || Text.matchesAt(head, start, PJL, true);
        int dataStart = start;
        String enterLanguage = null;
        if (pjl) {
            int p = uel >= 0 ? uel + UEL.length : start;
            dataStart = -1;
            for (int lines = 0; lines < MAX_PJL_LINES; lines++) {
                p = skipSeparators(head, p);
                if (p >= head.length) {
                    break; // the head ends inside the PJL header: where the data starts is unknown
                }
                if (!Text.matchesAt(head, p, PJL, true)) {
                    dataStart = p;
                    break;
                }
                int lf = Text.lineFeed(head, p, p + MAX_LINE);
                if (lf < 0) {
                    break; // cut mid-line
                }
                PjlLine line = PjlLine.parse(Text.line(head, p, lf));
                p = lf + 1;
                facts.notePjlCommand(line.key());
                if (line.command().equals("ENTER")) {
                    enterLanguage = line.value("LANGUAGE");
                    dataStart = p;
                    break;
                }
                readPjlCommand(line, facts);
            }
        }
        DocumentLanguage document = enterLanguage != null ? DocumentLanguage.fromPjl(enterLanguage)
                : DocumentLanguage.sniff(head, dataStart);
        if (document != null) {
            facts.language = document.label();
            document.readMetadata(client, dataStart, facts);
        } else if (enterLanguage != null) {
            facts.language = Text.clean(enterLanguage); // a language ackwatch does not parse, as the driver named it
        } else if (pjl) {
            facts.language = "PJL";
        }
        if (pjl || document != null && document.endMarkers().length > 0) {
            facts.complete = complete(client, acknowledged, pjl, uel, dataStart, document);
        }
        return facts;
    }

    private static void readPjlCommand(PjlLine line, JobFacts facts) {
        switch (line.command()) {
            case "JOB" -> facts.offerName(line.value("NAME"));
            case "SET" -> {
                String variable = line.upperWord(2);
                String value = line.value(variable);
                switch (variable) {
                    // HP drivers put the document title in JOBNAME and a spooler id in JOB NAME
                    case "JOBNAME" -> facts.name = nonNull(facts.noteName(NameKind.JOB, value), facts.name);
                    case "USERNAME" -> facts.user = nonNull(facts.noteName(NameKind.USER, value), facts.user);
                    case "USERID" -> facts.offerUser(value);
                    case "DOCNAME", "DOCUMENTNAME" -> facts.offerName(value);
                    case "HOSTNAME", "COMPUTERNAME" -> facts.offerHost(value);
                    default -> { }
                }
            }
            default -> { }
        }
    }

    private static String nonNull(String preferred, String otherwise) {
        return preferred != null ? preferred : otherwise;
    }

    /** Skips line ends, blanks, form feeds, NULs and repeated UELs between PJL lines. */
    private static int skipSeparators(byte[] b, int from) {
        int p = from;
        while (p < b.length) {
            if (Text.matchesAt(b, p, UEL, false)) {
                p += UEL.length;
            } else if (b[p] == '\r' || b[p] == '\n' || b[p] == ' ' || b[p] == '\t' || b[p] == '\f' || b[p] == 0) {
                p++;
            } else {
                break;
            }
        }
        return p;
    }

    /**
     * TRUE when the job's last end marker was acknowledged, FALSE when it was not or when the stream's end
     * is visible and carries none (the client stopped mid-job), null when the end was not kept. A marker
     * counts only when nothing but job trailer (blanks, UELs, PJL lines) follows it: an ESC E or "%%EOF"
     * inside page data is not the end of the job.
     */
    private static Boolean complete(StreamView client, long acknowledged, boolean pjl, int openingUel,
            int dataStart, DocumentLanguage document) {
        StreamView.Run end = client.endRun();
        if (end == null) {
            return null;
        }
        byte[] b = end.bytes();
        // an end marker must be followed by job trailer only, so it sits near the end: look no further back
        int from = Math.max(0, b.length - END_MARKER_WINDOW);
        TailSearch search = endSearch(pjl, document);
        int[] last = new int[search.size()];
        search.lastIndices(b, from, last);
        int k = 0;
        long markerEnd = -1;
        if (pjl) {
            int closing = last[k++];
            if (closing >= 0 && end.start() + closing > openingUel && trailerOnly(b, closing + UEL.length)) {
                markerEnd = end.start() + closing + UEL.length;
            }
            int eoj = last[k++];
            if (eoj >= 0) {
                int lf = Text.lineFeed(b, eoj, b.length);
                int after = lf < 0 ? b.length : lf + 1;
                if (trailerOnly(b, after)) {
                    markerEnd = Math.max(markerEnd, end.start() + after);
                }
            }
        }
        if (document != null) {
            for (byte[] marker : document.endMarkers()) {
                int at = last[k++];
                if (at >= 0 && end.start() + at > dataStart && trailerOnly(b, at + marker.length)) {
                    markerEnd = Math.max(markerEnd, end.start() + at + marker.length);
                }
            }
        }
        if (markerEnd < 0) {
            return Boolean.FALSE;
        }
        return acknowledged >= markerEnd;
    }

    /** True when {@code b[from..]} holds only what may follow a job's end: blanks, UELs and PJL lines. */
    private static boolean trailerOnly(byte[] b, int from) {
        int p = from;
        while (p < b.length) {
            int c = b[p];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0 || c == 0x04) {
                p++;
            } else if (Text.matchesAt(b, p, UEL, false)) {
                p += UEL.length;
            } else if (Text.matchesAt(b, p, PJL, true)) {
                int lf = Text.lineFeed(b, p, b.length);
                p = lf < 0 ? b.length : lf + 1;
            } else {
                return false;
            }
        }
        return true;
    }

    /** The search for a job's end markers: closing UEL and EOJ when it has PJL, then the document's own. */
    private static TailSearch endSearch(boolean pjl, DocumentLanguage document) {
        if (document == null) {
            return pjl ? PJL_END : NO_END;
        }
        return (pjl ? PJL_AND_DOCUMENT_END : DOCUMENT_END).get(document);
    }

    private static Map<DocumentLanguage, TailSearch> endSearches(boolean pjl) {
        Map<DocumentLanguage, TailSearch> searches = new EnumMap<>(DocumentLanguage.class);
        for (DocumentLanguage document : DocumentLanguage.values()) {
            List<TailSearch.Needle> needles = new ArrayList<>();
            if (pjl) {
                needles.addAll(PJL_END_NEEDLES);
            }
            for (byte[] marker : document.endMarkers()) {
                needles.add(new TailSearch.Needle(marker, false));
            }
            searches.put(document, new TailSearch(needles.toArray(TailSearch.Needle[]::new)));
        }
        return searches;
    }
}
