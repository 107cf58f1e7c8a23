package io.ackwatch.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * A run of a capture set's frames as Wireshark numbers them in one of the set's files.
 *
 * @param file the file of the set
 * @param firstFrame the run's first frame in that file
 * @param lastFrame the run's last frame in that file
 */
public record FileSpan(String file, long firstFrame, long lastFrame) {

    /**
     * The set's frames {@code first} to {@code last}, per file in set order; empty when {@code members} is (a
     * single capture file needs no translation).
     */
    public static List<FileSpan> of(List<SetMember> members, long first, long last) {
        List<FileSpan> out = new ArrayList<>();
        for (SetMember m : members) {
            long from = Math.max(first, m.firstFrame());
            long to = Math.min(last, m.firstFrame() + m.frames() - 1);
            if (from <= to) {
                out.add(new FileSpan(m.file(), m.localFrame(from), m.localFrame(to)));
            }
        }
        return out;
    }
}
