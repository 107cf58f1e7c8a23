package io.ackwatch.report;

import io.ackwatch.report.html.HtmlReportWriter;
import java.util.Locale;
import java.util.function.Function;

/** The report formats, each knowing its writer and its file extension for {@code --output-dir}. */
public enum ReportFormat {
    TEXT("txt", TextReportWriter::new),
    JSON("json", JsonReportWriter::new),
    JUNIT("xml", JunitReportWriter::new),
    MARKDOWN("md", MarkdownReportWriter::new),
    HTML("html", HtmlReportWriter::new);

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
