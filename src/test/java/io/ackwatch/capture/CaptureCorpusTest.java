package io.ackwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.ackwatch.testsupport.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus capture read with the built-in reader agrees with tshark 4.0.17 (the oracle): frame count,
 * and per frame the interface, captured and original length and the printed epoch time; files tshark
 * rejects fail with the matching error kind after the same frames.
 */
class CaptureCorpusTest {
    private static final AtomicLong FILES = new AtomicLong();
    private static final AtomicLong FRAMES_MATCHED = new AtomicLong();
    private static final AtomicLong FRAMES_EXPECTED = new AtomicLong();

    static List<Corpus.Capture> captures() {
        return Corpus.captures();
    }

    /** What tshark's error means for us; null when tshark read the file completely. */
    static ErrorKind expectedKind(Corpus.IndexRow idx) {
        if (idx.tsharkOk()) {
            return null;
        }
        String err = idx.tsharkError();
        if (err.contains("commview") || err.contains("isn't a capture file")) {
            return ErrorKind.BAD_MAGIC; // a foreign format tshark guesses at; not a pcap/pcapng for us
        }
        if (err.contains("doesn't support")) {
            return ErrorKind.UNSUPPORTED;
        }
        if (err.contains("damaged or corrupt")) {
            return ErrorKind.CORRUPT;
        }
        if (err.contains("cut short")) {
            return ErrorKind.TRUNCATED;
        }
        throw new IllegalStateException("unexpected tshark error for " + idx.file() + ": " + err);
    }

    /** tshark refuses a whole pcap file for a link type it does not know; ackwatch counts the packets. */
    static boolean unknownLinkTypeRejectedByTshark(Corpus.IndexRow idx) {
        return !idx.tsharkOk() && idx.tsharkError().matches(".*network type \\d+ unknown or unsupported.*");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void framesMatchTheOracle(Corpus.Capture capture) throws Exception {
        Corpus.IndexRow idx = Corpus.index(capture);
        List<Corpus.FrameRow> expected = Corpus.frames(capture);
        ErrorKind expectedKind = unknownLinkTypeRejectedByTshark(idx) ? null : expectedKind(idx);
        List<String> mismatches = new ArrayList<>();
        PacketRecord r = new PacketRecord();
        long read = 0;
        CaptureException error = null;
        CaptureReader reader = null;
        try {
            reader = CaptureFiles.open(capture.path());
            while (reader.next(r)) {
                read++;
                assertThat(r.frame()).isEqualTo(read);
                if (read <= expected.size()) {
                    compare(expected.get((int) read - 1), r, mismatches);
                }
            }
        } catch (CaptureException e) {
            error = e;
        } finally {
            if (reader != null) {
                reader.close();
            }
        }
        FILES.incrementAndGet();
        FRAMES_EXPECTED.addAndGet(expected.size());
        FRAMES_MATCHED.addAndGet(Math.min(read, expected.size()) - mismatches.size());

        if (unknownLinkTypeRejectedByTshark(idx)) {
            assertThat(error).as("error").isNull();
            assertThat(read).as("frames of a file with an unknown link type").isPositive();
            assertThat(reader.interfaces()).allSatisfy(i -> assertThat(i.supported()).isFalse());
            return;
        }
        if (expectedKind == null) {
            if (error != null) {
                fail("unexpected error: " + error.getMessage(), error);
            }
        } else {
            assertThat(error).as("error (tshark: %s)", idx.tsharkError()).isNotNull();
            assertThat(error.kind()).as(error.getMessage()).isEqualTo(expectedKind);
            assertThat(error.afterFrame()).as(error.getMessage()).isEqualTo(read);
            assertThat(error.getMessage()).doesNotContain("\n").contains(capture.path().toString());
        }
        assertThat(read).as("frames").isEqualTo(idx.frames());
        assertThat(mismatches).as("frames differing from the oracle").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void linkTypesPerInterfaceMatchTheIndex(Corpus.Capture capture) throws Exception {
        Corpus.IndexRow idx = Corpus.index(capture);
        if (idx.format().startsWith("zstd") || idx.format().startsWith("unknown") || idx.format().equals("empty")) {
            return; // the index does not walk these
        }
        List<Integer> seen = new ArrayList<>();
        boolean stoppedEarly = false;
        try (CaptureReader reader = CaptureFiles.open(capture.path())) {
            PacketRecord r = new PacketRecord();
            try {
                while (reader.next(r)) {
                    // reading to the end discovers every interface
                }
            } catch (CaptureException e) {
                stoppedEarly = true; // interfaces described before the damage still count
            }
            reader.interfaces().forEach(i -> seen.add(i.linkTypeCode()));
            for (int i = 0; i < reader.interfaces().size(); i++) {
                assertThat(reader.interfaces().get(i).id()).isEqualTo(i);
            }
        } catch (CaptureException e) {
            assertThat(expectedKind(idx)).as("open failed: " + e.getMessage()).isNotNull();
            return;
        }
        if (stoppedEarly || idx.pcapngBlocks().contains("!")) {
            assertThat(idx.linkTypes()).startsWith(seen.toArray(new Integer[0]));
        } else {
            assertThat(seen).isEqualTo(idx.linkTypes());
        }
    }

    private static void compare(Corpus.FrameRow want, PacketRecord r, List<String> mismatches) {
        List<String> diffs = new ArrayList<>();
        int wantIface = want.iface() < 0 ? (r.isPacket() ? 0 : -1) : want.iface();
        int gotIface = r.isPacket() ? r.sectionInterfaceId() : -1;
        if (want.iface() >= 0 || !r.isPacket()) {
            if (gotIface != wantIface) {
                diffs.add("iface " + gotIface + " != " + wantIface);
            }
        }
        if (r.capturedLength() != want.capLen()) {
            diffs.add("cap_len " + r.capturedLength() + " != " + want.capLen());
        }
        if (r.originalLength() != want.len()) {
            diffs.add("len " + r.originalLength() + " != " + want.len());
        }
        String time = EpochTime.format(r);
        if (!time.equals(want.timeEpoch())) {
            diffs.add("time " + time + " != " + want.timeEpoch());
        }
        if (!diffs.isEmpty()) {
            mismatches.add("frame " + want.frame() + ": " + String.join(", ", diffs));
        }
    }

    @AfterAll
    static void summary() {
        System.err.printf("capture corpus: %d files, %d of %d oracle frames matched%n", FILES.get(),
                FRAMES_MATCHED.get(), FRAMES_EXPECTED.get());
    }
}
