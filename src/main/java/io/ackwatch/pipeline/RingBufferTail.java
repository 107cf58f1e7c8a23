package io.ackwatch.pipeline;

import io.ackwatch.capture.ErrorKind;
import io.ackwatch.verdict.CaptureError;
import io.ackwatch.verdict.CaptureResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The file a ring buffer is still writing. dumpcap ({@code -b}) names its files {@code ring_00042_20261207013000.pcapng},
 * tcpdump {@code -C}/{@code -W}/{@code -G} {@code ring.pcap}, {@code ring.pcap1}, ... or by the time: names in one
 * folder that differ only in their digits. The newest of two or more such files ends in a record cut short while
 * it is being written; that is how a live ring looks, not damage, so it is a warning there.
 */
final class RingBufferTail {
    private RingBufferTail() {}

    /** The newest file (by modification time) of each group of two or more ring-buffer-named inputs. */
    static Set<Path> newestFiles(List<InputFile> inputs) {
        Map<String, List<Path>> groups = new HashMap<>();
        for (InputFile input : inputs) {
            if (input.problem() == null && input.path().getFileName() != null) {
                groups.computeIfAbsent(key(input.path()), k -> new ArrayList<>()).add(input.path());
            }
        }
        Set<Path> newest = new HashSet<>();
        for (List<Path> group : groups.values()) {
            if (group.size() < 2) {
                continue;
            }
            Path latest = null;
            FileTime latestTime = null;
            for (Path p : group) {
                FileTime t = modified(p);
                if (t != null && (latestTime == null || t.compareTo(latestTime) > 0)) {
                    latest = p;
                    latestTime = t;
                }
            }
            if (latest != null) {
                newest.add(latest);
            }
        }
        return newest;
    }

    /** The folder and the name with its digit runs folded, a trailing one dropped (tcpdump's first file has none). */
    static String key(Path file) {
        String name = file.getFileName().toString().replaceAll("[0-9]+", "#");
        if (name.endsWith("#")) {
            name = name.substring(0, name.length() - 1);
        }
        Path parent = file.toAbsolutePath().getParent();
        return (parent == null ? "" : parent.toString()) + "/" + name;
    }

    /** The result with a cut-short end told as the file being written, when that is what it is. */
    static CaptureResult stillBeingWritten(CaptureResult r) {
        CaptureError e = r.error();
        if (e == null || e.kind() != ErrorKind.TRUNCATED) {
            return r;
        }
        String damage = e.message().startsWith(r.file() + ": ") ? e.message().substring(r.file().length() + 2)
                : e.message();
        List<String> warnings = new ArrayList<>(r.warnings());
        warnings.add("the newest file of a ring buffer, still being written: its last record is cut short ("
                + damage + "); " + (r.packets() == 0 ? "no frame was complete yet"
                : "the " + r.packets() + (r.packets() == 1 ? " frame" : " frames") + " before it were analyzed"));
        return new CaptureResult(r.file(), r.format(), r.compression(), r.linkTypes(), r.packets(), r.tcpPackets(),
                r.startNanos(), r.endNanos(), r.precisionDigits(), r.vantage(), null, warnings, r.flows(), r.printers(),
                r.otherTcpFlows(), r.identity(), r.evidence(), r.scans());
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return null;
        }
    }
}
