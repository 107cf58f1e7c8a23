package io.ackwatch.testsupport;

import io.ackwatch.capture.CaptureException;
import io.ackwatch.capture.CaptureFiles;
import io.ackwatch.capture.CaptureReader;
import io.ackwatch.capture.PacketRecord;
import io.ackwatch.decode.DecodeStatus;
import io.ackwatch.decode.PacketDecoder;
import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.FlowInterest;
import io.ackwatch.flow.FlowOptions;
import io.ackwatch.flow.FlowTracker;
import io.ackwatch.flow.TcpFlow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The connections of a capture through the real reader, decoder and flow tracker, every one in detail. */
public final class TrackedFlows {
    private TrackedFlows() {}

    /** Every TCP connection of {@code capture}, by stream number. */
    public static List<TcpFlow> of(Path capture) throws CaptureException {
        return of(capture, FlowInterest.ALL);
    }

    /** Every TCP connection of {@code capture}, by stream number, tracked with {@code interest}. */
    public static List<TcpFlow> of(Path capture, FlowInterest interest) throws CaptureException {
        List<TcpFlow> flows = new ArrayList<>();
        FlowTracker tracker = new FlowTracker(FlowOptions.defaults(interest), MergedFlows.into(flows));
        PacketDecoder decoder = new PacketDecoder();
        PacketRecord record = new PacketRecord();
        TcpSegment segment = new TcpSegment();
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            while (reader.next(record)) {
                if (decoder.decode(record, segment) == DecodeStatus.TCP) {
                    tracker.accept(record, segment);
                }
            }
        }
        tracker.finish();
        flows.sort(Comparator.comparingInt(TcpFlow::stream));
        return flows;
    }
}
