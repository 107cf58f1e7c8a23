package io.ackwatch.flow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a local tshark, if there is one, the way the corpus oracle was made ({@code -2}, default preferences). */
final class Tshark {
    /** Stream and analysis flags tshark reports for one frame. */
    record FrameResult(long frame, int stream, int flags) {}

    private Tshark() {}

    static boolean available() {
        try {
            Process p = new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(30, TimeUnit.SECONDS) && v.contains("TShark (Wireshark) 4.0.");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static List<FrameResult> analyse(Path pcap, Path configDir) throws IOException, InterruptedException {
        List<String> fields = new ArrayList<>(List.of("frame.number", "tcp.stream"));
        for (TcpAnalysisFlag f : TcpAnalysisFlag.values()) {
            fields.add(f.displayFilter());
        }
        List<FrameResult> results = new ArrayList<>();
        for (String[] c : fields(pcap, configDir, null, fields)) {
            int flags = 0;
            for (TcpAnalysisFlag f : TcpAnalysisFlag.values()) {
                if (!c[2 + f.ordinal()].isEmpty()) {
                    flags |= f.bit();
                }
            }
            results.add(new FrameResult(Long.parseLong(c[0]), c[1].isEmpty() ? -1 : Integer.parseInt(c[1]), flags));
        }
        return results;
    }

    /** The flags of {@code results} counted per stream, as {@link TcpFlow#analysis()} counts them. */
    static java.util.Map<Integer, AnalysisCounts> countsByStream(List<FrameResult> results) {
        java.util.Map<Integer, int[]> counts = new java.util.TreeMap<>();
        for (FrameResult r : results) {
            int[] c = counts.computeIfAbsent(r.stream(), k -> new int[TcpAnalysisFlag.COUNT]);
            for (TcpAnalysisFlag f : TcpAnalysisFlag.values()) {
                c[f.ordinal()] += f.in(r.flags()) ? 1 : 0;
            }
        }
        java.util.Map<Integer, AnalysisCounts> out = new java.util.TreeMap<>();
        counts.forEach((stream, c) -> out.put(stream, new AnalysisCounts(c)));
        return out;
    }

    /**
     * {@code tshark -T fields}: one row per frame that passes {@code displayFilter} (all when null), a cell per
     * field, several occurrences of a field joined by commas.
     */
    static List<String[]> fields(Path pcap, Path configDir, String displayFilter, List<String> fields)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-2", "-n", "-r", pcap.toString(),
                "-o", "tcp.analyze_sequence_numbers:TRUE", "-o", "tcp.relative_sequence_numbers:TRUE",
                "-o", "tcp.calculate_timestamps:TRUE", "-o", "tcp.check_checksum:FALSE",
                "-o", "ip.check_checksum:FALSE", "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a",
                "-E", "aggregator=,"));
        if (displayFilter != null) {
            cmd.addAll(List.of("-Y", displayFilter));
        }
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("WIRESHARK_CONFIG_DIR", configDir.toString());
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("TZ", "UTC");
        Path out = Files.createTempFile(configDir, "tshark", ".tsv");
        pb.redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tshark timed out");
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            rows.add(line.split("\t", -1));
        }
        Files.delete(out);
        return rows;
    }
}
