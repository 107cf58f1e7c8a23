package io.ackwatch.cli;

import picocli.CommandLine.Command;

/** The top-level command; the work is done by its subcommands. */
@Command(name = "ackwatch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Tells why a network printer stops taking jobs, from a packet capture.",
        subcommands = {AnalyzeCommand.class, SchemaCommand.class, CompletionCommand.class,
            picocli.CommandLine.HelpCommand.class},
        footer = {"", "Start with:  ackwatch analyze capture.pcap", "Exit codes: see 'ackwatch analyze --help'."})
public final class AckwatchCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.UNUSABLE_INPUT;
    }
}
