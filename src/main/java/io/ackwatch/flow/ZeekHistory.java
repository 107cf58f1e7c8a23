package io.ackwatch.flow;

import java.util.Arrays;

/**
 * Zeek's connection history letters ({@code Conn::Info$history}), kept per side while packets arrive and
 * rendered once the client is known (upper case client, lower case server). Rules as Zeek applies them:
 * a/d/i/q at most once per side; s/h/f/r again only when the sequence number differs from the last such
 * packet; g/t/w logarithmic (letter at the 1st, 10th, 100th, ... event). At most {@value #MAX} letters.
 */
final class ZeekHistory {
    static final int MAX = 32;

    private static final int K_SYN = 0;
    private static final int K_SYNACK = 1;
    private static final int K_FIN = 2;
    private static final int K_RST = 3;
    // the letters Zeek writes at most once per side, by their bit in onceMask
    private static final int ONCE_A = 0;
    private static final int ONCE_D = 1;
    private static final int ONCE_I = 2;
    private static final int ONCE_Q = 3;

    private final byte[] letters = new byte[MAX];
    private final boolean[] fromA = new boolean[MAX];
    private int length;
    private final long[] lastSeq = new long[8];
    private int onceMask;
    private final long[] logCount = new long[6];
    private final long[] logNext = new long[6];

    ZeekHistory() {
        reset();
    }

    /** An empty history, for a reused {@link Connection}. */
    void reset() {
        Arrays.fill(letters, (byte) 0);
        Arrays.fill(fromA, false);
        length = 0;
        Arrays.fill(lastSeq, -1);
        onceMask = 0;
        Arrays.fill(logCount, 0);
        Arrays.fill(logNext, 1);
    }

    /** One packet from side A ({@code sideA}) or B. */
    void packet(boolean sideA, int flags, long seq, int len, boolean retransmitted, boolean zeroWindow, boolean gap) {
        boolean syn = (flags & SequenceAnalysis.SYN) != 0;
        boolean ack = (flags & SequenceAnalysis.ACK) != 0;
        boolean fin = (flags & SequenceAnalysis.FIN) != 0;
        boolean rst = (flags & SequenceAnalysis.RST) != 0;
        if (syn) {
            if (fin || rst) {
                once(sideA, ONCE_Q, 'q');
            }
            repeatable(sideA, ack ? K_SYNACK : K_SYN, ack ? 'h' : 's', seq);
        }
        if (fin && rst) {
            once(sideA, ONCE_I, 'i');
        }
        if (fin) {
            repeatable(sideA, K_FIN, 'f', seq);
        }
        if (rst) {
            repeatable(sideA, K_RST, 'r', seq);
        }
        if (len > 0) {
            once(sideA, ONCE_D, 'd');
            if (retransmitted) {
                logarithmic(sideA, 0, 't');
            }
        } else if (ack && !syn && !fin && !rst) {
            once(sideA, ONCE_A, 'a');
        }
        if (zeroWindow) {
            logarithmic(sideA, 1, 'w');
        }
        if (gap) {
            logarithmic(sideA, 2, 'g');
        }
    }

    private void once(boolean sideA, int kind, char letter) {
        int bit = 1 << (kind + (sideA ? 0 : 4));
        if ((onceMask & bit) == 0) {
            onceMask |= bit;
            append(sideA, letter);
        }
    }

    private void repeatable(boolean sideA, int kind, char letter, long seq) {
        int i = (sideA ? 0 : 4) + kind;
        if (lastSeq[i] != seq) {
            lastSeq[i] = seq;
            append(sideA, letter);
        }
    }

    private void logarithmic(boolean sideA, int kind, char letter) {
        int i = (sideA ? 0 : 3) + kind;
        if (++logCount[i] == logNext[i]) {
            logNext[i] *= 10;
            append(sideA, letter);
        }
    }

    private void append(boolean sideA, char letter) {
        if (length < MAX) {
            letters[length] = (byte) letter;
            fromA[length] = sideA;
            length++;
        }
    }

    String render(boolean clientIsA) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            char c = (char) letters[i];
            out[i] = fromA[i] == clientIsA ? Character.toUpperCase(c) : c;
        }
        return new String(out);
    }
}
