package io.ackwatch.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StreamAssemblerTest {

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    /** Adds stream[from, to) as one segment, copied into a buffer with other bytes around it. */
    private static void add(StreamAssembler a, byte[] stream, int from, int to) {
        byte[] frame = new byte[to - from + 20];
        Arrays.fill(frame, (byte) 0x5a);
        System.arraycopy(stream, from, frame, 14, to - from);
        a.add(from, frame, 14, to - from, to - from);
    }

    @Test
    void inOrderStreamShorterThanTheHeadIsAllInTheHead() {
        byte[] stream = randomBytes(10_000, 1);
        StreamAssembler a = new StreamAssembler(65536, 4096);
        for (int off = 0; off < stream.length; off += 1000) {
            add(a, stream, off, off + 1000);
        }
        ByteStreamSample s = a.sample();
        assertThat(s.head()).isEqualTo(stream);
        assertThat(s.tail()).isEmpty();
        assertThat(s.length()).isEqualTo(10_000);
        assertThat(s.firstGapOffset()).isEqualTo(-1);
    }

    @Test
    void retransmissionsAndOverlapsKeepTheFirstCopyOnce() {
        byte[] stream = randomBytes(5000, 2);
        StreamAssembler a = new StreamAssembler(65536, 4096);
        add(a, stream, 0, 1460);
        add(a, stream, 0, 1460); // retransmission
        add(a, stream, 1000, 2920); // overlaps the first segment
        // a retransmission with other bytes must not overwrite what was already reassembled
        byte[] changed = stream.clone();
        Arrays.fill(changed, 0, 2920, (byte) 0);
        add(a, changed, 500, 2000);
        add(a, stream, 2920, 5000);
        ByteStreamSample s = a.sample();
        assertThat(s.head()).isEqualTo(stream);
        assertThat(s.length()).isEqualTo(5000);
        assertThat(s.firstGapOffset()).isEqualTo(-1);
    }

    @Test
    void outOfOrderSegmentsFillTheGapBehindThem() {
        byte[] stream = randomBytes(6000, 3);
        StreamAssembler a = new StreamAssembler(65536, 4096);
        add(a, stream, 0, 1000);
        add(a, stream, 3000, 4000);
        add(a, stream, 2000, 3000);
        ByteStreamSample partial = a.sample();
        assertThat(partial.head()).isEqualTo(Arrays.copyOf(stream, 1000));
        assertThat(partial.firstGapOffset()).isEqualTo(1000);
        add(a, stream, 4000, 6000);
        add(a, stream, 1000, 2000); // the retransmission that fills the hole
        ByteStreamSample s = a.sample();
        assertThat(s.head()).isEqualTo(stream);
        assertThat(s.firstGapOffset()).isEqualTo(-1);
    }

    @Test
    void aLostSegmentStopsTheHeadAndIsTheFirstGap() {
        byte[] stream = randomBytes(8000, 4);
        StreamAssembler a = new StreamAssembler(65536, 4096);
        add(a, stream, 0, 1460);
        add(a, stream, 2920, 8000); // 1460..2920 never captured
        ByteStreamSample s = a.sample();
        assertThat(s.head()).isEqualTo(Arrays.copyOf(stream, 1460));
        assertThat(s.firstGapOffset()).isEqualTo(1460);
        assertThat(s.length()).isEqualTo(8000);
        // the tail is the run that ends the stream, never the gap's missing bytes
        assertThat(s.tailOffset()).isEqualTo(8000 - 4096);
        assertThat(s.tail()).isEqualTo(Arrays.copyOfRange(stream, 8000 - 4096, 8000));
    }

    @Test
    void tailStartsAfterAGapThatFallsInsideTheTailWindow() {
        byte[] stream = randomBytes(100_000, 5);
        StreamAssembler a = new StreamAssembler(1000, 4096);
        add(a, stream, 0, 98_000);
        add(a, stream, 99_000, 100_000);
        ByteStreamSample s = a.sample();
        assertThat(s.tailOffset()).isEqualTo(99_000);
        assertThat(s.tail()).isEqualTo(Arrays.copyOfRange(stream, 99_000, 100_000));
        assertThat(s.firstGapOffset()).isEqualTo(98_000);
        add(a, stream, 98_000, 99_000);
        ByteStreamSample filled = a.sample();
        assertThat(filled.tailOffset()).isEqualTo(100_000 - 4096);
        assertThat(filled.tail()).isEqualTo(Arrays.copyOfRange(stream, 100_000 - 4096, 100_000));
        assertThat(filled.firstGapOffset()).isEqualTo(-1);
    }

    @Test
    void snaplenCutPayloadCountsInTheLengthAndIsAGap() {
        byte[] stream = randomBytes(3000, 6);
        StreamAssembler a = new StreamAssembler(65536, 4096);
        add(a, stream, 0, 1000);
        // frame carried 1000 payload bytes on the wire but the capture kept only 200
        a.add(1000, stream, 1000, 200, 1000);
        ByteStreamSample s = a.sample();
        assertThat(s.length()).isEqualTo(2000);
        assertThat(s.head()).isEqualTo(Arrays.copyOf(stream, 1200));
        assertThat(s.firstGapOffset()).isEqualTo(1200);
        // the full retransmission closes the gap
        add(a, stream, 1000, 3000);
        assertThat(a.sample().head()).isEqualTo(stream);
        assertThat(a.sample().firstGapOffset()).isEqualTo(-1);
    }

    @Test
    void tailHoldsTheLastBytesOfAStreamLongerThanTheHead() {
        byte[] stream = randomBytes(300_000, 7);
        StreamAssembler a = new StreamAssembler(65536, 4096);
        for (int off = 0; off < stream.length; off += 1448) {
            add(a, stream, off, Math.min(stream.length, off + 1448));
        }
        ByteStreamSample s = a.sample();
        assertThat(s.head()).isEqualTo(Arrays.copyOf(stream, 65536));
        assertThat(s.tailOffset()).isEqualTo(300_000 - 4096);
        assertThat(s.tail()).isEqualTo(Arrays.copyOfRange(stream, 300_000 - 4096, 300_000));
        assertThat(s.length()).isEqualTo(300_000);
    }

    @Test
    void segmentsBeforeTheFirstDataByteAreIgnored() {
        byte[] stream = randomBytes(2000, 8);
        StreamAssembler a = new StreamAssembler(65536, 4096);
        byte[] frame = new byte[1100];
        System.arraycopy(stream, 0, frame, 100, 1000);
        a.add(-100, frame, 0, 1100, 1100);
        add(a, stream, 1000, 2000);
        assertThat(a.sample().head()).isEqualTo(stream);
    }

    @Test
    void hostileArgumentsDoNotThrow() {
        StreamAssembler a = new StreamAssembler(16, 8);
        byte[] b = new byte[10];
        a.add(0, b, 20, 5, 5);
        a.add(0, b, -1, 5, 5);
        a.add(0, b, 8, 5, 5);
        a.add(5, b, 0, -3, -3);
        a.add(Long.MAX_VALUE / 4, b, 0, 10, 10);
        a.add(0, null, 0, 0, 100);
        assertThat(a.sample().length()).isEqualTo(Long.MAX_VALUE / 4 + 10);
        assertThat(new StreamAssembler(0, 0).sample().head()).isEmpty();
    }

    @Test
    void segmentsWithoutPayloadDoNotChangeTheStream() {
        StreamAssembler a = new StreamAssembler(100, 100);
        a.add(0, new byte[10], 0, 10, 10);
        a.add(5_000_000, new byte[0], 0, 0, 0); // an RST with a far-off sequence number
        assertThat(a.sample().length()).isEqualTo(10);
        assertThat(a.sample().firstGapOffset()).isEqualTo(-1);
    }

    @Test
    void moreHolesThanRangesAreRememberedStillGiveCorrectBytes() {
        int seg = 100;
        int count = 3 * StreamAssembler.MAX_RANGES;
        byte[] stream = randomBytes(seg * count, 9);
        StreamAssembler a = new StreamAssembler(seg * count, 1000);
        for (int i = 0; i < count; i += 2) { // every other segment lost at first
            add(a, stream, i * seg, (i + 1) * seg);
        }
        ByteStreamSample holes = a.sample();
        assertThat(holes.head()).isEqualTo(Arrays.copyOf(stream, seg));
        assertThat(holes.firstGapOffset()).isEqualTo(seg);
        assertThat(holes.tail()).isEqualTo(Arrays.copyOfRange(stream, (count - 2) * seg, (count - 1) * seg));
        for (int i = 1; i < count; i += 2) { // the retransmissions arrive
            add(a, stream, i * seg, (i + 1) * seg);
        }
        ByteStreamSample s = a.sample();
        // ranges beyond the limit were forgotten: the head may stop early, but never holds a wrong byte
        assertThat(s.head().length).isGreaterThanOrEqualTo(StreamAssembler.MAX_RANGES * seg);
        assertThat(s.head()).isEqualTo(Arrays.copyOf(stream, s.head().length));
        assertThat(s.length()).isEqualTo(stream.length);
        assertThat(s.tail()).isEqualTo(Arrays.copyOfRange(stream, stream.length - s.tail().length, stream.length));
    }

    @Test
    void aHugeStreamKeepsMemoryBounded() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        byte[] segment = new byte[1448];
        StreamAssembler a = new StreamAssembler(65536, 4096);
        long total = 64L * 1024 * 1024;
        long before = threads.getThreadAllocatedBytes(thread);
        for (long off = 0; off < total; off += segment.length) {
            for (int i = 0; i < segment.length; i++) {
                segment[i] = (byte) ((off + i) * 31 >>> 3);
            }
            int n = (int) Math.min(segment.length, total - off);
            a.add(off, segment, 0, n, n);
            if (off % (1448L * 1000) == 0 && off > 0) {
                a.add(off - 1448, segment, 0, n, n); // an occasional retransmission
            }
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(allocated).as("bytes allocated while adding 64 MiB").isLessThan(1024 * 1024);
        ByteStreamSample s = a.sample();
        assertThat(s.length()).isEqualTo(total);
        assertThat(s.head()).hasSize(65536);
        assertThat(s.tail()).hasSize(4096);
        for (int i = 0; i < 4096; i++) {
            long off = total - 4096 + i;
            assertThat(s.tail()[i]).isEqualTo((byte) (off * 31 >>> 3));
        }
    }

    static List<Long> seeds() {
        List<Long> seeds = new ArrayList<>();
        for (long s = 1; s <= 60; s++) {
            seeds.add(s * 7919);
        }
        return seeds;
    }

    /** Random segmentation, duplicates, overlaps and local reordering of a known stream: no gap. */
    @ParameterizedTest
    @MethodSource("seeds")
    void randomSegmentationsReassembleTheHeadExactly(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 1 + r.nextInt(200_000);
        byte[] stream = randomBytes(n, seed);
        int headBytes = 1 + r.nextInt(70_000);
        int tailBytes = 1 + r.nextInt(6000);
        StreamAssembler a = new StreamAssembler(headBytes, tailBytes);
        for (int[] seg : segmentation(r, n, 0)) {
            add(a, stream, seg[0], seg[1]);
        }
        ByteStreamSample s = a.sample();
        assertThat(s.length()).isEqualTo(n);
        assertThat(s.firstGapOffset()).isEqualTo(-1);
        assertThat(s.head()).isEqualTo(Arrays.copyOf(stream, Math.min(n, headBytes)));
        if (n <= headBytes) {
            assertThat(s.tail()).isEmpty();
        } else {
            int t = Math.min(n, tailBytes);
            assertThat(s.tailOffset()).isEqualTo(n - t);
            assertThat(s.tail()).isEqualTo(Arrays.copyOfRange(stream, n - t, n));
        }
    }

    /** The same with lost segments and snaplen cuts, checked against a byte-per-byte model. */
    @ParameterizedTest
    @MethodSource("seeds")
    void lossesAndCutsMatchAByteModel(long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x9e3779b97f4a7c15L);
        int n = 1 + r.nextInt(120_000);
        byte[] stream = randomBytes(n, seed);
        int headBytes = 1 + r.nextInt(40_000);
        int tailBytes = 1 + r.nextInt(5000);
        StreamAssembler a = new StreamAssembler(headBytes, tailBytes);
        boolean[] captured = new boolean[n];
        long length = 0;
        for (int[] seg : segmentation(r, n, 1 + r.nextInt(6))) {
            int from = seg[0];
            int to = seg[1];
            int cut = r.nextInt(10) == 0 ? r.nextInt(to - from + 1) : to - from;
            byte[] frame = Arrays.copyOfRange(stream, from, to);
            a.add(from, frame, 0, cut, to - from);
            Arrays.fill(captured, from, from + cut, true);
            length = Math.max(length, to);
        }
        ByteStreamSample s = a.sample();
        int contiguous = 0;
        while (contiguous < n && captured[contiguous]) {
            contiguous++;
        }
        int capturedEnd = n;
        while (capturedEnd > 0 && !captured[capturedEnd - 1]) {
            capturedEnd--;
        }
        int runStart = capturedEnd;
        while (runStart > 0 && captured[runStart - 1]) {
            runStart--;
        }
        assertThat(s.length()).isEqualTo(length);
        assertThat(s.firstGapOffset()).isEqualTo(contiguous < length ? contiguous : -1);
        assertThat(s.head()).isEqualTo(Arrays.copyOf(stream, Math.min(contiguous, headBytes)));
        if (contiguous >= length && contiguous <= headBytes) {
            assertThat(s.tail()).isEmpty();
        } else {
            int tailFrom = Math.max(runStart, capturedEnd - tailBytes);
            assertThat(s.tail()).isEqualTo(Arrays.copyOfRange(stream, tailFrom, capturedEnd));
            if (s.tail().length > 0) {
                assertThat(s.tailOffset()).isEqualTo(tailFrom);
            }
        }
    }

    /** Wild sequence numbers (negative, far jumps, near the top of the range) keep every bound and never throw. */
    @ParameterizedTest
    @MethodSource("seeds")
    void wildSegmentsKeepTheBounds(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int headBytes = r.nextInt(5000);
        int tailBytes = r.nextInt(3000);
        StreamAssembler a = new StreamAssembler(headBytes, tailBytes);
        byte[] data = randomBytes(4000, seed);
        for (int i = 0; i < 500; i++) {
            long relSeq = switch (r.nextInt(5)) {
                case 0 -> r.nextLong(-5000, 5000);
                case 1 -> r.nextLong(0, 1L << 40);
                case 2 -> Long.MAX_VALUE - r.nextInt(10_000);
                default -> r.nextLong(0, 20_000);
            };
            int offset = r.nextInt(-10, data.length + 10);
            int captured = r.nextInt(-10, 3000);
            int payload = r.nextInt(-10, 3000);
            a.add(relSeq, data, offset, captured, payload);
        }
        ByteStreamSample s = a.sample();
        assertThat(s.head().length).isLessThanOrEqualTo(headBytes);
        assertThat(s.tail().length).isLessThanOrEqualTo(tailBytes);
        assertThat(s.firstGapOffset()).isLessThanOrEqualTo(s.length());
    }

    /**
     * Segments covering [0, n): random sizes, some sent twice with other boundaries (overlapping
     * retransmissions), shuffled within small windows; {@code drops} segments are left out.
     */
    private static List<int[]> segmentation(SplittableRandom r, int n, int drops) {
        List<int[]> segs = new ArrayList<>();
        int mss = 1 + r.nextInt(3000);
        for (int off = 0; off < n; ) {
            int len = Math.min(n - off, 1 + r.nextInt(mss));
            segs.add(new int[] {off, off + len});
            off += len;
        }
        for (int d = 0; d < drops && segs.size() > 1; d++) {
            segs.remove(r.nextInt(segs.size()));
        }
        List<int[]> out = new ArrayList<>(segs);
        int extra = r.nextInt(1 + segs.size() / 4);
        for (int i = 0; i < extra; i++) {
            int[] base = segs.get(r.nextInt(segs.size()));
            int from = Math.max(0, base[0] - r.nextInt(500));
            int to = Math.min(base[1] + r.nextInt(500), segs.get(segs.size() - 1)[1]);
            if (!overlapsDropped(from, to, segs)) {
                out.add(r.nextInt(out.size() + 1), new int[] {from, Math.max(from + 1, to)});
            }
        }
        // reorder within windows of up to 8 segments, as a reordering path or SACK recovery would
        for (int i = 0; i < out.size(); i += 8) {
            Collections.shuffle(out.subList(i, Math.min(out.size(), i + 8)), new java.util.Random(r.nextLong()));
        }
        return out;
    }

    /** True when [from, to) covers bytes of no kept segment, i.e. would fill a dropped one. */
    private static boolean overlapsDropped(int from, int to, List<int[]> kept) {
        int covered = from;
        for (int[] s : kept) {
            if (s[1] <= covered) {
                continue;
            }
            if (s[0] > covered) {
                return covered < to;
            }
            covered = s[1];
            if (covered >= to) {
                return false;
            }
        }
        return covered < to;
    }
}
