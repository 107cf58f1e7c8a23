package io.ackwatch.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the files of one ring buffer among the inputs, so that they are analyzed as one capture: by the names
 * dumpcap and tcpdump give them, or all readable inputs together ({@code --as-one}). A set takes the place of
 * its first file among the inputs; files that belong to no set stay as they were.
 */
public final class CaptureSets {

    private CaptureSets() {}

    /** How one ring buffer names its files. */
    enum Naming {
        /** dumpcap {@code -b}: {@code prefix_00001_20261207013000.pcapng}. */
        DUMPCAP(Pattern.compile("(?<prefix>.+_)(?<n>\\d{5,9})_\\d{14}(?<suffix>(?:\\..+)?)"), true),
        /**
         * tcpdump {@code -C}: {@code trace.pcap}, {@code trace.pcap1}, {@code trace.pcap2} (with {@code -W}: zero-padded
         * numbers from 0, the bare name unused). The number follows the whole name, so a capture extension before it
         * tells it from a name that merely ends in a digit.
         */
        TCPDUMP_SIZE(Pattern.compile("(?<prefix>.+\\.(?:pcap|pcapng|cap|dmp))(?<n>\\d{0,9})(?<suffix>)"), true),
        /** tcpdump {@code -G} with a strftime name: {@code dump-2026-12-07_01-30-00.pcap}, {@code dump-20261207013000.pcap}. */
        TCPDUMP_TIME(Pattern.compile("(?<prefix>.*?)(?<n>(?:19|20)\\d\\d[-_.]?\\d\\d[-_.]?\\d\\d[-_T.]?\\d\\d[-_:.h]?\\d\\d"
                + "(?:[-_:.m]?\\d\\d)?)(?<suffix>(?:\\D.*)?)"), false);

        private final Pattern pattern;
        private final boolean numbered;

        Naming(Pattern pattern, boolean numbered) {
            this.pattern = pattern;
            this.numbered = numbered;
        }

        /** The file's place in its ring, when its name is this naming's. */
        Optional<Rotation> rotation(Path file) {
            Path name = file.getFileName();
            if (name == null) {
                return Optional.empty();
            }
            Matcher m = pattern.matcher(name.toString());
            if (!m.matches()) {
                return Optional.empty();
            }
            String n = m.group("n");
            String folder = file.getParent() == null ? "" : file.getParent().toString();
            return Optional.of(new Rotation(this, folder, m.group("prefix"), m.group("suffix"), n));
        }

        /** Whether the rotation numbers count files one by one, so that a missing number is a missing file. */
        boolean numbered() {
            return numbered;
        }
    }

    /**
     * A file's place in a ring: the ring it belongs to (naming, folder, the name around the number) and its number
     * ({@code ""} for tcpdump's first file, which has none; a date and time for {@code -G}).
     */
    record Rotation(Naming naming, String folder, String prefix, String suffix, String number) {
        Ring ring() {
            return new Ring(naming, folder, prefix, suffix);
        }

        long value() {
            return number.isEmpty() ? 0 : Long.parseLong(number.replaceAll("\\D", ""));
        }
    }

    record Ring(Naming naming, String folder, String prefix, String suffix) {}

    /**
     * The inputs with the files of each ring buffer gathered into one capture set (two files at least), or all
     * readable inputs into one when {@code asOne}.
     */
    public static List<InputFile> group(List<InputFile> inputs, boolean asOne) {
        if (asOne) {
            return allAsOne(inputs);
        }
        // a name can fit several namings (a -C ring of files named with a date): the first that gathers two files wins
        Map<Ring, List<Member>> rings = new LinkedHashMap<>();
        for (Naming naming : Naming.values()) {
            for (InputFile input : inputs) {
                if (input.problem() == null && !input.isSet()) {
                    naming.rotation(input.path()).ifPresent(r ->
                            rings.computeIfAbsent(r.ring(), k -> new ArrayList<>()).add(new Member(input, r)));
                }
            }
        }
        Map<InputFile, InputFile> setOfFirst = new LinkedHashMap<>();
        Set<InputFile> inSets = new HashSet<>();
        for (List<Member> ring : rings.values()) {
            List<Member> members = new ArrayList<>(ring.stream().filter(m -> !inSets.contains(m.input())).toList());
            if (members.size() < 2) {
                continue;
            }
            members.sort(Comparator.comparingLong((Member m) -> m.rotation().value())
                    .thenComparing(m -> m.input().displayName()));
            List<InputFile> parts = members.stream().map(Member::input).toList();
            setOfFirst.put(firstInInputOrder(inputs, parts),
                    InputFile.set(ringName(parts.get(0), members.get(0).rotation()), parts, gaps(members)));
            inSets.addAll(parts);
        }
        List<InputFile> out = new ArrayList<>();
        for (InputFile input : inputs) {
            InputFile set = setOfFirst.get(input);
            if (set != null) {
                out.add(set);
            } else if (!inSets.contains(input)) {
                out.add(input);
            }
        }
        return out;
    }

    private record Member(InputFile input, Rotation rotation) {}

    private static InputFile firstInInputOrder(List<InputFile> inputs, List<InputFile> parts) {
        return inputs.stream().filter(parts::contains).findFirst().orElseThrow();
    }

    private static List<InputFile> allAsOne(List<InputFile> inputs) {
        List<InputFile> readable = inputs.stream().filter(i -> i.problem() == null && !i.isSet()).toList();
        if (readable.size() < 2) {
            return inputs;
        }
        List<InputFile> out = new ArrayList<>();
        for (InputFile input : inputs) {
            if (input == readable.get(0)) {
                out.add(InputFile.set(name(readable), readable, List.of()));
            } else if (!readable.contains(input)) {
                out.add(input);
            }
        }
        return out;
    }

    /** Rotation numbers that are missing between two files of the set: a file deleted or not copied. */
    private static List<String> gaps(List<Member> members) {
        List<String> out = new ArrayList<>();
        if (!members.get(0).rotation().naming().numbered()) {
            return out;
        }
        for (int i = 1; i < members.size(); i++) {
            long before = members.get(i - 1).rotation().value();
            long after = members.get(i).rotation().value();
            if (after > before + 1) {
                long missing = after - before - 1;
                out.add("capture set: " + (missing == 1 ? "file number " + (before + 1) + " is"
                        : "files number " + (before + 1) + " to " + (after - 1) + " are") + " missing between "
                        + members.get(i - 1).input().displayName() + " and " + members.get(i).input().displayName()
                        + "; connections that crossed " + (missing == 1 ? "it" : "them") + " are judged on what is"
                        + " left, and nothing is known of the time " + (missing == 1 ? "it" : "they") + " covered");
            }
        }
        return out;
    }

    /** A ring's name in reports: its files' name with the number as {@code *}, a glob that selects them. */
    private static String ringName(InputFile first, Rotation rotation) {
        String shown = first.displayName();
        String fileName = first.path().getFileName().toString();
        String folder = shown.endsWith(fileName) ? shown.substring(0, shown.length() - fileName.length()) : "";
        return folder + rotation.prefix() + "*" + rotation.suffix();
    }

    /**
     * The name of a set given with {@code --as-one}: its files' names with what differs between them as {@code *} (a glob that
     * selects them), or the first file's name and how many more when they have nothing in common.
     */
    static String name(List<InputFile> parts) {
        List<String> names = parts.stream().map(InputFile::displayName).toList();
        String first = names.get(0);
        int prefix = first.length();
        int suffix = first.length();
        for (String n : names) {
            prefix = Math.min(prefix, commonPrefix(first, n));
            suffix = Math.min(suffix, commonSuffix(first, n));
        }
        suffix = Math.min(suffix, first.length() - prefix);
        String glob = first.substring(0, prefix) + "*" + first.substring(first.length() - suffix);
        if (prefix == 0 || glob.endsWith("/*")) {
            return first + " and " + (names.size() - 1) + " more";
        }
        return glob;
    }

    private static int commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static int commonSuffix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(a.length() - 1 - i) == b.charAt(b.length() - 1 - i)) {
            i++;
        }
        return i;
    }
}
