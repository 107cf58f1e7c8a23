package io.ackwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.flow.ByteStreamSample;
import io.ackwatch.flow.StreamAssembler;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JobStreamViewTest {

    private static byte[] counting(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + i / 251);
        }
        return b;
    }

    @Test
    void overlappingHeadAndTailBecomeOneRun() {
        byte[] stream = counting(5000);
        StreamView v = StreamView.of(Flows.sample(stream, 4000, 2000));
        assertThat(v.runs()).hasSize(1);
        assertThat(v.head()).isEqualTo(stream);
        assertThat(v.endRun()).isNotNull();
        assertThat(v.byteAt(4999)).isEqualTo(stream[4999] & 0xff);
        assertThat(v.byteAt(5000)).isEqualTo(-1);
    }

    @Test
    void distantHeadAndTailStayTwoRunsWithUnknownBytesBetween() {
        byte[] stream = counting(50_000);
        StreamView v = StreamView.of(Flows.sample(stream, 4000, 2000));
        assertThat(v.runs()).hasSize(2);
        assertThat(v.byteAt(3999)).isEqualTo(stream[3999] & 0xff);
        assertThat(v.byteAt(4000)).isEqualTo(-1);
        assertThat(v.byteAt(47_999)).isEqualTo(-1);
        assertThat(v.byteAt(48_000)).isEqualTo(stream[48_000] & 0xff);
        assertThat(v.bytesAt(49_990, 100)).isEqualTo(Arrays.copyOfRange(stream, 49_990, 50_000));
        assertThat(v.endRun().start()).isEqualTo(48_000);
    }

    @Test
    void aSnaplenCutAtTheEndHidesTheEnd() {
        byte[] stream = counting(3000);
        StreamAssembler a = new StreamAssembler(65536, 4096);
        a.add(0, stream, 0, 2000, 2000);
        a.add(2000, stream, 2000, 100, 1000);
        StreamView v = StreamView.of(a.sample());
        assertThat(v.length()).isEqualTo(3000);
        assertThat(v.firstGap()).isEqualTo(2100);
        assertThat(v.endRun()).isNull();
    }

    @Test
    void nullAndEmptySamplesAreEmptyViews() {
        assertThat(StreamView.of(null).isEmpty()).isTrue();
        assertThat(StreamView.of(ByteStreamSample.EMPTY).head()).isEmpty();
        assertThat(StreamView.of(new ByteStreamSample(null, null, -5, 0, -1)).byteAt(0)).isEqualTo(-1);
        assertThat(StreamView.of(ByteStreamSample.EMPTY).lineAt(0, 10)).isNull();
    }

    @Test
    void endMarkerSpanningTheHeadTailSeamIsFound() {
        byte[] job = PrintJobs.pjlPcl("seam", "alice", 1000);
        // head ends in the middle of the closing UEL; the tail holds the rest
        ByteStreamSample s = Flows.sample(job, job.length - 4, 64);
        JobInfo info = new JobReader().read(Flows.flow(s, ByteStreamSample.EMPTY, job.length, 0, job.length), "raw");
        assertThat(info.complete()).isTrue();
        assertThat(info.name()).isEqualTo("seam");
    }
}
