package io.ackwatch.capture;

/**
 * One file of a capture set (the files of one ring buffer read as one capture): where its frames fall in the
 * set's continuous numbering, which is that of {@code mergecap -a} of the set's files in order.
 *
 * @param file the file as the user gave it, or as found under a folder they gave
 * @param firstFrame the set's frame number of this file's frame 1
 * @param frames packet records read from this file
 * @param format container format of this file
 * @param identity size and SHA-256 of this file, null when it could not be read to its end
 */
public record SetMember(String file, long firstFrame, long frames, CaptureFormat format, FileIdentity identity) {

    /** True when the set's frame {@code frame} was read from this file. */
    public boolean holds(long frame) {
        return frame >= firstFrame && frame < firstFrame + frames;
    }

    /** The number Wireshark shows for the set's frame {@code frame} when this file is opened alone. */
    public long localFrame(long frame) {
        return frame - firstFrame + 1;
    }
}
