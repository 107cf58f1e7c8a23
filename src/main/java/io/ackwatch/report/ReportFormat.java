package io.ackwatch.report;

import java.util.Locale;
import java.util.function.Function;

/** The report formats, each knowing its writer and its file extension for {@code --output-dir}. */
public enum ReportFormat {
    TEXT("txt", options -> (report, out) -> out.write("text report not implemented yet\n")),
    JSON("json", options -> (report, out) -> out.write("{}\n")),
    JUNIT("xml", options -> (report, out) -> out.write("<testsuites/>\n")),
    MARKDOWN("md", options -> (report, out) -> out.write("markdown report not implemented yet\n")),
    HTML("html", options -> (report, out) -> out.write("<!doctype html><title>ackwatch</title>\n"));

    private final String extension;
    private final Function<ReportOptions, ReportWriter> factory;

    ReportFormat(String extension, Function<ReportOptions, ReportWriter> factory) {
        this.extension = extension;
        this.factory = factory;
    }

    public String extension() {
        return extension;
    }

    public ReportWriter writer(ReportOptions options) {
        return factory.apply(options);
    }

    public static ReportFormat fromName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + name + "' (text, json, junit, markdown, html)");
        }
    }
}
