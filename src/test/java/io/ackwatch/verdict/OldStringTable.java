package io.ackwatch.verdict;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The string table as it was before it worked on UTF-8 bytes: the reference its replacement must match byte for byte.
 *
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
final class OldStringTable {
    /** Longest digit run written as a number (10^18 - 1 fits in a long shifted left by two). */
    private static final int MAX_NUMBER_DIGITS = 18;

    private final int maxStrings;
    private String[] strings = new String[256];
    /**
     * The same strings as chars, for comparing a word of a sentence in place: {@code String.charAt} is a call per
     * character under C1, and strings with a character beyond Latin-1 (the "–" of frame ranges) are the slow kind.
     */
    private char[][] stringChars = new char[256][];
    private int[] hashes = new int[256];
    /** Open addressing over {@link #strings}: index + 1, 0 for a free slot. */
    private int[] slots = new int[512];
    private int stringCount;
    /** The string being written, as chars (looked up by range, so no substring is made to find a word). */
    private char[] chars = new char[256];
    /** The parts of one sentence, written before their count is known. */
    private final PackedOut parts = new PackedOut();

    OldStringTable(int maxStrings) {
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

    /** Writes {@code chars[0, n)} as a sentence in parts, hashing the words on the way (one pass). */
    private void sentence(PackedOut out, int n) {
        char[] cs = chars;
        parts.reset();
        int count = 0;
        int from = 0;
        int hash = 0;
        int i = 0;
        while (i < n) {
            char c = cs[i];
            if (c < '0' || c > '9') {
                hash = 31 * hash + c;
                i++;
                continue;
            }
            int j = i;
            long value = 0;
            while (j < n && cs[j] >= '0' && cs[j] <= '9') {
                if (j - i < MAX_NUMBER_DIGITS) {
                    value = value * 10 + (cs[j] - '0');
                }
                j++;
            }
            int digits = j - i;
            if (digits <= MAX_NUMBER_DIGITS && (digits == 1 || cs[i] != '0')) {
                count += words(cs, from, i, hash);
                parts.varlong((value << 2) | 1);
                count++;
                from = j;
                hash = 0;
            } else {
                // a leading zero (the digits of "0.046") or too long: the run stays part of the words
                for (int k = i; k < j; k++) {
                    hash = 31 * hash + cs[k];
                }
            }
            i = j;
        }
        count += words(cs, from, n, hash);
        out.varint(3 + 4 * count);
        out.bytes(parts.buf, parts.pos);
    }

    /** Writes {@code cs[from, to)} (of that hash) as one part; returns the number of parts written (0 or 1). */
    private int words(char[] cs, int from, int to, int hash) {
        if (to <= from) {
            return 0;
        }
        int id = tableIndex(cs, from, to, hash, null);
        if (id >= 0) {
            parts.varlong(((long) id << 2) | 2);
        } else {
            byte[] utf8 = new String(cs, from, to - from).getBytes(StandardCharsets.UTF_8);
            parts.varlong(3 + 4L * utf8.length);
            parts.bytes(utf8, utf8.length);
        }
        return 1;
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
                    : Arrays.equals(stringChars[id], 0, stringChars[id].length, cs, from, to))) {
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
        stringChars[id] = whole != null ? whole.toCharArray() : Arrays.copyOfRange(cs, from, to);
        hashes[id] = h;
        slots[slot] = id + 1;
        if (stringCount * 2 > slots.length) {
            rehash();
        }
        return id;
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
