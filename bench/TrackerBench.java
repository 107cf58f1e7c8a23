import io.ackwatch.analysis.PrinterSet;
import io.ackwatch.capture.CaptureFiles;
import io.ackwatch.capture.CaptureReader;
import io.ackwatch.capture.PacketRecord;
import io.ackwatch.decode.DecodeStatus;
import io.ackwatch.decode.PacketDecoder;
import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.FlowOptions;
import io.ackwatch.flow.FlowTracker;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Times the reading thread's flow stage alone (warm JIT, several rounds): each round reads and decodes the
 * capture once without and once with FlowTracker.accept, and prints the CPU time and allocation of this thread
 * for both; their difference is the tracker's share. Other processes on the machine disturb single rounds, so
 * compare the lowest of several:
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp target/ackwatch.jar bench/TrackerBench.java bench/out/batch-part.pcap 9
 */
public class TrackerBench {
    private static long sink;

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long bestRead = Long.MAX_VALUE;
        long bestTrack = Long.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long[] read = run(file, false);
            long[] track = run(file, true);
            if (r > 0) {
                bestRead = Math.min(bestRead, read[0]);
                bestTrack = Math.min(bestTrack, track[0]);
            }
            System.out.printf("round %d: read+decode %.1f ms, +track %.1f ms (%.1f MB allocated)%n", r,
                    read[0] / 1e6, track[0] / 1e6, track[1] / 1e6);
        }
        if (rounds > 1) {
            System.out.printf("lowest after round 0: read+decode %.1f ms, tracker %.1f ms%n", bestRead / 1e6,
                    (bestTrack - bestRead) / 1e6);
        }
    }

    /** CPU nanoseconds and bytes allocated by this thread for one pass over the file. */
    private static long[] run(Path file, boolean track) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        try (CaptureReader reader = CaptureFiles.open(file)) {
            FlowTracker tracker = new FlowTracker(FlowOptions.defaults(PrinterSet.defaults()),
                    flow -> sink += flow.packets());
            PacketDecoder decoder = new PacketDecoder();
            PacketRecord record = new PacketRecord();
            TcpSegment segment = new TcpSegment();
            while (reader.next(record)) {
                if (record.isPacket() && decoder.decode(record, segment) == DecodeStatus.TCP) {
                    if (track) {
                        tracker.accept(record, segment);
                    } else {
                        sink += segment.seq();
                    }
                }
            }
            tracker.finish();
        }
        return new long[] {threads.getCurrentThreadCpuTime() - cpu,
                threads.getCurrentThreadAllocatedBytes() - allocated};
    }
}
