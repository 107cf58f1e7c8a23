package io.ackwatch.cli;

import io.ackwatch.analysis.PrinterSet;
import io.ackwatch.analysis.Severity;
import io.ackwatch.analysis.Thresholds;
import io.ackwatch.correlate.Correlations;
import io.ackwatch.correlate.Correlator;
import io.ackwatch.job.JobPrivacy;
import io.ackwatch.pipeline.AnalysisSettings;
import io.ackwatch.pipeline.BatchAnalyzer;
import io.ackwatch.pipeline.CaptureSets;
import io.ackwatch.pipeline.InputFile;
import io.ackwatch.pipeline.InputScanner;
import io.ackwatch.pipeline.RunSummary;
import io.ackwatch.flow.Endpoint;
import io.ackwatch.capture.BpfFilter;
import io.ackwatch.capture.InvalidFilterException;
import io.ackwatch.capture.LibpcapUnavailableException;
import io.ackwatch.capture.ReaderBackend;
import io.ackwatch.report.ReportFormat;
import io.ackwatch.report.ReportOptions;
import io.ackwatch.verdict.CaptureError;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ackwatch analyze}: judge every printer connection in the given captures and write the report. */
@Command(name = "analyze",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        abbreviateSynopsis = true,
        description = {
            "Reads pcap/pcapng captures (gzip or zstd compressed too) and judges every connection to a printer: "
                + "ok, degraded or failed, whom the evidence points at, and the frames that prove it.",
            "Printers are servers on TCP 9100-9102 (raw), 515 (LPD) and 631 (IPP) unless --printer or "
                + "--printer-port say otherwise.",
            ""},
        footer = {
            "",
            "Examples (from the project folder; each line runs as pasted):",
            "  ./ackwatch analyze testdata/printer-stops-acking.pcap",
            "  ./ackwatch analyze --printer 10.99.2.9 testdata/printer-stops-acking.pcap",
            "  ./ackwatch analyze --format text,json,junit --output-dir reports/ testdata/",
            "  ./ackwatch analyze --require-connections --format junit -o ci.xml testdata/",
            "  gzip -c testdata/printer-stops-acking.pcap | ./ackwatch analyze -",
            "",
            "Exit codes:",
            "  0  no finding at or above --fail-on",
            "  1  findings at or above --fail-on, a failed connection, or with",
            "     --require-connections: nothing judged",
            "  2  wrong command line, an input that could not be read at all, or a",
            "     report or evidence file that could not be written"})
public final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Capture files or folders (searched recursively; captures recognised by their first bytes).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--format", split = ",", paramLabel = "FORMAT",
            description = "text (default), json, junit, markdown, html; several separated by commas with --output-dir.")
    List<String> formats = new ArrayList<>(List.of("text"));

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Write one file per format into DIR, named ackwatch-report and the format's extension: .txt .json .xml .md .html.")
    Path outputDir;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "failure",
            description = "Exit 1 and report JUnit failures for findings at or above this severity: failure (default), warning, info.")
    String failOn;

    @Option(names = "--require-connections",
            description = "Exit 1 when no connection was judged, or a --printer or --printer-port value matched"
                + " none in any capture (a CI check that checked nothing must not pass).")
    boolean requireConnections;

    @Option(names = "--printer", paramLabel = "ADDR[:PORT]",
            description = "Treat ADDR (optionally only on PORT; IPv6 as [ADDR]:PORT) as a printer. Repeatable.")
    List<String> printers = new ArrayList<>();

    @Option(names = "--printer-port", paramLabel = "PORT",
            description = "Printer ports instead of the default 9100,9101,9102,515,631. Repeatable.", split = ",")
    List<Integer> printerPorts = new ArrayList<>();

    @Option(names = "--all-flows", description = "Judge every TCP connection, not only printer connections.")
    boolean allFlows;

    @Option(names = "--filter", paramLabel = "BPF",
            description = "Analyze only packets matching this libpcap filter (tcpdump syntax); needs libpcap. Frame and stream numbers stay those of the file.")
    String filter;

    @Option(names = "--as-one", description = "Analyze all the captures given as one continuous capture in time order"
            + " (a ring buffer's files; those named by dumpcap -b or tcpdump -C/-W/-G are found without it).")
    boolean asOne;

    @Option(names = "--reader", paramLabel = "READER", defaultValue = "builtin",
            description = "builtin (default, pure Java) or libpcap (cross-check; needs libpcap).")
    ReaderBackend reader;

    @Option(names = "--threshold", paramLabel = "NAME=VALUE",
            description = "Change a rule threshold (see README, or --list-thresholds). Repeatable.")
    List<String> thresholds = new ArrayList<>();

    @Option(names = "--list-thresholds", description = "List the thresholds, their defaults and sources, and exit.")
    boolean listThresholds;

    @Option(names = "--extract", paramLabel = "DIR",
            description = "Write one small pcapng per failed or degraded connection into DIR (evidence for the vendor);"
                + " the report gives the filters that work in each.")
    Path extractDir;

    @Option(names = "--privacy", description = "Replace user, host and job names with keyed pseudonyms (for tickets that"
            + " leave the company). The key is random for each run (pseudonyms match only within its reports) unless"
            + " --privacy-key-file or the environment variable " + PrivacyKey.ENVIRONMENT + " gives one.")
    boolean privacy;

    @Option(names = "--privacy-key-file", paramLabel = "FILE",
            description = "Key the pseudonyms with the secret in FILE (at least " + PrivacyKey.MIN_BYTES + " bytes),"
                    + " so that they match across runs with the same key; implies --privacy.")
    Path privacyKeyFile;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Files analyzed in parallel (default: number of cores).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--verbose", description = "List healthy connections one by one in text and markdown reports.")
    boolean verbose;

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
            description = "Progress on stderr: auto (only when stderr is a terminal), always, never.")
    ProgressMode progress;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour in the text report: auto (on a terminal, unless NO_COLOR is set), always, never.")
    ProgressMode color;

    @Option(names = "--correlate", negatable = true, paramLabel = "WHEN",
            description = "Compare captures of the same connections taken at different points (client, printer port):"
                + " where each lost packet was lost, the clocks' offset, one verdict per connection. Automatic when"
                + " captures share connections; --no-correlate turns it off.")
    Boolean correlate;

    @Option(names = "--no-analysis", hidden = true, description = "Read and decode only (benchmarks the reading path).")
    boolean noAnalysis;

    @Option(names = "--debug", description = "Diagnostics and stack traces on stderr.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        Logging.configure(debug);
        if (listThresholds) {
            ThresholdList.print(spec.commandLine().getOut());
            return ExitCodes.OK;
        }
        if (paths.isEmpty()) {
            throw new UsageProblem("give at least one capture file or folder");
        }
        List<ReportFormat> chosen = parseFormats();
        JobPrivacy pseudonyms = PrivacyKey.choose(privacy, privacyKeyFile, System.getenv(PrivacyKey.ENVIRONMENT));
        ReportOptions reportOptions = new ReportOptions(parseSeverity(), verbose, useColor(chosen),
                pseudonyms == null ? null : pseudonyms.keySource());
        AnalysisSettings settings = settings(pseudonyms);
        ReportOutput reportOutput = new ReportOutput(chosen, reportOptions, output, outputDir);
        reportOutput.check();
        if (extractDir != null) {
            WritablePlace.checkFolder("--extract", extractDir);
        }
        List<InputFile> inputs = CaptureSets.group(InputScanner.scan(paths), asOne);
        if (extractDir != null && inputs.stream().anyMatch(InputFile::isStandardInput)) {
            throw new UsageProblem("--extract reads each capture a second time to copy the evidence, and standard"
                    + " input can be read only once; save the capture to a file and give that file");
        }
        refuseToOverwriteACapture(inputs);
        Report report;
        try (ProgressDisplay display = ProgressDisplay.create(progress, inputs)) {
            report = new BatchAnalyzer(settings, jobs).run(VersionProvider.version(), inputs, display);
        }
        boolean evidenceComplete = true;
        if (extractDir != null) {
            EvidenceRun evidence = EvidenceRun.of(settings, inputs, report, extractDir, spec.commandLine().getErr());
            report = evidence.report();
            evidenceComplete = evidence.complete();
        }
        Correlations correlations = correlations(report);
        if (!correlations.isEmpty()) {
            reportOutput = new ReportOutput(chosen, reportOptions.withCorrelations(correlations), output, outputDir);
        }
        reportOutput.write(report, spec.commandLine().getOut());
        List<String> runWarnings = runWarnings(report, settings);
        if (!reportShowsOnStdout(chosen)) {
            tellCaptureErrors(report);
        }
        PrintWriter err = spec.commandLine().getErr();
        if (!reportShowsOnTerminalAsText(chosen)) {
            err.println(RunSummary.paragraph(report, reportOutput.places(), runWarnings));
        } else {
            runWarnings.forEach(w -> err.println("ackwatch: " + w));
        }
        err.flush();
        int exitCode = Outcome.exitCode(report, reportOptions.failOn());
        if (exitCode == ExitCodes.OK && requireConnections && (report.summary().flows() == 0 || !runWarnings.isEmpty())) {
            exitCode = ExitCodes.FINDINGS;
        }
        return evidenceComplete ? exitCode : ExitCodes.UNUSABLE_INPUT;
    }

    /** Asked for, every pair of captures; by default, only when captures share connections; never when refused. */
    private Correlations correlations(Report report) {
        if (Boolean.FALSE.equals(correlate) || report.captures().size() < 2) {
            return Correlations.NONE;
        }
        if (Boolean.TRUE.equals(correlate)) {
            return Correlator.correlate(report, false);
        }
        return Correlator.overlapping(report) ? Correlator.correlate(report, true) : Correlations.NONE;
    }

    /** Remarks on the run as a whole: option values that matched nothing anywhere, and a run that judged nothing. */
    private List<String> runWarnings(Report report, AnalysisSettings settings) {
        List<String> out = new ArrayList<>();
        if (settings.printers().named()) {
            // a packed verdict decodes its flow on each call: only when there is something to match
            List<Endpoint> servers = new ArrayList<>();
            for (CaptureResult c : report.captures()) {
                c.flows().forEach(f -> servers.add(f.flow().server()));
            }
            for (String option : settings.printers().unmatched(servers)) {
                out.add("warning: " + option + " matches no connection in any capture.");
            }
        }
        if (out.isEmpty() && report.summary().flows() == 0 && report.summary().unreadable() == 0) {
            out.add("warning: no printer connection was judged in any capture.");
        }
        return out;
    }

    /** Plain text on stdout is read by a person, and ends with its own summary line. */
    private boolean reportShowsOnTerminalAsText(List<ReportFormat> chosen) {
        return output == null && outputDir == null && chosen.get(0) == ReportFormat.TEXT;
    }

    /** {@code --output capture.pcap} by a slip of the fingers would replace the evidence with the report. */
    private void refuseToOverwriteACapture(List<InputFile> inputs) {
        if (output == null || !Files.exists(output)) {
            return;
        }
        for (InputFile input : inputs) {
            try {
                if (input.problem() == null && isOneOf(input.files(), output)) {
                    throw new UsageProblem("--output " + OneLine.of(output.toString()) + " is one of the captures to"
                            + " analyze; name another file for the report");
                }
            } catch (IOException e) {
                // not comparable (gone meanwhile): then it is not the same file either
            }
        }
    }

    private static boolean isOneOf(List<Path> files, Path output) throws IOException {
        for (Path file : files) {
            if (Files.isSameFile(file, output)) {
                return true;
            }
        }
        return false;
    }

    /** A text or markdown report on stdout shows the damaged captures itself; anywhere else stderr must. */
    private boolean reportShowsOnStdout(List<ReportFormat> chosen) {
        return output == null && outputDir == null
                && (chosen.get(0) == ReportFormat.TEXT || chosen.get(0) == ReportFormat.MARKDOWN);
    }

    private void tellCaptureErrors(Report report) {
        PrintWriter err = spec.commandLine().getErr();
        for (CaptureResult capture : report.captures()) {
            CaptureError error = capture.error();
            if (error != null) {
                String offset = error.offset() >= 0 && !error.message().contains("byte")
                        ? " [byte offset " + error.offset() + "]" : "";
                err.println("ackwatch: " + OneLine.of(error.message()) + offset);
            }
        }
        err.flush();
    }

    private AnalysisSettings settings(JobPrivacy pseudonyms) {
        Thresholds t = Thresholds.defaults();
        for (String assignment : thresholds) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new UsageProblem("--threshold wants NAME=VALUE, got '" + assignment + "'");
            }
            try {
                t = t.with(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new UsageProblem(e.getMessage());
            }
        }
        printers.forEach(this::rejectAmbiguousPrinter);
        PrinterSet printerSet;
        try {
            printerSet = printers.isEmpty() && printerPorts.isEmpty()
                    ? PrinterSet.defaults() : PrinterSet.of(printers, printerPorts);
        } catch (IllegalArgumentException e) {
            throw new UsageProblem(e.getMessage());
        }
        if (jobs < 1) {
            throw new UsageProblem("--jobs must be at least 1");
        }
        checkLibpcapOptions();
        return new AnalysisSettings(printerSet, allFlows, t, reader, filter, pseudonyms, !noAnalysis);
    }

    /**
     * {@code fe80::1:9100} is a valid IPv6 address, and also what someone who wants port 9100 of {@code fe80::1}
     * types when they forget the brackets; an address that does not exist has no connections, and a report
     * without connections looks like a healthy printer. Brackets say which is meant.
     */
    private void rejectAmbiguousPrinter(String spec) {
        String s = spec.trim();
        int last = s.lastIndexOf(':');
        if (s.startsWith("[") || last < 0 || s.indexOf(':') == last || last == s.length() - 1) {
            return;
        }
        String tail = s.substring(last + 1);
        if (!tail.chars().allMatch(Character::isDigit) || tail.length() > 5) {
            return;
        }
        List<Integer> ports = printerPorts.isEmpty() ? PrinterSet.DEFAULT_PORTS : printerPorts;
        if (ports.contains(Integer.parseInt(tail))) {
            String host = s.substring(0, last);
            host = host.endsWith(":") ? host + ":" : host; // "fe80::9100" without its port is "fe80::"
            throw new UsageProblem("--printer " + s + " is ambiguous: write [" + host + "]:" + tail + " for port "
                    + tail + " of " + host + ", or [" + s + "] for that address on every printer port");
        }
    }

    /** libpcap and the filter expression are checked once, before any file is read. */
    private void checkLibpcapOptions() {
        try {
            reader.checkAvailable();
            if (filter != null) {
                BpfFilter.compile(filter).close();
            }
        } catch (LibpcapUnavailableException e) {
            throw new UsageProblem(e.advice());
        } catch (InvalidFilterException e) {
            throw new UsageProblem("--filter: " + e.getMessage());
        }
    }

    private List<ReportFormat> parseFormats() {
        List<ReportFormat> out = new ArrayList<>();
        for (String f : formats) {
            try {
                ReportFormat format = ReportFormat.fromName(f);
                if (!out.contains(format)) {
                    out.add(format);
                }
            } catch (IllegalArgumentException e) {
                throw new UsageProblem(e.getMessage());
            }
        }
        if (out.size() > 1 && outputDir == null) {
            throw new UsageProblem("several formats need --output-dir DIR (one file per format)");
        }
        if (output != null && outputDir != null) {
            throw new UsageProblem("use either --output or --output-dir, not both");
        }
        return out;
    }

    private Severity parseSeverity() {
        try {
            return Severity.fromName(failOn);
        } catch (IllegalArgumentException e) {
            throw new UsageProblem("--fail-on: " + e.getMessage());
        }
    }

    private boolean useColor(List<ReportFormat> chosen) {
        boolean toTerminal = output == null && outputDir == null && Terminal.isStdoutTerminal();
        return switch (color) {
            // an explicit choice on the command line beats the environment's standing NO_COLOR (no-color.org)
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> toTerminal && System.getenv("NO_COLOR") == null && chosen.equals(List.of(ReportFormat.TEXT));
        };
    }
}
