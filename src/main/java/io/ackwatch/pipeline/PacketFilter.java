package io.ackwatch.pipeline;

import io.ackwatch.capture.CaptureException;
import io.ackwatch.capture.PacketRecord;

/**
 * Decides per packet whether it takes part in the analysis ({@code --filter}); holds native resources. A packet it
 * leaves out is still numbered (see {@code FlowTracker.numberOnly}), so stream numbers are those of the file.
 */
interface PacketFilter extends AutoCloseable {
    boolean matches(PacketRecord record) throws CaptureException;

    @Override
    void close();
}
