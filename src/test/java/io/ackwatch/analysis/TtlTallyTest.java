package io.ackwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tally names the most frequent TTL, and of equally frequent ones the first seen, for few and many values. */
class TtlTallyTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void namesTheMostFrequentFirstSeenTtl(int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int round = 0; round < 2000; round++) {
            // few distinct values with many ties (the usual case), or up to 40 (the map's own path)
            int[] pool = new int[r.nextInt(1, round % 2 == 0 ? 4 : 40)];
            for (int k = 0; k < pool.length; k++) {
                pool[k] = r.nextInt(0, 256);
            }
            TtlTally tally = new TtlTally();
            Map<Integer, Integer> reference = new LinkedHashMap<>();
            int n = r.nextInt(0, 30);
            for (int i = 0; i < n; i++) {
                int ttl = pool[r.nextInt(pool.length)];
                tally.add(ttl);
                reference.merge(ttl, 1, Integer::sum);
            }
            int expected = -1;
            int most = 0;
            for (Map.Entry<Integer, Integer> e : reference.entrySet()) {
                if (e.getValue() > most) {
                    most = e.getValue();
                    expected = e.getKey();
                }
            }
            assertThat(tally.usual()).as("seed %d round %d", seed, round).isEqualTo(expected);
        }
    }
}
