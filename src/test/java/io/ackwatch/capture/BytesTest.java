package io.ackwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written field reads must agree with ByteBuffer's in both byte orders, sign bits included. */
class BytesTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void agreesWithByteBuffer(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = new byte[64];
        for (int round = 0; round < 2000; round++) {
            r.nextBytes(b);
            int at = r.nextInt(0, b.length - 8);
            for (boolean big : new boolean[] {true, false}) {
                ByteBuffer view = ByteBuffer.wrap(b).order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                assertThat(Bytes.int32(b, at, big)).isEqualTo(view.getInt(at));
                assertThat(Bytes.uint32(b, at, big)).isEqualTo(Integer.toUnsignedLong(view.getInt(at)));
                assertThat(Bytes.uint16(b, at, big)).isEqualTo(Short.toUnsignedInt(view.getShort(at)));
                assertThat(Bytes.int64(b, at, big)).isEqualTo(view.getLong(at));
            }
        }
    }
}
