package io.ackwatch.job;

/** Page description languages a raw job can carry, with how to recognise them and where they end. */
enum DocumentLanguage {
    PCL("PCL") {
        @Override
        byte[][] endMarkers() {
            // a PCL job ends with a printer reset, as it starts
            return RESET_ONLY;
        }
    },
    PCL_XL("PCL XL") {
        @Override
        byte[][] endMarkers() {
            return NONE;
        }
    },
    POSTSCRIPT("PostScript") {
        @Override
        byte[][] endMarkers() {
            return EOF_ONLY;
        }

        @Override
        void readMetadata(StreamView view, int dataStart, JobFacts facts) {
            DscComments.read(view.head(), dataStart, facts);
        }
    },
    PDF("PDF") {
        @Override
        byte[][] endMarkers() {
            return EOF_ONLY;
        }

        @Override
        void readMetadata(StreamView view, int dataStart, JobFacts facts) {
            // the Info dictionary sits near the start of linearized files and near the end of the others
            for (StreamView.Run run : view.runs()) {
                if (facts.name == null) {
                    facts.offerName(PdfTitle.find(run.bytes(), run.start() == 0 ? Math.max(0, dataStart) : 0));
                }
            }
        }
    };

    static final byte[] RESET = {0x1b, 'E'};
    static final byte[] EOF_COMMENT = Text.ascii("%%EOF");
    private static final byte[][] RESET_ONLY = {RESET};
    private static final byte[][] EOF_ONLY = {EOF_COMMENT};
    private static final byte[][] NONE = {};
    private static final byte[] PS_MAGIC = Text.ascii("%!");
    private static final byte[] PDF_MAGIC = Text.ascii("%PDF-");
    private static final byte[] PCL_XL_MAGIC = Text.ascii(") HP-PCL XL");

    private final String label;

    DocumentLanguage(String label) {
        this.label = label;
    }

    /** The name reports use. */
    String label() {
        return label;
    }

    /** Markers that close a job of this language (shared: never modify); the last one in the stream marks its end. */
    abstract byte[][] endMarkers();

    /** Name and user from the document itself, when the language carries them. */
    void readMetadata(StreamView view, int dataStart, JobFacts facts) {}

    /** The language whose data starts at {@code from} (leading blanks skipped), or null. */
    static DocumentLanguage sniff(byte[] b, int from) {
        int p = skipBlanks(b, from);
        if (p < 0 || p >= b.length) {
            return null;
        }
        if (Text.matchesAt(b, p, PDF_MAGIC, false)) {
            return PDF;
        }
        if (Text.matchesAt(b, p, PS_MAGIC, false)) {
            return POSTSCRIPT;
        }
        if (Text.matchesAt(b, p, PCL_XL_MAGIC, false)) {
            return PCL_XL;
        }
        if (b[p] == 0x1b && p + 1 < b.length && "E&*()%".indexOf(b[p + 1]) >= 0) {
            return PCL;
        }
        return null;
    }

    /** The language named by {@code @PJL ENTER LANGUAGE=value}, or null for one ackwatch does not know. */
    static DocumentLanguage fromPjl(String value) {
        return switch (Text.upperAscii(value)) {
            case "PCL" -> PCL;
            case "PCLXL" -> PCL_XL;
            case "POSTSCRIPT" -> POSTSCRIPT;
            case "PDF" -> PDF;
            default -> null;
        };
    }

    /** First index at or after {@code from} that is not white space, NUL or Ctrl-D; -1 when {@code from} < 0. */
    static int skipBlanks(byte[] b, int from) {
        if (from < 0) {
            return -1;
        }
        int p = from;
        while (p < b.length && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r' || b[p] == '\n' || b[p] == '\f'
                || b[p] == 0 || b[p] == 0x04)) {
            p++;
        }
        return p;
    }
}
