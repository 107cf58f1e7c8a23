package io.ackwatch.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.capture.CaptureException;
import io.ackwatch.capture.CaptureFiles;
import io.ackwatch.capture.CaptureReader;
import io.ackwatch.capture.PacketRecord;
import io.ackwatch.testsupport.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every frame of every corpus capture: the decoder finds TCP exactly where tshark 4.0.17 assigns a
 * {@code tcp.stream}, with the same endpoints, flags, {@code tcp.len} and ICMP-quote marker.
 */
class DecodeCorpusTest {
    private static final AtomicLong FRAMES = new AtomicLong();
    private static final AtomicLong MATCHED = new AtomicLong();
    private static final AtomicLong TCP_FRAMES = new AtomicLong();

    static List<Corpus.Capture> captures() {
        return Corpus.captures();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void tcpFramesMatchTheOracle(Corpus.Capture capture) {
        List<Corpus.FrameRow> expected = Corpus.frames(capture);
        List<String> mismatches = new ArrayList<>();
        PacketDecoder decoder = new PacketDecoder();
        TcpSegment segment = new TcpSegment();
        PacketRecord record = new PacketRecord();
        int index = 0;
        try (CaptureReader reader = CaptureFiles.open(capture.path())) {
            while (reader.next(record) && index < expected.size()) {
                Corpus.FrameRow want = expected.get(index++);
                DecodeStatus status = decoder.decode(record, segment);
                String problem = compare(ExpectedFrame.of(want), status, segment);
                FRAMES.incrementAndGet();
                if (want.tcpStream() >= 0) {
                    TCP_FRAMES.incrementAndGet();
                }
                if (problem == null) {
                    MATCHED.incrementAndGet();
                } else {
                    mismatches.add(capture.name() + " frame " + want.frame() + ": " + problem);
                }
            }
            assertThat(index).as("frames compared (every frame tshark read)").isEqualTo(expected.size());
        } catch (CaptureException e) {
            // tshark stops at the same damage (the capture tests check that); compare the frames read before it
        }
        assertThat(mismatches).as("frames decoded differently from tshark").isEmpty();
    }

    /** Null when the decoder agrees with the oracle row, else what differs. */
    static String compare(ExpectedFrame want, DecodeStatus status, TcpSegment got) {
        if (status != DecodeStatus.TCP) {
            return want.tcp() ? "oracle has tcp.stream " + want.stream() + ", decoder says " + status : null;
        }
        if (!want.tcp()) {
            return "decoder found TCP " + describe(got) + ", oracle has no tcp.stream";
        }
        String gotText = describe(got);
        String wantText = want.src() + ":" + want.sport() + " > " + want.dst() + ":" + want.dport()
                + String.format(" flags=0x%03x", want.flags()) + " len=" + want.length()
                + (want.icmpQuoted() ? " icmp-quoted" : "");
        return gotText.equals(wantText) ? null : "decoder " + gotText + " | oracle " + wantText;
    }

    private static String describe(TcpSegment s) {
        return s.srcAddressText() + ":" + s.srcPort() + " > " + s.dstAddressText() + ":" + s.dstPort()
                + String.format(" flags=0x%03x", shownFlags(s)) + " len=" + s.payloadLength()
                + (s.icmpQuoted() ? " icmp-quoted" : "");
    }

    /** tshark gives up before adding tcp.flags when the header length is below 20 (bogus); the oracle has 0. */
    private static int shownFlags(TcpSegment s) {
        return s.headerLength() < 20 ? 0 : s.flags();
    }

    @AfterAll
    static void summary() {
        if (FRAMES.get() > 0) {
            // the test log's summary line (the project's logging config only shows warnings)
            System.err.printf("decode parity with tshark: %d / %d frames match (%d TCP frames in the oracle)%n",
                    MATCHED.get(), FRAMES.get(), TCP_FRAMES.get());
        }
    }
}
