package io.ackwatch.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tuple table through its growth: every tuple is found in its own slot with its own connection and
 * tombstone, and tuples that differ in one part only (a port above 32767, the IP version, an address half) are
 * told apart, as the stream numbering needs.
 */
class ConnectionTableTest {
    private record Tuple(int ver, long xh, long xl, int xp, long yh, long yl, int yp) {
        int find(ConnectionTable table) {
            return table.find(ver, xh, xl, xp, yh, yl, yp);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void everyTupleKeepsItsConnectionAndTombstoneThroughGrowth(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Tuple> tuples = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            Tuple t = randomTuple(random);
            tuples.add(t);
            // near twins: each differs from t in one part only
            tuples.add(new Tuple(t.ver == 4 ? 6 : 4, t.xh, t.xl, t.xp, t.yh, t.yl, t.yp));
            tuples.add(new Tuple(t.ver, t.xh, t.xl, t.xp ^ 0x8000, t.yh, t.yl, t.yp));
            tuples.add(new Tuple(t.ver, t.xh, t.xl, t.xp, t.yh ^ 1L << 63, t.yl, t.yp));
        }
        ConnectionTable table = new ConnectionTable();
        List<Connection> connections = new ArrayList<>();
        List<Tuple> stored = new ArrayList<>();
        for (Tuple t : tuples) {
            int slot = t.find(table);
            if (slot >= 0) {
                continue; // the random draw repeated a tuple
            }
            Connection c = new Connection(stored.size(), t.ver, t.xh, t.xl, t.xp, t.yh, t.yl, t.yp, null, null,
                    false, null);
            table.insert(-slot - 1, t.ver, t.xh, t.xl, t.xp, t.yh, t.yl, t.yp, c);
            stored.add(t);
            connections.add(c);
        }
        assertThat(stored).hasSizeGreaterThan(11_000);

        for (int i = 0; i < stored.size(); i += 2) {
            table.bury(stored.get(i).find(table), i, 1000L * i, (1L << 32) - i, i & 0x1f);
        }
        // a growth after the burials must carry the tombstones along
        for (int i = 0; i < 5_000; i++) {
            Tuple t = randomTuple(random);
            int slot = t.find(table);
            if (slot < 0) {
                table.insert(-slot - 1, t.ver, t.xh, t.xl, t.xp, t.yh, t.yl, t.yp, null);
            }
        }

        for (int i = 0; i < stored.size(); i++) {
            int slot = stored.get(i).find(table);
            assertThat(slot).as("tuple %d", i).isNotNegative();
            if (i % 2 == 0) {
                assertThat(table.live(slot)).isNull();
                assertThat(table.tombStream(slot)).isEqualTo(i);
                assertThat(table.tombBaseX(slot)).isEqualTo(1000L * i);
                assertThat(table.tombBaseY(slot)).isEqualTo((1L << 32) - i);
                assertThat(table.tombBits(slot)).isEqualTo(i & 0x1f);
            } else {
                assertThat(table.live(slot)).isSameAs(connections.get(i));
            }
        }
        assertThat(new Tuple(4, 1, 2, 3, 4, 5, 6).find(table)).as("a tuple never inserted").isNegative();
    }

    private static Tuple randomTuple(SplittableRandom random) {
        int ver = random.nextBoolean() ? 4 : 6;
        long xh = ver == 4 ? 0 : random.nextLong();
        long yh = ver == 4 ? 0 : random.nextLong();
        // few addresses and ports, so that tuples share parts as on a real network
        long xl = ver == 4 ? 0x0A000000L + random.nextInt(64) : random.nextLong(64);
        long yl = ver == 4 ? 0x0A000100L + random.nextInt(64) : random.nextLong(64);
        return new Tuple(ver, xh, xl, random.nextInt(65536), yh, yl, random.nextInt(65536));
    }
}
