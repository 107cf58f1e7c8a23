package io.ackwatch.flow;

/**
 * Bounds and choices for the flow tracker.
 *
 * @param interest which connections get per-segment detail
 * @param logHead segments kept from the start of a detailed connection
 * @param logTail segments kept from the end of a detailed connection
 * @param streamHeadBytes bytes kept from the start of each direction's byte stream
 * @param streamTailBytes bytes kept from the end of each direction's byte stream
 */
public record FlowOptions(FlowInterest interest, int logHead, int logTail, int streamHeadBytes, int streamTailBytes) {

    public static FlowOptions defaults(FlowInterest interest) {
        // 16 KiB of each stream's start holds every job header the job readers look for (PJL, DSC comments, LPD
        // control files, IPP requests); a bigger head costs allocation and scanning on every connection
        return new FlowOptions(interest, 2048, 2048, 16384, 4096);
    }
}
