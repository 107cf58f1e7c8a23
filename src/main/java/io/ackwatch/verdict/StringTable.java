package io.ackwatch.verdict;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The strings of one capture's packed verdicts ({@link VerdictPacker}): those that repeat across connections
 * (addresses, histories, rule ids, job fields, the reasoning of healthy connections) are stored once, up to a
 * maximum; the rest inline.
 *
 * <p>Tags: 0 null; 1 + 4 * index a table string; 2 + 4 * length inline UTF-8; 3 + 4 * parts a sentence in parts.
 * Sentences (finding messages, filters, the reasoning of troubled connections) are mostly the same words around
 * different numbers, so they are cut at their numbers: the words go to the table, the numbers are written as
 * numbers. A part is (number << 2) | 1, (index << 2) | 2, or (UTF-8 length << 2) | 3 and the bytes.
 *
 * <p>Not thread-safe while writing; reading is safe once writing is over (the table is only read then).
 */
final class StringTable {
    /** Longest digit run written as a number (10^18 - 1 fits in a long shifted left by two). */
    private static final int MAX_NUMBER_DIGITS = 18;
    private static final int GUESS_SETS = 1 << 11;
    private static final int WAYS = 4;

    private final int maxStrings;
    private String[] strings = new String[256];
    /**
     * The same strings as chars, for comparing a word of a sentence in place: {@code String.charAt} is a call per
     * character under C1, and strings with a character beyond Latin-1 (the "–" of frame ranges) are the slow kind.
     * Made when first needed for a string stored whole.
     */
    private char[][] stringChars = new char[256][];
    private int[] hashes = new int[256];
    /** Open addressing over {@link #strings}: index + 1, 0 for a free slot. */
    private int[] slots = new int[512];
    private int stringCount;
    /** The string being written, as chars (looked up by range, so no substring is made to find a word). */
    private char[] chars = new char[256];
    /**
     * Words found lately, by the word before them (before the number between) and their first character:
     * {@link #WAYS} entries of 1 + table index per set, the latest first, 0 for none.
     */
    private final int[] guesses = new int[GUESS_SETS * WAYS];
    /** The hash of the word {@link #wordEnd} found last. */
    private int scannedHash;
    /** The parts of one sentence, written before their count is known. */
    private final PackedOut parts = new PackedOut();

    StringTable(int maxStrings) {
        this.maxStrings = maxStrings;
    }

    /** Writes {@code s} (may be null); {@code share}: put it in the table whole, else cut it at its numbers. */
    void write(PackedOut out, String s, boolean share) {
        if (s == null) {
            out.varint(0);
            return;
        }
        if (!share) {
            int n = s.length();
            if (chars.length < n) {
                chars = new char[Math.max(n, chars.length * 2)];
            }
            s.getChars(0, n, chars, 0);
            sentence(out, n);
            return;
        }
        int id = tableIndex(null, 0, 0, s.hashCode(), s);
        if (id >= 0) {
            out.varint(1 + 4 * id);
        } else {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.varlong(2 + 4L * utf8.length);
            out.bytes(utf8, utf8.length);
        }
    }

    /**
     * Writes {@code chars[0, n)} as a sentence in parts. Sentences follow a few templates, so the word after a
     * number is nearly always one that followed the word before it lately: those guesses are checked in place
     * (a few array compares) before the word is found by scanning and hashing it.
     */
    private void sentence(PackedOut out, int n) {
        char[] cs = chars;
        parts.reset();
        int count = 0;
        int p = 0;
        int previousWord = -1;
        while (p < n) {
            char c = cs[p];
            if (c >= '0' && c <= '9') {
                int j = digitsEnd(cs, p, n);
                if (isNumber(cs, p, j)) {
                    parts.varlong((value(cs, p, j) << 2) | 1);
                    count++;
                    p = j;
                    continue;
                }
                // a run with a leading zero or too long: a word begins with it
            }
            int set = guessSet(previousWord, c);
            int id = -1;
            int end = -1;
            for (int k = set; k < set + WAYS; k++) {
                int guess = guesses[k] - 1;
                if (guess < 0) {
                    break;
                }
                end = guessedEnd(guess, cs, p, n);
                if (end >= 0) {
                    id = guess;
                    break;
                }
            }
            if (end < 0) {
                end = wordEnd(cs, p, n);
                id = tableIndex(cs, p, end, scannedHash, null);
                if (id >= 0) {
                    remember(set, id);
                }
            }
            if (id >= 0) {
                parts.varlong(((long) id << 2) | 2);
            } else {
                byte[] utf8 = new String(cs, p, end - p).getBytes(StandardCharsets.UTF_8);
                parts.varlong(3 + 4L * utf8.length);
                parts.bytes(utf8, utf8.length);
            }
            count++;
            previousWord = id;
            p = end;
        }
        out.varint(3 + 4 * count);
        out.bytes(parts.buf, parts.pos);
    }

    /** End of the run of digits that starts at {@code from}. */
    private static int digitsEnd(char[] cs, int from, int n) {
        int j = from;
        while (j < n && cs[j] >= '0' && cs[j] <= '9') {
            j++;
        }
        return j;
    }

    /**
     * True when the digit run {@code cs[from, to)} is written as a number: not too long, and without a leading
     * zero (the digits of "0.046" stay part of the words).
     */
    private static boolean isNumber(char[] cs, int from, int to) {
        int digits = to - from;
        return digits <= MAX_NUMBER_DIGITS && (digits == 1 || cs[from] != '0');
    }

    private static long value(char[] cs, int from, int to) {
        long value = 0;
        for (int k = from; k < to; k++) {
            value = value * 10 + (cs[k] - '0');
        }
        return value;
    }

    /**
     * End of the word that starts at {@code from}: the next digit run written as a number, or the end; its
     * {@link String#hashCode()} is left in {@link #scannedHash}.
     */
    private int wordEnd(char[] cs, int from, int n) {
        int hash = 0;
        int i = from;
        while (i < n) {
            char c = cs[i];
            if (c < '0' || c > '9') {
                hash = 31 * hash + c;
                i++;
                continue;
            }
            int j = digitsEnd(cs, i, n);
            if (isNumber(cs, i, j)) {
                break;
            }
            for (int k = i; k < j; k++) {
                hash = 31 * hash + cs[k];
            }
            i = j;
        }
        scannedHash = hash;
        return i;
    }

    /** Where the guesses for a word that starts with {@code c} after word {@code previousWord} are kept. */
    private static int guessSet(int previousWord, char c) {
        int h = (previousWord + 2) * 0x9E3779B9 + c * 0x85EBCA6B;
        return ((h ^ (h >>> 16)) & (GUESS_SETS - 1)) * WAYS;
    }

    /** Puts {@code id} first among the guesses of {@code set}, the least recently found one dropping out. */
    private void remember(int set, int id) {
        int k = set;
        while (k < set + WAYS - 1 && guesses[k] != id + 1) {
            k++;
        }
        System.arraycopy(guesses, set, guesses, set + 1, k - set);
        guesses[set] = id + 1;
    }

    /**
     * End of the word at {@code p} when it is table string {@code id}: that string is there, and a number or
     * the end follows it (else the word goes on); -1 when not. The cheap tests come first: most wrong guesses
     * end where no number starts.
     */
    private int guessedEnd(int id, char[] cs, int p, int n) {
        char[] w = charsOf(id);
        int end = p + w.length;
        if (end > n || w.length == 0 || cs[end - 1] != w[w.length - 1]) {
            return -1;
        }
        if (end < n) {
            char next = cs[end];
            char last = cs[end - 1];
            if (next < '0' || next > '9' || last >= '0' && last <= '9'
                    || !isNumber(cs, end, digitsEnd(cs, end, n))) {
                return -1;
            }
        }
        return Arrays.equals(w, 0, w.length, cs, p, end) ? end : -1;
    }

    /**
     * The index in the table of {@code whole}, or when that is null of the string {@code cs[from, to)}, whose
     * {@link String#hashCode()} is {@code h}; adds it while there is room; -1 when it is not there.
     */
    private int tableIndex(char[] cs, int from, int to, int h, String whole) {
        int mask = slots.length - 1;
        int slot = (h ^ (h >>> 16)) & mask;
        for (int id; (id = slots[slot] - 1) >= 0; slot = (slot + 1) & mask) {
            if (hashes[id] == h && (whole != null ? whole.equals(strings[id])
                    : sameChars(id, cs, from, to))) {
                return id;
            }
        }
        if (stringCount == maxStrings) {
            return -1;
        }
        int id = stringCount++;
        if (id == strings.length) {
            strings = Arrays.copyOf(strings, id * 2);
            stringChars = Arrays.copyOf(stringChars, id * 2);
            hashes = Arrays.copyOf(hashes, id * 2);
        }
        strings[id] = whole != null ? whole : new String(cs, from, to - from);
        // a string stored whole gets its chars when first compared with a word: most never are
        stringChars[id] = whole != null ? null : Arrays.copyOfRange(cs, from, to);
        hashes[id] = h;
        slots[slot] = id + 1;
        if (stringCount * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    private boolean sameChars(int id, char[] cs, int from, int to) {
        char[] w = charsOf(id);
        return Arrays.equals(w, 0, w.length, cs, from, to);
    }

    private char[] charsOf(int id) {
        char[] w = stringChars[id];
        if (w == null) {
            stringChars[id] = w = strings[id].toCharArray();
        }
        return w;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int id = 0; id < stringCount; id++) {
            int slot = (hashes[id] ^ (hashes[id] >>> 16)) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id + 1;
        }
    }

    /** Reads a string written by {@link #write}. */
    String read(PackedIn in) {
        long tag = in.varlong();
        if (tag == 0) {
            return null;
        }
        return switch ((int) (tag & 3)) {
            case 1 -> strings[(int) (tag >>> 2)];
            case 2 -> in.utf8((int) (tag >>> 2));
            default -> sentence(in, (int) (tag >>> 2));
        };
    }

    private String sentence(PackedIn in, int parts) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < parts; k++) {
            long part = in.varlong();
            switch ((int) (part & 3)) {
                case 1 -> sb.append(part >>> 2);
                case 2 -> sb.append(strings[(int) (part >>> 2)]);
                default -> sb.append(in.utf8((int) (part >>> 2)));
            }
        }
        return sb.toString();
    }
}
