package io.ackwatch.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ackwatch.capture.CaptureException;
import io.ackwatch.capture.CaptureFiles;
import io.ackwatch.capture.CaptureReader;
import io.ackwatch.capture.PacketRecord;
import io.ackwatch.decode.DecodeStatus;
import io.ackwatch.decode.PacketDecoder;
import io.ackwatch.decode.TcpSegment;
import io.ackwatch.testsupport.Corpus;
import io.ackwatch.testsupport.TestCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TCP timestamps (TSval, TSecr) of every segment, as the decoder reads them and as each connection's segment
 * log keeps them, against a local tshark 4.0 ({@code tcp.options.timestamp.tsval/tsecr}) on the corpus captures
 * that carry timestamps (Linux stacks: zeek's, PcapPlusPlus's) and on testdata s18, the lab's one scenario with
 * timestamps on; skipped when tshark is absent.
 */
class TimestampsTsharkTest {
    private static final List<String> FIELDS = List.of("frame.number", "tcp.options.timestamp.tsval",
            "tcp.options.timestamp.tsecr");
    /** Corpus captures whose TCP segments carry timestamps (found with tshark; hundreds of segments each). */
    private static final List<String> CORPUS_WITH_TIMESTAMPS = List.of("timestamp.pcap", "sll.pcap",
            "ssh-dups.pcap", "docker-http-upgrade.pcap", "pcapng-example.pcapng", "four_ipv6_http_streams.pcap",
            "raw_ip.pcap", "mixed-vlan-mpls.pcap", "missing-syn.pcap", "nmap-vsn.pcap");

    @TempDir
    Path dir;

    static Stream<Path> withTimestamps() throws IOException {
        return TestCaptures.testdataAndCorpus("s18-.*\\.pcap",
                c -> CORPUS_WITH_TIMESTAMPS.contains(c.path().getFileName().toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withTimestamps")
    void everySegmentsTimestampsAsTsharkShowsThem(Path capture) throws Exception {
        assumeTrue(Tshark.available(), "tshark 4.0 not on PATH; skipping");
        Map<Long, String> expected = new LinkedHashMap<>();
        for (String[] row : Tshark.fields(capture, Files.createDirectories(dir.resolve("conf")), "tcp", FIELDS)) {
            // a tunnel shows the inner header's option last; the decoder keeps the innermost TCP header
            expected.put(Long.parseLong(row[0]), last(row[1]) + "/" + last(row[2]));
        }
        assertThat(expected.values()).as("segments with timestamps in %s", capture.getFileName())
                .filteredOn(v -> !v.startsWith("-1")).hasSizeGreaterThan(20);

        Map<Long, String> decoded = new LinkedHashMap<>();
        List<TcpFlow> flows = new ArrayList<>();
        FlowTracker tracker = new FlowTracker(FlowOptions.defaults(FlowInterest.ALL), flows::add);
        PacketRecord record = new PacketRecord();
        TcpSegment segment = new TcpSegment();
        PacketDecoder decoder = new PacketDecoder();
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            while (reader.next(record)) {
                if (decoder.decode(record, segment) == DecodeStatus.TCP) {
                    decoded.put(record.frame(), segment.tsval() + "/" + segment.tsecr());
                    tracker.accept(record, segment);
                }
            }
        } catch (CaptureException e) {
            // damaged captures of the corpus: tshark stops at the same place
        }
        tracker.finish();
        Map<Long, String> shown = new LinkedHashMap<>(expected);
        shown.keySet().retainAll(decoded.keySet());
        assertThat(decoded).as("TSval/TSecr of every TCP frame of %s", capture.getFileName()).isEqualTo(shown);

        int logged = 0;
        for (TcpFlow f : flows) {
            SegmentLog log = f.log();
            for (int i = 0; i < log.size(); i++) {
                String kept = log.timestamps(i) ? log.tsval(i) + "/" + log.tsecr(i) : "-1/-1";
                assertThat(kept).as("stream %d frame %d in the segment log", f.stream(), log.frame(i))
                        .isEqualTo(expected.get(log.frame(i)));
                logged += log.timestamps(i) ? 1 : 0;
            }
        }
        assertThat(logged).as("segments with timestamps in the logs").isGreaterThan(20);
    }

    private static long last(String cell) {
        return cell.isEmpty() ? -1 : Long.parseLong(cell.substring(cell.lastIndexOf(',') + 1));
    }
}
