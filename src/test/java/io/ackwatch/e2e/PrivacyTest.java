package io.ackwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.analysis.PrinterSet;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;
import io.ackwatch.job.JobReader;
import io.ackwatch.testsupport.CliProcess;
import io.ackwatch.testsupport.ReportSchema;
import io.ackwatch.testsupport.TrackedFlows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --privacy} keeps every name of the testdata print jobs, and the documents' own bytes, out of every byte
 * of every report format and of every evidence file ({@code --extract}). The names come from the generator's sidecars and from the job reader run on the
 * captures (not from ackwatch's report), the document strings from the captured client payload. The captures are
 * copied under neutral file names first, so that a file name ("...-client-cli1.pcap") cannot hide or fake a leak.
 */
class PrivacyTest {
    private static final Pattern PSEUDONYM = Pattern.compile("(user|job|host)-[0-9a-f]{12}");
    private static final List<String> FORMATS = List.of("text", "json", "junit", "markdown", "html");
    /** Document strings taken per capture: printable runs at least this long, with this many different bytes. */
    private static final int MIN_RUN = 16;
    private static final int MIN_DISTINCT = 8;
    private static final int RUNS_PER_FLOW = 6;

    @TempDir
    Path dir;

    @Test
    void noNameAndNoDocumentStringSurvivesInAnyFormat() throws Exception {
        Testdata.assumePresent();
        Path captures = Files.createDirectories(dir.resolve("in"));
        Map<String, String> names = new TreeMap<>(); // name -> where it was found, for the failure message
        Set<String> documentStrings = new TreeSet<>();
        int i = 0;
        for (Path capture : Testdata.captures()) {
            Files.copy(capture, captures.resolve(String.format("capture-%02d.pcap", ++i)));
            for (Sidecar.Connection c : Sidecar.of(capture).connections()) {
                put(names, c.jobName(), "sidecar job name");
                put(names, c.jobUser(), "sidecar user");
            }
            for (TcpFlow flow : TrackedFlows.of(capture)) {
                if (!PrinterSet.defaults().isPrinter(flow.server())) {
                    continue;
                }
                JobInfo job = new JobReader().read(flow, PrinterSet.defaults().service(flow.server()));
                if (job != null) {
                    put(names, job.name(), "job name read from " + capture);
                    put(names, job.user(), "user read from " + capture);
                    put(names, job.host(), "host read from " + capture);
                }
                documentStrings.addAll(printableRuns(flow.clientStream().head()));
            }
        }
        assertThat(names).as("names in the testdata").containsKeys("Quarterly report.doc", "jsmith", "Order 4714",
                "frank", "wkst721");
        assertThat(documentStrings).as("document strings in the testdata").hasSizeGreaterThan(20);

        Path out = dir.resolve("reports");
        Path evidence = dir.resolve("evidence");
        CliRun run = CliRun.of("analyze", "--verbose", "--privacy", "--format", String.join(",", FORMATS),
                "--output-dir", out.toString(), "--extract", evidence.toString(), captures.toString());
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        List<Path> reports;
        try (var files = Files.list(out)) {
            reports = files.sorted().toList();
        }
        assertThat(reports).hasSize(FORMATS.size());
        for (Path report : reports) {
            String text = new String(Files.readAllBytes(report), StandardCharsets.UTF_8);
            Map<String, String> leaked = new LinkedHashMap<>();
            names.forEach((name, source) -> {
                if (shown(text, name)) {
                    leaked.put(name, source);
                }
            });
            assertThat(leaked).as("names in " + report.getFileName()).isEmpty();
            assertThat(documentStrings.stream().filter(text::contains).toList())
                    .as("document strings in " + report.getFileName()).isEmpty();
            assertThat(text).as("pseudonyms in " + report.getFileName()).containsPattern(PSEUDONYM)
                    .as("the report says how the names were hidden").containsIgnoringCase("privacy")
                    .contains("only in the reports of this run");
        }
        assertThat(run.err()).as("stderr").doesNotContain("jsmith", "Quarterly");
        assertNothingSurvivesInEvidence(evidence, names, documentStrings);
    }

    /**
     * The evidence files are binary: read as ISO-8859-1, every byte is one character, so a name or a document
     * string in a payload or a comment shows as the same characters.
     */
    private static void assertNothingSurvivesInEvidence(Path evidence, Map<String, String> names,
            Set<String> documentStrings) throws IOException {
        List<Path> files;
        try (var listed = Files.list(evidence)) {
            files = listed.sorted().toList();
        }
        assertThat(files).as("evidence files of the failed and degraded connections").hasSizeGreaterThan(10)
                .allMatch(f -> f.getFileName().toString().endsWith(".pcapng"));
        for (Path file : files) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            List<String> leaked = names.keySet().stream().filter(name -> shown(bytes, name)).toList();
            assertThat(leaked).as("names in evidence file " + file.getFileName()).isEmpty();
            assertThat(documentStrings.stream().filter(bytes::contains).toList())
                    .as("document strings in evidence file " + file.getFileName()).isEmpty();
        }
    }

    @Test
    void randomKeysDifferBetweenRunsAndAKeyFileGivesTheSamePseudonymsInEveryRunAndFormat() throws IOException {
        Testdata.assumePresent();
        String seed = Testdata.SEED.toString();
        Set<String> random1 = pseudonyms(CliRun.of("analyze", "--privacy", seed).out());
        Set<String> random2 = pseudonyms(CliRun.of("analyze", "--privacy", seed).out());
        assertThat(random1).hasSize(2); // 'Quarterly report.doc' from jsmith
        assertThat(random2).hasSize(2).doesNotContainAnyElementsOf(random1);

        Path key = Files.writeString(dir.resolve("key"), "correct horse battery staple\n");
        Path out = dir.resolve("keyed");
        CliRun keyed = CliRun.of("analyze", "--privacy-key-file", key.toString(), "--format",
                String.join(",", FORMATS), "--output-dir", out.toString(), seed);
        assertThat(keyed.exitCode()).as(keyed.describe()).isEqualTo(1);
        Set<String> inText = pseudonyms(Files.readString(out.resolve("ackwatch-report.txt")));
        assertThat(inText).as("--privacy-key-file implies --privacy").hasSize(2).doesNotContainAnyElementsOf(random1);
        assertThat(ReportSchema.problems(Files.readString(out.resolve("ackwatch-report.json"))))
                .as("the JSON report with its privacy object against the schema").isEmpty();
        for (String file : List.of("ackwatch-report.json", "ackwatch-report.xml", "ackwatch-report.md",
                "ackwatch-report.html")) {
            String report = Files.readString(out.resolve(file));
            assertThat(pseudonyms(report)).as(file).isEqualTo(inText);
            assertThat(report).as(file).contains("in every run with that key").doesNotContain("correct horse");
        }
        assertThat(pseudonyms(CliRun.of("analyze", "--privacy", "--privacy-key-file", key.toString(), seed).out()))
                .as("another run, the same key").isEqualTo(inText);
        Path sameKeyNoNewline = Files.writeString(dir.resolve("key2"), "correct horse battery staple");
        assertThat(pseudonyms(CliRun.of("analyze", "--privacy-key-file", sameKeyNoNewline.toString(), seed).out()))
                .as("a line break at the end of the key file is not part of the key").isEqualTo(inText);
    }

    @Test
    void theKeyMayComeFromTheEnvironmentInsteadOfAFile() throws Exception {
        Testdata.assumePresent();
        String key = "correct horse battery staple";
        Path keyFile = Files.writeString(dir.resolve("key"), key);
        Set<String> fromFile = pseudonyms(CliRun.of("analyze", "--privacy-key-file", keyFile.toString(),
                Testdata.SEED.toString()).out());
        ProcessBuilder child = new ProcessBuilder(CliProcess.command(List.of(), System.getProperty("java.class.path"),
                List.of("analyze", "--privacy", "--format", "json", Testdata.SEED.toString())))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        child.environment().put("ACKWATCH_PRIVACY_KEY", key);
        Process process = child.start();
        String json = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(CliProcess.exitCode(process, 60, child.command())).isEqualTo(1);
        assertThat(pseudonyms(json)).as("the same key, from ACKWATCH_PRIVACY_KEY").isEqualTo(fromFile);
        assertThat(json).contains("\"key\": \"environment\"", "\"consistent_across_runs\": true")
                .doesNotContain(key);
    }

    @Test
    void aKeyFileThatIsMissingEmptyTooShortOrAFolderIsOneLineAndExit2() throws IOException {
        Testdata.assumePresent();
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        Path shortKey = Files.writeString(dir.resolve("short"), "secret\n");
        Map<Path, String> expected = Map.of(
                dir.resolve("missing"), "no such file",
                empty, "is empty",
                shortKey, "holds 6 bytes",
                dir, "is a folder");
        expected.forEach((file, reason) -> {
            CliRun run = CliRun.of("analyze", "--privacy-key-file", file.toString(), Testdata.SEED.toString());
            assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
            assertThat(run.out()).as("no report").isEmpty();
            assertThat(run.err().lines().findFirst().orElse("")).as(run.describe())
                    .startsWith("ackwatch: --privacy-key-file " + file).contains(reason);
            assertThat(run.err().lines().count()).as("one line and the pointer to --help").isEqualTo(2);
        });
    }

    private static void put(Map<String, String> names, String name, String source) {
        if (name != null) {
            names.putIfAbsent(name, source);
        }
    }

    /**
     * Printable ASCII runs that look like text (not padding or raster data), a few spread over the stream: the
     * job header's and the document's.
     */
    private static List<String> printableRuns(byte[] bytes) {
        List<String> runs = new ArrayList<>();
        int start = 0;
        for (int p = 0; p <= bytes.length; p++) {
            boolean printable = p < bytes.length && bytes[p] >= 0x20 && bytes[p] < 0x7f;
            if (!printable) {
                String run = new String(bytes, start, p - start, StandardCharsets.US_ASCII).strip();
                if (run.length() >= MIN_RUN && run.chars().distinct().count() >= MIN_DISTINCT) {
                    runs.add(run);
                }
                start = p + 1;
            }
        }
        List<String> spread = new ArrayList<>();
        for (int k = 0; k < RUNS_PER_FLOW && k < runs.size(); k++) {
            spread.add(runs.get(k * runs.size() / Math.min(RUNS_PER_FLOW, runs.size())));
        }
        return spread;
    }

    /** True when {@code name} occurs as a whole word, in any case (so that user "ned" does not match "returned"). */
    private static boolean shown(String report, String name) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(report).find();
    }

    private static Set<String> pseudonyms(String report) {
        Set<String> found = new TreeSet<>();
        Matcher m = PSEUDONYM.matcher(report);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
