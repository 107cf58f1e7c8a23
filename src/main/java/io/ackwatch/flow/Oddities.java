package io.ackwatch.flow;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Oddity oddities} one side of a connection sent, each with the first frame that carried it.
 *
 * @param mask bit {@code o.ordinal()} set when oddity {@code o} was seen
 * @param firstFrames the first frame of each oddity seen, in ordinal order
 */
public record Oddities(int mask, List<Long> firstFrames) {
    public static final Oddities NONE = new Oddities(0, List.of());

    public Oddities {
        firstFrames = List.copyOf(firstFrames);
        if (Integer.bitCount(mask) != firstFrames.size()) {
            throw new IllegalArgumentException("one first frame per oddity");
        }
    }

    /** From the tracker's per-oddity first frames (index = ordinal, 0 = not seen). */
    static Oddities of(int mask, long[] frameByOrdinal) {
        if (mask == 0) {
            return NONE;
        }
        List<Long> frames = new ArrayList<>();
        for (Oddity o : Oddity.values()) {
            if ((mask & o.bit()) != 0) {
                frames.add(frameByOrdinal[o.ordinal()]);
            }
        }
        return new Oddities(mask, frames);
    }

    /** The oddities of two parts of one side: each with the earlier part's first frame when both saw it. */
    Oddities plus(Oddities later) {
        if (later.mask == 0) {
            return this;
        }
        long[] frames = new long[Oddity.values().length];
        later.firstFrameByOddity().forEach((o, frame) -> frames[o.ordinal()] = frame);
        firstFrameByOddity().forEach((o, frame) -> frames[o.ordinal()] = frame);
        return of(mask | later.mask, frames);
    }

    public boolean has(Oddity o) {
        return (mask & o.bit()) != 0;
    }

    /** Each oddity seen with its first frame, in ordinal order. */
    public Map<Oddity, Long> firstFrameByOddity() {
        Map<Oddity, Long> out = new EnumMap<>(Oddity.class);
        int i = 0;
        for (Oddity o : Oddity.values()) {
            if (has(o)) {
                out.put(o, firstFrames.get(i++));
            }
        }
        return out;
    }
}
