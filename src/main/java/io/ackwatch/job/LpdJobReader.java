package io.ackwatch.job;

import io.ackwatch.job.JobPrivacy.NameKind;

/**
 * Reads an LPD (port 515, RFC 1179) connection: the daemon command, and for "receive job" the control-
 * and data-file subcommands, the control file's H/P/J/N lines and the one-byte acknowledgements the server
 * sends back (0 = accepted).
 */
final class LpdJobReader {
    /** RFC 1179 operands are short; 1 KiB leaves room for long queue names. */
    private static final int MAX_COMMAND_LINE = 1024;
    /** Subcommands walked per job (one control file and a handful of data files in practice). */
    private static final int MAX_SUBCOMMANDS = 64;
    /** Control files are a few hundred bytes; a larger one is read as far as it was kept. */
    private static final int MAX_CONTROL_FILE = 65536;
    /** Data-file bytes looked at for a document title when the control file names none. */
    private static final int DATA_SNIFF = 16384;

    /** The daemon commands, by their first byte. */
    enum Command {
        PRINT_WAITING_JOBS("print-waiting-jobs"),
        RECEIVE_JOB("receive-job"),
        SEND_QUEUE_STATE_SHORT("send-queue-state-short"),
        SEND_QUEUE_STATE_LONG("send-queue-state-long"),
        REMOVE_JOBS("remove-jobs");

        private final String operation;

        Command(String operation) {
            this.operation = operation;
        }

        String operation() {
            return operation;
        }

        static Command of(int code) {
            return code >= 1 && code <= values().length ? values()[code - 1] : null;
        }
    }

    private LpdJobReader() {}

    /** True when the stream opens with an LPD daemon command line: a code 1..5, a printable operand, LF. */
    static boolean looksLikeLpd(byte[] head) {
        if (head.length < 3 || Command.of(head[0]) == null) {
            return false;
        }
        int lf = Text.lineFeed(head, 1, MAX_COMMAND_LINE);
        return lf > 1 && Text.printable(head, 1, lf);
    }

    /**
     * @param serverKnown true when the server's byte stream was kept (or the server sent nothing), so the
     *     absence of acknowledgements means something
     */
    static JobFacts read(StreamView client, StreamView server, boolean serverKnown, long acknowledged) {
        JobFacts facts = new JobFacts();
        byte[] head = client.head();
        if (!looksLikeLpd(head)) {
            return facts;
        }
        Command command = Command.of(head[0]);
        int lf = Text.lineFeed(head, 1, MAX_COMMAND_LINE);
        facts.language = "LPD";
        facts.operation = command.operation();
        String[] operands = Text.decode(head, 1, lf).split(" ", -1);
        if (command == Command.REMOVE_JOBS && operands.length > 1) {
            facts.offerUser(operands[1]);
            // then the users (or job numbers) whose jobs go
            for (int i = 2; i < operands.length; i++) {
                facts.noteName(NameKind.USER, operands[i]);
            }
        }
        if (command != Command.RECEIVE_JOB) {
            firstReplyLine(server, facts);
            return facts;
        }
        Walk walk = new Walk(client, facts);
        walk.run(lf + 1L);
        // the document's language when a data file shows it; the protocol's name otherwise
        if (walk.document.language != null) {
            facts.language = walk.document.language;
        }
        Acks acks = Acks.read(server);
        if (acks.refusal() != null) {
            facts.addMessage(acks.refusal());
        }
        facts.complete = walk.complete(acks, serverKnown, acknowledged);
        return facts;
    }

    /**
     * The first line a queue-state or other reply carries, e.g. "lp is ready and printing"; it may as well list
     * someone's job ("active alice 12 report.pdf") or a removed one.
     */
    private static void firstReplyLine(StreamView server, JobFacts facts) {
        byte[] b = server.head();
        int lf = Text.lineFeed(b, 0, MAX_COMMAND_LINE);
        facts.addListing(Text.decode(b, 0, lf < 0 ? Math.min(b.length, 120) : lf));
    }

    /** The server's acknowledgement bytes: how many zeros it sent before anything else. */
    record Acks(int zeros, String refusal) {
        static Acks read(StreamView server) {
            byte[] b = server.head();
            int zeros = 0;
            while (zeros < b.length && b[zeros] == 0) {
                zeros++;
            }
            if (zeros == b.length) {
                return new Acks(zeros, null);
            }
            // a non-zero byte refuses; LPRng and others follow it (or replace it) with a text reason
            int from = b[zeros] >= 0x20 ? zeros : zeros + 1;
            int to = from;
            while (to < b.length && to - from < 200 && b[to] != '\n' && b[to] != 0) {
                to++;
            }
            String reason = Text.clean(Text.decode(b, from, to));
            String code = b[zeros] >= 0x20 ? "" : " (ack " + (b[zeros] & 0xff) + ")";
            return new Acks(zeros, "LPD refused" + code + (reason == null ? "" : ": " + reason));
        }
    }

    /** Walks the receive-job subcommands through the kept parts of the client stream. */
    private static final class Walk {
        private final StreamView client;
        private final JobFacts facts;
        private final JobFacts document = new JobFacts();
        private int acksExpected = 1; // the receive-job command itself
        private int files;
        private boolean aborted;
        private long lastFileEnd = -1;
        /** TRUE: walked cleanly to the end of the stream; FALSE: the stream ends inside a file; null: lost. */
        private Boolean reachedEnd;

        Walk(StreamView client, JobFacts facts) {
            this.client = client;
            this.facts = facts;
        }

        void run(long start) {
            long pos = start;
            for (int i = 0; i < MAX_SUBCOMMANDS; i++) {
                if (pos >= client.length()) {
                    reachedEnd = pos == client.length();
                    break;
                }
                byte[] line = client.lineAt(pos, MAX_COMMAND_LINE);
                if (line == null) {
                    // no whole line: either the stream ends inside it, or the bytes were not kept
                    reachedEnd = client.endRun() != null && client.runAt(pos) == client.endRun() ? Boolean.FALSE : null;
                    break;
                }
                if (line.length == 0) {
                    reachedEnd = null; // an empty line is no subcommand
                    break;
                }
                long next = subcommand(line, pos + line.length + 1);
                if (next < 0) {
                    break;
                }
                pos = next;
            }
            facts.noteInner(document);
            facts.offerName(document.name);
            facts.offerUser(document.user);
        }

        /** Handles one subcommand line; returns where the next one starts, or -1 to stop walking. */
        private long subcommand(byte[] line, long contentStart) {
            int code = line[0];
            if (code == 1) {
                aborted = true;
                acksExpected++;
                return contentStart;
            }
            if (code != 2 && code != 3) {
                reachedEnd = null; // not LPD any more (or a gap shifted us): stop
                return -1;
            }
            int space = indexOf(line, (byte) ' ');
            long count = space < 0 ? -1 : Text.decimal(line, 1, space);
            if (count < 0) {
                reachedEnd = null;
                return -1;
            }
            acksExpected++;
            files++;
            if (code == 3 && count == 0) {
                // LPRng: a data file of unknown size runs until the client closes the connection
                lastFileEnd = client.length();
                sniffDocument(contentStart, client.length() - contentStart);
                reachedEnd = Boolean.TRUE;
                return -1;
            }
            long contentEnd = contentStart + count;
            if (contentEnd + 1 > client.length()) {
                reachedEnd = Boolean.FALSE; // the client stopped inside the file
                return -1;
            }
            int terminator = client.byteAt(contentEnd);
            if (terminator > 0) {
                reachedEnd = null; // count and bytes disagree
                return -1;
            }
            acksExpected++;
            if (code == 2) {
                readControlFile(client.bytesAt(contentStart, (int) Math.min(count, MAX_CONTROL_FILE)));
            } else {
                sniffDocument(contentStart, count);
            }
            lastFileEnd = contentEnd + 1;
            return lastFileEnd;
        }

        private void readControlFile(byte[] cf) {
            int p = 0;
            String fileName = null;
            while (p < cf.length) {
                int lf = Text.lineFeed(cf, p, cf.length);
                if (lf < 0) {
                    break; // a cut last line would give a cut name
                }
                if (lf > p) {
                    String value = Text.decode(cf, p + 1, lf);
                    switch (cf[p]) {
                        case 'H' -> facts.offerHost(value);
                        case 'P' -> facts.offerUser(value);
                        case 'J' -> facts.offerName(value);
                        case 'L' -> facts.noteName(NameKind.USER, value); // the banner page's user
                        case 'C' -> facts.noteName(NameKind.HOST, value); // the class: BSD lpr puts the host there
                        case 'N' -> {
                            fileName = fileName == null ? value : fileName;
                            facts.noteName(NameKind.JOB, value);
                        }
                        default -> { }
                    }
                }
                p = lf + 1;
            }
            // N names the printed file; spool names (dfA…) and "(stdin)" say nothing about the job
            if (fileName != null && !fileName.startsWith("dfA") && !fileName.strip().equals("(stdin)")) {
                facts.offerName(fileName);
            }
        }

        /** Job name and user from the document inside a data file (PJL, PostScript, PDF), as a fallback. */
        private void sniffDocument(long start, long length) {
            byte[] bytes = client.bytesAt(start, (int) Math.min(length, DATA_SNIFF));
            JobFacts inner = RawJobReader.read(StreamView.ofBytes(bytes, length), -1);
            if (document.language == null) {
                document.language = inner.language;
            }
            document.noteInner(inner);
            document.offerName(inner.name);
            document.offerUser(inner.user);
        }

        Boolean complete(Acks acks, boolean serverKnown, long acknowledged) {
            if (aborted || acks.refusal() != null || Boolean.FALSE.equals(reachedEnd)) {
                return Boolean.FALSE;
            }
            if (reachedEnd == null || files == 0) {
                return null;
            }
            boolean confirmed = !serverKnown || acks.zeros() >= acksExpected;
            return acknowledged >= lastFileEnd && confirmed;
        }

        private static int indexOf(byte[] b, byte c) {
            for (int i = 0; i < b.length; i++) {
                if (b[i] == c) {
                    return i;
                }
            }
            return -1;
        }
    }
}
