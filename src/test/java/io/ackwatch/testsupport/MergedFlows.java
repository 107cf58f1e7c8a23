package io.ackwatch.testsupport;

import io.ackwatch.flow.TcpFlow;
import java.util.List;
import java.util.function.Consumer;

/**
 * A flow sink for tests that want one flow per stream, as the pipeline's judge keeps them: a connection judged
 * as it closed and then continued by late frames reaches the sink twice, and the second is merged into the first
 * ({@link TcpFlow#continuedBy}).
 */
public final class MergedFlows {
    private MergedFlows() {}

    /** A sink that adds each flow to {@code flows}, or merges it into the one of its stream already there. */
    public static Consumer<TcpFlow> into(List<TcpFlow> flows) {
        return flow -> {
            // the earlier part was emitted recently: look from the end
            for (int i = flows.size() - 1; i >= 0; i--) {
                if (flows.get(i).stream() == flow.stream()) {
                    flows.set(i, flows.get(i).continuedBy(flow));
                    return;
                }
            }
            flows.add(flow);
        };
    }
}
