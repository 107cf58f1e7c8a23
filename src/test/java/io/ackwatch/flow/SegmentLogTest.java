package io.ackwatch.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packed log must give back every field as added, keep head and tail in order, and flip cleanly. */
class SegmentLogTest {
    record Entry(long frame, long nanos, boolean client, int flags, long seq, long ack, int len, int window,
            int analysis, int ttl) {}

    private static Entry random(SplittableRandom r, long frame) {
        int[] ttls = {-1, 0, 1, 63, 64, 128, 254, 255};
        return new Entry(frame, r.nextLong(0, Long.MAX_VALUE), r.nextBoolean(), r.nextInt(0, 0x200),
                r.nextBoolean() ? r.nextLong(0, 1L << 32) : r.nextLong(-5, 5), r.nextLong(0, 1L << 32),
                r.nextInt(0, 65536), r.nextInt(0, 65536), r.nextInt() & ((1 << TcpAnalysisFlag.values().length) - 1),
                ttls[r.nextInt(ttls.length)]);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void keepsHeadAndTailOfRandomLogs(int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int head = r.nextInt(0, 40);
        int tail = r.nextInt(0, 40);
        int count = r.nextInt(0, 200);
        SegmentLog.Builder b = new SegmentLog.Builder(head, tail);
        List<Entry> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Entry e = random(r, i + 1);
            int index = b.add(e.frame(), e.nanos(), e.client(), e.flags(), e.seq(), e.ack(), e.len(), e.window(),
                    0, e.ttl());
            b.addAnalysis(index, e.analysis());
            all.add(e);
        }
        List<Entry> expected = new ArrayList<>(all.subList(0, Math.min(head, count)));
        if (count > head) {
            int keptTail = Math.min(tail, count - head);
            expected.addAll(all.subList(count - keptTail, count));
        }
        SegmentLog log = b.build();
        assertThat(read(log)).isEqualTo(expected);
        assertThat(log.omitted()).isEqualTo(count - expected.size());
        assertThat(log.omittedAt()).isEqualTo(log.omitted() > 0 ? head : -1);

        SegmentLog flipped = log.flipped();
        List<Entry> swapped = new ArrayList<>();
        for (Entry e : expected) {
            swapped.add(new Entry(e.frame(), e.nanos(), !e.client(), e.flags(), e.seq(), e.ack(), e.len(), e.window(),
                    e.analysis(), e.ttl()));
        }
        assertThat(read(flipped)).isEqualTo(swapped);
        assertThat(flipped.omitted()).isEqualTo(log.omitted());
        assertThat(flipped.omittedAt()).isEqualTo(log.omittedAt());
        assertThat(read(log)).as("flipping leaves the original alone").isEqualTo(expected);
    }

    private static List<Entry> read(SegmentLog log) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            out.add(new Entry(log.frame(i), log.timeNanos(i), log.fromClient(i), log.tcpFlags(i), log.seq(i),
                    log.ack(i), log.len(i), log.window(i), log.analysis(i), log.ttl(i)));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 10})
    void aBuiltLogNeverChangesWhenTheBuilderGoesOn(int tail) {
        SplittableRandom r = new SplittableRandom(tail);
        SegmentLog.Builder b = new SegmentLog.Builder(5, tail);
        for (int i = 0; i < 12; i++) {
            Entry e = random(r, i + 1);
            b.add(e.frame(), e.nanos(), e.client(), e.flags(), e.seq(), e.ack(), e.len(), e.window(), 0, e.ttl());
        }
        SegmentLog first = b.build();
        List<Entry> before = read(first);
        for (int i = 12; i < 30; i++) {
            Entry e = random(r, i + 1);
            int index = b.add(e.frame(), e.nanos(), e.client(), e.flags(), e.seq(), e.ack(), e.len(), e.window(), 0,
                    e.ttl());
            b.addAnalysis(index, 1);
            b.addAnalysis(0, 2);
        }
        assertThat(read(first)).isEqualTo(before);
        assertThat(b.build().size()).isEqualTo(Math.min(30, 5 + tail));
        assertThatThrownBy(() -> first.frame(first.size())).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
