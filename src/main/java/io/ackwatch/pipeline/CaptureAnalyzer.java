package io.ackwatch.pipeline;

import io.ackwatch.analysis.Evidence;
import io.ackwatch.capture.CaptureException;
import io.ackwatch.capture.CaptureReader;
import io.ackwatch.capture.CaptureSetReader;
import io.ackwatch.capture.ErrorKind;
import io.ackwatch.capture.FileIdentity;
import io.ackwatch.capture.InterfaceInfo;
import io.ackwatch.capture.LinkType;
import io.ackwatch.capture.PacketRecord;
import io.ackwatch.decode.DecodeStatus;
import io.ackwatch.decode.PacketDecoder;
import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.Endpoint;
import io.ackwatch.flow.FlowInterest;
import io.ackwatch.flow.FlowOptions;
import io.ackwatch.flow.FlowTracker;
import io.ackwatch.flow.RelaySightings;
import io.ackwatch.flow.RelayedCopies;
import io.ackwatch.verdict.CaptureError;
import io.ackwatch.verdict.CaptureResult;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.ScanDetector;
import io.ackwatch.verdict.VerdictEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analyzes one capture file end to end: read, decode, track, judge. Never throws for a bad input: whatever
 * goes wrong with the file becomes the result's {@link CaptureError}, and the packets before the damage
 * are still analyzed.
 */
public final class CaptureAnalyzer {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureAnalyzer.class);
    private static final long PROGRESS_EVERY_PACKETS = 1 << 14;

    private final AnalysisSettings settings;
    private final CaptureOpener opener;

    public CaptureAnalyzer(AnalysisSettings settings) {
        this.settings = settings;
        this.opener = new CaptureOpener(settings.reader(), settings.bpfFilter());
    }

    /**
     * @param path the file
     * @param displayName the path as the user gave it or as found under a folder they gave
     */
    public CaptureResult analyze(Path path, String displayName, ProgressListener progress) {
        return analyze(InputFile.of(path, displayName), progress);
    }

    /** One capture file, or a capture set's files as one capture. */
    public CaptureResult analyze(InputFile input, ProgressListener progress) {
        String displayName = input.displayName();
        CaptureReader reader;
        try {
            reader = opener.open(input);
        } catch (CaptureException e) {
            return unreadable(displayName, e);
        }
        try (reader) {
            PacketFilter filter;
            try {
                filter = opener.filter(input.path());
            } catch (CaptureException e) {
                return unreadable(displayName, e);
            }
            try {
                CaptureResult result = analyzeOpen(reader, filter, displayName, progress);
                if (reader instanceof CaptureSetReader set) {
                    List<String> remarks = new ArrayList<>(input.setRemarks());
                    remarks.addAll(set.remarks());
                    return result.asSet(set.members(), remarks);
                }
                return result;
            } finally {
                if (filter != null) {
                    filter.close();
                }
            }
        }
    }

    private CaptureResult analyzeOpen(CaptureReader reader, PacketFilter filter, String displayName,
            ProgressListener progress) {
        FlowJudge judge = new FlowJudge(settings);
        JudgingThread judging = new JudgingThread(judge, "ackwatch-judge " + displayName);
        try {
            return analyzeOpen(reader, filter, displayName, progress, judge, judging);
        } finally {
            judging.finish(); // when reading failed with an error; does nothing after a normal finish
        }
    }

    private CaptureResult analyzeOpen(CaptureReader reader, PacketFilter filter, String displayName,
            ProgressListener progress, FlowJudge judge, JudgingThread judging) {
        FlowInterest interest = settings.allFlows() ? settings.printers().everyConnection() : settings.printers();
        FlowTracker tracker = new FlowTracker(FlowOptions.defaults(interest), judging);
        PacketDecoder decoder = new PacketDecoder();
        PacketRecord record = new PacketRecord();
        TcpSegment segment = new TcpSegment();
        Set<Integer> unsupportedInterfaces = new LinkedHashSet<>();
        long packets = 0;
        long first = -1;
        long last = -1;
        long reported = 0;
        CaptureError error = null;
        try {
            while (reader.next(record)) {
                packets = record.frame();
                if ((packets & (PROGRESS_EVERY_PACKETS - 1)) == 0) {
                    long consumed = reader.bytesConsumed();
                    progress.advanced(consumed - reported);
                    reported = consumed;
                }
                if (record.hasTimestamp()) {
                    long ts = record.timestampNanos();
                    if (first < 0) {
                        first = ts;
                    }
                    last = ts;
                }
                // custom/journal/event blocks get a frame number, as in Wireshark, but carry no packet
                if (!record.isPacket()) {
                    continue;
                }
                boolean selected = filter == null || filter.matches(record);
                DecodeStatus status = decoder.decode(record, segment);
                if (status == DecodeStatus.TCP) {
                    if (!settings.analyze()) {
                        continue;
                    }
                    tracker.accept(record, segment, selected);
                } else if (status == DecodeStatus.UNSUPPORTED_LINK && selected) {
                    unsupportedInterfaces.add(record.interfaceId());
                }
            }
        } catch (CaptureException e) {
            LOG.debug("reading stopped", e);
            error = new CaptureError(e.kind(), e.getMessage(), packets == 0, e.offset(),
                    e.afterFrame() > 0 ? e.afterFrame() : packets);
        } catch (RuntimeException e) {
            error = internalError(displayName, e, packets);
        }
        FileIdentity identity = identity(reader, displayName);
        progress.advanced(reader.bytesConsumed() - reported);
        try {
            tracker.finish();
        } catch (RuntimeException e) {
            error = error != null ? error : internalError(displayName, e, packets);
        } finally {
            RuntimeException judgeFailure = judging.finish();
            if (judgeFailure != null && error == null) {
                LOG.debug("internal error", judgeFailure);
                error = new CaptureError(ErrorKind.CORRUPT, displayName + ": ackwatch failed while judging a"
                        + " connection (" + judgeFailure + "); the connections judged before it are reported;"
                        + " please report this with the capture", false, -1, packets);
            }
        }
        VerdictEngine engine = judge.engine();
        // a connection judged as it ended knew neither the capture's end nor its neighbours' capture point
        List<FlowVerdict> verdicts = judge.refined(last);
        // a port scan's probes are not print jobs: reported once per scanning source, not judged as connections
        ScanDetector.Result scans = ScanDetector.detect(verdicts, settings.thresholds());
        List<FlowVerdict> jobs = scans.jobs();
        List<String> warnings = warnings(reader, unsupportedInterfaces, tracker);
        if (settings.analyze() && settings.printers().named()) {
            warnings.addAll(unmatchedPrinters(verdicts));
        }
        return new CaptureResult(displayName, reader.format(), reader.compression(), linkTypes(reader), packets,
                tracker.tcpFrames(), first, last, precision(reader), engine.captureVantage(jobs), error,
                warnings, jobs, engine.summarize(jobs, scans.probes()),
                judge.others() + tracker.unanalysedConnections(), identity, Map.of(), scans.scans());
    }

    /** The file's size and hash; a file that fails to read to its end now has no identity, but has a report. */
    private static FileIdentity identity(CaptureReader reader, String displayName) {
        try {
            return reader.identity();
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: no size and SHA-256", displayName, e);
            return null;
        }
    }

    /** A bug of ours must not lose the other files of a batch; say so plainly. */
    private static CaptureError internalError(String displayName, RuntimeException e, long packets) {
        LOG.debug("internal error", e);
        return new CaptureError(ErrorKind.CORRUPT, displayName + ": ackwatch failed on frame " + (packets + 1)
                + " (" + e + "); the packets before it were analyzed; please report this with the capture",
                packets == 0, -1, packets);
    }

    private static List<String> linkTypes(CaptureReader reader) {
        Set<String> names = new LinkedHashSet<>();
        for (InterfaceInfo i : reader.interfaces()) {
            names.add(LinkType.displayName(i.linkTypeCode()));
        }
        return List.copyOf(names);
    }

    private static int precision(CaptureReader reader) {
        int digits = 0;
        for (InterfaceInfo i : reader.interfaces()) {
            digits = Math.max(digits, i.precisionDigits());
        }
        return digits == 0 ? 6 : digits;
    }

    private static List<String> warnings(CaptureReader reader, Set<Integer> unsupported, FlowTracker tracker) {
        List<String> out = new ArrayList<>();
        for (InterfaceInfo i : reader.interfaces()) {
            if (unsupported.contains(i.id())) {
                out.add("interface " + i.id() + " has link type " + LinkType.displayName(i.linkTypeCode())
                        + ", which ackwatch cannot decode; its packets were counted but not analyzed");
            }
        }
        int streams = tracker.streamsWithFramesLeftOut();
        if (streams > 0) {
            // a filter that keeps one direction, or cuts a connection short, makes it look unanswered or unfinished
            out.add("--filter kept only some frames of " + streams + (streams == 1 ? " connection" : " connections")
                    + " (" + tracker.framesLeftOutOfStreams() + " frames left out): judged on the kept frames alone,"
                    + " while Wireshark's tcp.stream filter shows all of them; filter on both ends, e.g."
                    + " 'host A and port P', to keep whole connections");
        }
        for (RelaySightings.Relay relay : tracker.relays().relays()) {
            out.add(relayWarning(relay));
        }
        return out;
    }

    /** A --printer or --printer-port value that names no connection of this capture is most likely a typo. */
    private List<String> unmatchedPrinters(List<FlowVerdict> verdicts) {
        List<Endpoint> servers = verdicts.stream().map(v -> v.flow().server()).toList();
        return settings.printers().unmatched(servers).stream()
                .map(option -> option + " matches no connection in this capture; check the value (nothing to judge"
                        + " looks like a healthy printer)")
                .toList();
    }

    /** One sentence per relaying host, with the filter that shows its copies. */
    private static String relayWarning(RelaySightings.Relay relay) {
        String mac = RelayedCopies.macText(relay.mac());
        List<String> senders = relay.senders().stream().sorted().map(RelayedCopies::macText).toList();
        List<Integer> streams = relay.streams();
        String where = relay.connections() > streams.size() ? "tcp"
                : streams.size() == 1 ? "tcp.stream eq " + streams.get(0)
                : Evidence.streamFilter(streams.stream().map(Integer::longValue).toList());
        return "relay: the host with MAC address " + mac + " relays traffic on this LAN (ARP spoofing or a"
                + " misconfigured bridge): " + relay.frames() + (relay.frames() == 1 ? " frame" : " frames") + " of "
                + relay.connections() + (relay.connections() == 1 ? " connection were" : " connections were")
                + " seen twice, first from " + String.join(", ", senders) + " and again, the same IP packet, from "
                + mac + "; ackwatch did not count the copies as retransmissions or duplicate ACKs."
                + " Display filter: eth.src == " + mac + " && " + where;
    }

    /**
     * A capture that holds nothing is not damaged: a ring buffer's newest file is empty until the first packet is
     * flushed, and a capture that just started looks the same. It is a warning, so that a folder of a ring buffer
     * in CI does not fail as unreadable.
     */
    private static CaptureResult unreadable(String displayName, CaptureException e) {
        if (e.kind() == ErrorKind.EMPTY) {
            return UnreadableCapture.nothingCaptured(displayName, e.getMessage().startsWith(displayName + ": ")
                    ? e.getMessage().substring(displayName.length() + 2) : e.getMessage());
        }
        return UnreadableCapture.result(displayName, new CaptureError(e.kind(), e.getMessage(), true, e.offset(), -1));
    }
}
