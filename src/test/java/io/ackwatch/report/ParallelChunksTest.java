package io.ackwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelChunksTest {
    private static final Duration NO_HANG = Duration.ofSeconds(20);

    /** Every item once, chunks handed over in order, never more than two chunks per thread rendered ahead. */
    @ParameterizedTest
    @CsvSource({"1, 1000, 7", "2, 1000, 7", "3, 1000, 1", "4, 10, 100", "3, 0, 5", "2, 64, 64", "2, 65, 64"})
    void handsOverEveryChunkInOrderWithFewInFlight(int threads, int count, int chunkSize) throws IOException {
        List<Integer> seen = new ArrayList<>();
        AtomicInteger rendered = new AtomicInteger(); // rendered (or being rendered) and not yet handed over
        AtomicInteger mostAhead = new AtomicInteger();
        SplittableRandom random = new SplittableRandom(count);
        try (ParallelChunks chunks = new ParallelChunks(threads)) {
            chunks.render(count, chunkSize, (from, to) -> {
                mostAhead.accumulateAndGet(rendered.incrementAndGet(), Math::max);
                busy(from * 7919 % 50_000);
                List<Integer> items = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    items.add(i);
                }
                return items;
            }, items -> {
                busy(random.nextInt(50_000));
                seen.addAll(items);
                rendered.decrementAndGet();
            });
        }
        assertThat(seen).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
        assertThat(mostAhead.get()).isLessThanOrEqualTo(2 * threads);
    }

    /** The first failing chunk in order decides, as if it had all run on one thread. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void aRenderingFailureComesOutAsThrown(int threads) {
        IOException io = new IOException("chunk 40 unreadable");
        IllegalStateException later = new IllegalStateException("chunk 60 broken");
        List<Integer> handedOver = new ArrayList<>();
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (ParallelChunks chunks = new ParallelChunks(threads)) {
                assertThatThrownBy(() -> chunks.render(100, 1, (from, to) -> {
                    if (from == 60) {
                        throw later; // may well fail before chunk 40 does, on another thread
                    }
                    if (from == 40) {
                        busy(200_000);
                        throw io;
                    }
                    return from;
                }, handedOver::add)).isSameAs(io);
            }
        });
        assertThat(handedOver).hasSize(40).last().isEqualTo(39);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void anUncheckedRenderingFailureComesOutAsThrown(int threads) {
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (ParallelChunks chunks = new ParallelChunks(threads)) {
                assertThatThrownBy(() -> chunks.render(1000, 10, (from, to) -> {
                    if (from == 500) {
                        throw new ArithmeticException("chunk 50");
                    }
                    return from;
                }, from -> { })).isInstanceOf(ArithmeticException.class).hasMessage("chunk 50");
            }
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void aFailureWhileHandingOverComesOutAndStopsTheRest(int threads) {
        IOException full = new IOException("No space left on device");
        AtomicInteger renderedAfter = new AtomicInteger();
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (ParallelChunks chunks = new ParallelChunks(threads)) {
                assertThatThrownBy(() -> chunks.render(10_000, 10, (from, to) -> {
                    if (from > 100) {
                        renderedAfter.incrementAndGet();
                    }
                    return from;
                }, from -> {
                    if (from == 100) {
                        throw full;
                    }
                })).isSameAs(full);
            }
        });
        assertThat(renderedAfter.get()).isLessThanOrEqualTo(2 * threads);
    }

    /** Some work that takes time without sleeping (a sleeping thread gives no chance to race). */
    private static void busy(int iterations) {
        long x = 0;
        for (int i = 0; i < iterations; i++) {
            x += i * 31L ^ x;
        }
        if (x == 42) {
            Thread.onSpinWait();
        }
    }
}
