package io.ackwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ackwatch.flow.TcpFlow;
import io.ackwatch.testsupport.TrackedFlows;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The judging thread must judge every flow, in the tracker's order, and never leave the reader waiting. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JudgingThreadTest {
    private static List<TcpFlow> flows;

    @BeforeAll
    static void loadFlows() throws Exception {
        Path capture = Path.of(System.getProperty("ackwatch.testdata", "testdata"), "captures",
                "s03-seed-timeline-client-cli1.pcap");
        flows = TrackedFlows.of(capture);
        assertThat(flows).hasSizeGreaterThan(3);
    }

    /** Flow {@code i} of a long run made from the capture's flows, so that many batches cross over. */
    private static TcpFlow flow(int i) {
        return flows.get(i % flows.size());
    }

    @Test
    void judgesEveryFlowInOrder() {
        for (int count : new int[] {0, 1, 31, 32, 33, 1000}) {
            List<TcpFlow> judged = new ArrayList<>();
            JudgingThread thread = new JudgingThread(judged::add, "test");
            List<TcpFlow> given = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                given.add(flow(i));
                thread.accept(flow(i));
            }
            assertThat(thread.finish()).isNull();
            assertThat(judged).as("%d flows", count).containsExactlyElementsOf(given);
            assertThat(thread.finish()).as("a second finish does nothing").isNull();
        }
    }

    @Test
    void aFailingJudgeIsReportedAndDoesNotBlockTheReader() {
        List<TcpFlow> judged = new ArrayList<>();
        JudgingThread thread = new JudgingThread(f -> {
            if (judged.size() == 40) {
                throw new IllegalStateException("boom");
            }
            judged.add(f);
        }, "test");
        // far more than the queue holds: the reader must not wait for a judge that stopped
        for (int i = 0; i < 10_000; i++) {
            thread.accept(flow(i));
        }
        RuntimeException failure = thread.finish();
        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(judged).hasSize(40);
    }

    @Test
    void anErrorOfTheJudgeIsThrownToTheReader() {
        JudgingThread thread = new JudgingThread(f -> {
            throw new OutOfMemoryError("test heap");
        }, "test");
        thread.accept(flow(0));
        assertThatThrownBy(thread::finish).isInstanceOf(OutOfMemoryError.class).hasMessage("test heap");
    }
}
