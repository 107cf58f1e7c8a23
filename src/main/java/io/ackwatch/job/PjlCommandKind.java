package io.ackwatch.job;

import java.util.Set;

/**
 * What a PJL command (a {@link JobInfo#pjlCommands()} key such as "SET RESOLUTION") is to the printer: part of an
 * ordinary job header, a command that changes the printer itself, or a line no PJL reference knows. The onset
 * analysis weighs the last two as odd input, since they reach firmware code a driver's job header never does.
 * Declared from the most ordinary to the oddest.
 */
public enum PjlCommandKind {
    /** Job boundaries, per-job settings, status and comments: what drivers put in every job. */
    JOB_HEADER("a job-header command"),
    /** Defaults kept across jobs, reset and initialisation, the file system, device management. */
    PRINTER_STATE("a command that changes the printer itself: defaults, reset, file system, device management"),
    /** A command word outside HP's PJL reference, or one with bytes a command word never has. */
    UNKNOWN("no PJL command");

    private final String description;

    PjlCommandKind(String description) {
        this.description = description;
    }

    /** For reports: "no PJL command". */
    public String description() {
        return description;
    }

    private static final Set<String> HEADER = Set.of("", "JOB", "EOJ", "SET", "ENTER", "COMMENT", "ECHO", "INFO",
            "INQUIRE", "DINQUIRE", "USTATUS", "USTATUSOFF", "RDYMSG", "OPMSG", "STMSG");
    private static final Set<String> STATE = Set.of("DEFAULT", "INITIALIZE", "RESET", "FSAPPEND", "FSDELETE",
            "FSDIRLIST", "FSDOWNLOAD", "FSINIT", "FSMKDIR", "FSQUERY", "FSUPLOAD", "DMCMD", "DMINFO");

    /** The kind of a command key: its first word decides, a '?' (a byte no command word has) makes it unknown. */
    public static PjlCommandKind of(String key) {
        if (key.indexOf('?') >= 0) {
            return UNKNOWN;
        }
        int space = key.indexOf(' ');
        String command = space < 0 ? key : key.substring(0, space);
        return HEADER.contains(command) ? JOB_HEADER : STATE.contains(command) ? PRINTER_STATE : UNKNOWN;
    }

    /** True for the kinds the onset analysis counts as odd input. */
    public boolean odd() {
        return this != JOB_HEADER;
    }
}
