package io.ackwatch.job;

import java.util.ArrayList;
import java.util.List;

/**
 * One PJL command line split into words: {@code @PJL SET USERNAME = "alice"} gives
 * {@code [@PJL, SET, USERNAME, =, alice]}. Quoted values keep their case and spaces; an unclosed quote runs
 * to the end of the line.
 */
record PjlLine(List<String> words) {
    /** Words kept per line; real PJL lines have fewer than ten. */
    private static final int MAX_WORDS = 32;

    static PjlLine parse(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n && words.size() < MAX_WORDS) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == '=') {
                words.add("=");
                i++;
            } else if (c == '"') {
                int close = line.indexOf('"', i + 1);
                int end = close < 0 ? n : close;
                words.add(line.substring(i + 1, end));
                i = end + 1;
            } else {
                int start = i;
                while (i < n && !separates(line.charAt(i))) {
                    i++;
                }
                words.add(line.substring(start, i));
            }
        }
        return new PjlLine(words);
    }

    /** Ends an unquoted word: a blank, '=' or an opening quote. */
    private static boolean separates(char c) {
        return c == ' ' || c == '\t' || c == '=' || c == '"';
    }

    /** The command after {@code @PJL}, upper case, or "" for a bare {@code @PJL}. */
    String command() {
        return words.size() > 1 ? Text.upperAscii(words.get(1)) : "";
    }

    /**
     * The command as the onset analysis compares it: the command word, with the variable it sets or asks for
     * (SET, DEFAULT, INQUIRE, DINQUIRE) or the word after ENTER ("SET RESOLUTION", "ENTER LANGUAGE", "JOB").
     * Each word is cut to {@value #MAX_KEY_WORD} characters and anything but letters, digits, '_' and '-' shows
     * as '?', so a malformed line still makes a short, printable key.
     */
    String key() {
        String command = keyWord(1);
        return switch (command) {
            case "SET", "DEFAULT", "INQUIRE", "DINQUIRE", "ENTER" -> words.size() > 2 && !words.get(2).equals("=")
                    ? command + " " + keyWord(2) : command;
            default -> command;
        };
    }

    private static final int MAX_KEY_WORD = 24;

    private String keyWord(int i) {
        String w = upperWord(i);
        StringBuilder sb = new StringBuilder(Math.min(w.length(), MAX_KEY_WORD));
        for (int k = 0; k < w.length() && k < MAX_KEY_WORD; k++) {
            char c = w.charAt(k);
            boolean plain = c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
            sb.append(plain ? c : '?');
        }
        return sb.toString();
    }

    /** Word {@code i} in upper case, or "". */
    String upperWord(int i) {
        return i < words.size() ? Text.upperAscii(words.get(i)) : "";
    }

    /** The value after {@code key =} anywhere after the command (e.g. NAME in JOB NAME="x"), or null. */
    String value(String key) {
        for (int i = 1; i + 2 < words.size(); i++) {
            if (Text.upperAscii(words.get(i)).equals(key) && words.get(i + 1).equals("=")) {
                return words.get(i + 2);
            }
        }
        return null;
    }
}
