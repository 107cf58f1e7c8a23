package io.ackwatch.job;

import java.util.List;
import java.util.Locale;

/**
 * What the print job on one connection was, read from the client's byte stream and the printer's replies.
 * Fields that could not be read are null ("unknown"), never an error.
 *
 * @param language the document's language (PCL, PCL XL, PostScript, PDF; PJL for a PJL-only job), also for
 *     LPD and IPP jobs; LPD or IPP when only the protocol was recognised; null when unknown
 * @param name job or document name
 * @param user user name
 * @param host client host name (LPD H, PJL/PS where given)
 * @param operation IPP operation or LPD command, null for raw jobs
 * @param clientBytes bytes the client sent in sequence space
 * @param acknowledgedBytes bytes the printer acknowledged
 * @param complete TRUE when the job's end marker was delivered and acknowledged, FALSE when it was not,
 *     null when the language has no end marker ackwatch can see
 * @param printerMessages what the printer said back (PJL USTATUS/INFO replies, PostScript messages, LPD replies,
 *     every IPP reply: status, status-message, job-id and job-state), in order
 * @param pjlCommands the PJL commands of the job's header, each once in first-seen order, as {@link PjlLine#key()}
 *     names them ("SET RESOLUTION", "ENTER LANGUAGE"); at most {@link #MAX_PJL_COMMANDS}
 */
public record JobInfo(
        String language,
        String name,
        String user,
        String host,
        String operation,
        long clientBytes,
        long acknowledgedBytes,
        Boolean complete,
        List<String> printerMessages,
        List<String> pjlCommands) {
    /** Distinct PJL commands kept per job; a driver's header has a few dozen lines. */
    public static final int MAX_PJL_COMMANDS = 32;

    public JobInfo {
        printerMessages = List.copyOf(printerMessages);
        pjlCommands = List.copyOf(pjlCommands);
    }

    /** A job whose header had no PJL commands (or none were read). */
    public JobInfo(String language, String name, String user, String host, String operation, long clientBytes,
            long acknowledgedBytes, Boolean complete, List<String> printerMessages) {
        this(language, name, user, host, operation, clientBytes, acknowledgedBytes, complete, printerMessages,
                List.of());
    }

    /**
     * One line for reports, e.g. {@code PDF job 'Q3-report.pdf' from alice@ws12: 8,192 of 1,204,224 bytes
     * acknowledged, end of job not acknowledged; printer: 30016 PAPER JAM}.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (language != null) {
            sb.append(language).append(' ');
        }
        sb.append("job");
        if (operation != null) {
            sb.append(" (").append(operation).append(')');
        }
        if (name != null) {
            sb.append(" '").append(name).append('\'');
        }
        if (user != null || host != null) {
            sb.append(" from ").append(user != null ? user : "?");
            if (host != null) {
                sb.append('@').append(host);
            }
        }
        sb.append(": ");
        grouped(sb, Math.min(acknowledgedBytes, clientBytes));
        sb.append(" of ");
        grouped(sb, clientBytes);
        sb.append(" bytes acknowledged");
        if (complete != null) {
            sb.append(complete ? ", end of job acknowledged" : ", end of job not acknowledged");
        }
        if (!printerMessages.isEmpty()) {
            sb.append("; printer: ").append(String.join(", ", printerMessages));
        }
        return sb.toString();
    }

    /** {@code v} with a comma between thousands, as {@code String.format(Locale.ROOT, "%,d", v)} writes it. */
    static void grouped(StringBuilder sb, long v) {
        String digits = Long.toString(v);
        int first = v < 0 ? 1 : 0;
        sb.append(digits, 0, first);
        int n = digits.length() - first;
        for (int i = 0; i < n; i++) {
            if (i > 0 && (n - i) % 3 == 0) {
                sb.append(',');
            }
            sb.append(digits.charAt(first + i));
        }
    }
}
