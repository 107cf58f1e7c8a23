package io.ackwatch.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recycled buffers hold the bytes of earlier connections: nothing of them may ever reach a sample or a log.
 * Each case runs a series of streams (and logs) through assemblers (builders) that share one recycler whose
 * buffers start full of garbage, next to fresh ones fed the same input, and demands identical results.
 */
class RecyclerTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40).map(s -> s * 104_729);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void recycledStreamBuffersNeverLeakEarlierBytes(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        // small bounds make every stream reach them, large ones take the doubling path first
        int headBytes = r.nextBoolean() ? r.nextInt(0, 80) : r.nextInt(1000, 5000);
        int tailBytes = r.nextBoolean() ? r.nextInt(0, 60) : r.nextInt(500, 3000);
        Recycler recycler = new Recycler(headBytes, tailBytes);
        for (int i = 0; i < 4; i++) {
            recycler.giveHead(garbage(headBytes, r));
            recycler.giveRing(garbage(tailBytes, r));
        }
        for (int stream = 0; stream < 30; stream++) {
            // two streams at a time, as the two directions of a connection take buffers in turn
            StreamAssembler pooledA = new StreamAssembler(headBytes, tailBytes, recycler);
            StreamAssembler pooledB = new StreamAssembler(headBytes, tailBytes, recycler);
            StreamAssembler freshA = new StreamAssembler(headBytes, tailBytes);
            StreamAssembler freshB = new StreamAssembler(headBytes, tailBytes);
            int extent = 1 + r.nextInt(3 * (headBytes + tailBytes) + 10);
            int segments = r.nextInt(60);
            for (int k = 0; k < segments; k++) {
                boolean toA = r.nextBoolean();
                feed(r, extent, toA ? pooledA : pooledB, toA ? freshA : freshB);
            }
            ByteStreamSample a = pooledA.sample();
            ByteStreamSample b = pooledB.sample();
            assertSame(a, freshA.sample());
            assertSame(b, freshB.sample());
            byte[] headA = a.head().clone();
            byte[] tailA = a.tail().clone();
            pooledA.recycle();
            pooledB.recycle();
            // the next streams reuse the buffers: a sample taken before must not change
            StreamAssembler next = new StreamAssembler(headBytes, tailBytes, recycler);
            feed(r, extent, next, new StreamAssembler(headBytes, tailBytes));
            next.recycle();
            assertThat(a.head()).isEqualTo(headA);
            assertThat(a.tail()).isEqualTo(tailA);
        }
    }

    /** One segment with random bytes (copies of one offset differ, as corrupt retransmissions would). */
    private static void feed(SplittableRandom r, int extent, StreamAssembler pooled, StreamAssembler fresh) {
        int len = 1 + r.nextInt(Math.max(1, extent / 3));
        long relSeq = r.nextInt(10) == 0 ? -r.nextInt(1, 40) : r.nextInt(extent);
        int captured = r.nextInt(6) == 0 ? r.nextInt(len + 1) : len;
        byte[] frame = new byte[len + 30];
        r.nextBytes(frame);
        int offset = r.nextInt(0, 30);
        pooled.add(relSeq, frame, offset, captured, len);
        fresh.add(relSeq, frame, offset, captured, len);
    }

    private static void assertSame(ByteStreamSample actual, ByteStreamSample expected) {
        assertThat(actual.head()).isEqualTo(expected.head());
        assertThat(actual.tail()).isEqualTo(expected.tail());
        assertThat(actual.tailOffset()).isEqualTo(expected.tailOffset());
        assertThat(actual.length()).isEqualTo(expected.length());
        assertThat(actual.firstGapOffset()).isEqualTo(expected.firstGapOffset());
    }

    private static byte[] garbage(int n, SplittableRandom r) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        for (int i = 0; i < n; i++) {
            b[i] |= 1; // never 0, so a leaked byte cannot pass for an unset one
        }
        return b;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void recycledLogArraysNeverLeakEarlierEntries(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Recycler recycler = new Recycler(0, 0);
        List<SegmentLog> built = new ArrayList<>();
        List<long[]> builtWords = new ArrayList<>();
        for (int connection = 0; connection < 40; connection++) {
            // bounds below and above the recycled array's capacity (a builder may outgrow it)
            int head = r.nextInt(0, 2 * Recycler.LOG_ENTRIES / 3);
            int tail = r.nextInt(0, 2 * Recycler.LOG_ENTRIES / 3);
            SegmentLog.Builder pooled = new SegmentLog.Builder(head, tail, recycler);
            SegmentLog.Builder fresh = new SegmentLog.Builder(head, tail);
            // sizes around the recycled array's capacity, and beyond head + tail (tail ring, omitted entries)
            int count = r.nextInt(0, 2 * Recycler.LOG_ENTRIES + 100);
            for (int i = 0; i < count; i++) {
                long frame = r.nextLong(1, 1L << 40);
                long nanos = r.nextLong();
                boolean client = r.nextBoolean();
                int flags = r.nextInt(0, 0x200);
                long seq = r.nextLong(0, 1L << 32);
                long ack = r.nextLong(0, 1L << 32);
                int len = r.nextInt(0, 65536);
                int window = r.nextInt(0, 65536);
                int analysis = r.nextInt(0, 1 << 12);
                int ttl = r.nextInt(-1, 256);
                int p = pooled.add(frame, nanos, client, flags, seq, ack, len, window, analysis, ttl);
                int f = fresh.add(frame, nanos, client, flags, seq, ack, len, window, analysis, ttl);
                assertThat(p).isEqualTo(f);
                if (r.nextInt(8) == 0 && p >= 0) {
                    pooled.addAnalysis(p, 1 << 13);
                    fresh.addAnalysis(f, 1 << 13);
                }
            }
            SegmentLog log = pooled.build();
            assertThat(words(log)).isEqualTo(words(fresh.build()));
            assertThat(log.omitted()).isEqualTo(fresh.build().omitted());
            assertThat(log.omittedAt()).isEqualTo(fresh.build().omittedAt());
            pooled.recycle();
            built.add(log);
            builtWords.add(words(log));
        }
        for (int i = 0; i < built.size(); i++) {
            assertThat(words(built.get(i))).as("log %d after its array went on to later builders", i)
                    .isEqualTo(builtWords.get(i));
        }
    }

    /** Every field of every entry, in order. */
    private static long[] words(SegmentLog log) {
        long[] out = new long[log.size() * 10];
        for (int i = 0; i < log.size(); i++) {
            long[] e = {log.frame(i), log.timeNanos(i), log.fromClient(i) ? 1 : 0, log.tcpFlags(i), log.seq(i),
                    log.ack(i), log.len(i), log.window(i), log.analysis(i), log.ttl(i)};
            System.arraycopy(e, 0, out, i * 10, 10);
        }
        return Arrays.copyOf(out, out.length);
    }
}
