package io.ackwatch.capture;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Frames of a capture set given as Wireshark shows them in one of the set's files.
 *
 * @param file the file of the set
 * @param frames frame numbers within that file, ascending
 */
public record FileFrames(String file, List<Long> frames) {
    public FileFrames {
        frames = List.copyOf(frames);
    }

    /**
     * The set's frames {@code frames}, per file in set order; files holding none of them are left out. Empty
     * when {@code members} is (a single capture file needs no translation).
     */
    public static List<FileFrames> of(List<SetMember> members, Collection<Long> frames) {
        List<FileFrames> out = new ArrayList<>();
        for (SetMember m : members) {
            List<Long> local = new ArrayList<>();
            for (long frame : frames) {
                if (m.holds(frame)) {
                    local.add(m.localFrame(frame));
                }
            }
            if (!local.isEmpty()) {
                local.sort(null);
                out.add(new FileFrames(m.file(), local));
            }
        }
        return out;
    }
}
