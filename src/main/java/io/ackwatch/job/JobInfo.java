package io.ackwatch.job;

import java.util.List;

/**
 * What the print job on one connection was, read from the client's byte stream and the printer's replies.
 * Fields that could not be read are null ("unknown"), never an error.
 *
 * @param language job language: PJL, PCL, PostScript, PDF, LPD, IPP, or null when unknown
 * @param name job or document name
 * @param user user name
 * @param host client host name (LPD H, PJL/PS where given)
 * @param operation IPP operation or LPD command, null for raw jobs
 * @param clientBytes bytes the client sent in sequence space
 * @param acknowledgedBytes bytes the printer acknowledged
 * @param complete TRUE when the job's end marker was delivered and acknowledged, FALSE when it was not,
 *     null when the language has no end marker ackwatch can see
 * @param printerMessages what the printer said back (PJL USTATUS/INFO replies, IPP status), in order
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
        List<String> printerMessages) {

    public JobInfo {
        printerMessages = List.copyOf(printerMessages);
    }
}
