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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The printer captures of {@code testdata/} (real Linux TCP stacks with injected faults) through reader,
 * decoder and tracker: every frame's {@code tcp.stream} and analysis flags equal those of a local tshark 4.0
 * (skipped when tshark or the testdata folder is absent).
 */
class TsharkCaptureTest {
    @TempDir
    Path dir;

    static Stream<Path> captures() throws IOException {
        Path root = Path.of(System.getProperty("ackwatch.testdata", "testdata"));
        assumeTrue(Files.isDirectory(root), "testdata folder not found at " + root + "; skipping");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void framesMatchTshark(Path capture) throws Exception {
        assumeTrue(Tshark.available(), "tshark 4.0 not on PATH; skipping");
        Map<Long, int[]> ours = new HashMap<>();
        List<TcpFlow> flows = new ArrayList<>();
        FlowTracker tracker = new FlowTracker(new FlowOptions(FlowInterest.ALL, 1 << 20, 0, 64, 64), flows::add);
        PacketRecord r = new PacketRecord();
        TcpSegment s = new TcpSegment();
        PacketDecoder d = new PacketDecoder();
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            while (reader.next(r)) {
                if (d.decode(r, s) == DecodeStatus.TCP) {
                    tracker.accept(r, s);
                }
            }
        } catch (CaptureException e) {
            // compare what was read
        }
        tracker.finish();
        for (TcpFlow f : flows) {
            for (int i = 0; i < f.log().size(); i++) {
                ours.put(f.log().frame(i), new int[] {f.stream(), f.log().analysis(i)});
            }
        }
        List<String> diffs = new ArrayList<>();
        int tcp = 0;
        for (Tshark.FrameResult e : Tshark.analyse(capture, Files.createDirectories(dir.resolve("conf")))) {
            if (e.stream() < 0) {
                continue;
            }
            tcp++;
            int[] o = ours.get(e.frame());
            if (o == null || o[0] != e.stream() || o[1] != e.flags()) {
                diffs.add("#" + e.frame() + " ours " + (o == null ? "-" : o[0] + "/" + Integer.toHexString(o[1]))
                        + " tshark " + e.stream() + "/" + Integer.toHexString(e.flags()));
            }
        }
        assertThat(diffs).as("%s: %d TCP frames", capture.getFileName(), tcp).isEmpty();
        assertThat(tracker.tcpFrames()).isEqualTo(tcp);
    }
}
