package io.ackwatch.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Raises the diagnostics level for --debug; {@link StderrLogging} keeps everything on stderr. */
final class Logging {
    private Logging() {}

    static void configure(boolean debug) {
        if (debug && LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.DEBUG);
            ((Logger) LoggerFactory.getLogger("org.pcap4j")).setLevel(Level.INFO);
        }
    }
}
