import io.ackwatch.analysis.PrinterSet;
import io.ackwatch.analysis.Thresholds;
import io.ackwatch.capture.CaptureFiles;
import io.ackwatch.capture.CaptureReader;
import io.ackwatch.capture.PacketRecord;
import io.ackwatch.decode.DecodeStatus;
import io.ackwatch.decode.PacketDecoder;
import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.FlowOptions;
import io.ackwatch.flow.FlowTracker;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;
import io.ackwatch.job.JobReader;
import io.ackwatch.verdict.FlowVerdict;
import io.ackwatch.verdict.VerdictEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Times the judging stage alone on the connections of one capture (warm JIT, several rounds):
 * java -XX:TieredStopAtLevel=1 -cp target/ackwatch.jar bench/JudgeBench.java bench/out/batch-part.pcap
 */
public class JudgeBench {
    public static void main(String[] args) throws Exception {
        PrinterSet printers = PrinterSet.defaults();
        List<TcpFlow> flows = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(Path.of(args[0]))) {
            FlowTracker tracker = new FlowTracker(FlowOptions.defaults(printers), flows::add);
            PacketDecoder decoder = new PacketDecoder();
            PacketRecord record = new PacketRecord();
            TcpSegment segment = new TcpSegment();
            while (reader.next(record)) {
                if (record.isPacket() && decoder.decode(record, segment) == DecodeStatus.TCP) {
                    tracker.accept(record, segment);
                }
            }
            tracker.finish();
        }
        flows.removeIf(f -> !printers.isPrinter(f.server()));
        JobReader jobs = new JobReader();
        VerdictEngine engine = new VerdictEngine(Thresholds.defaults(), printers);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            List<JobInfo> infos = new ArrayList<>(flows.size());
            for (TcpFlow f : flows) {
                infos.add(jobs.read(f, printers.service(f.server())));
            }
            long t1 = System.nanoTime();
            int bad = 0;
            for (int i = 0; i < flows.size(); i++) {
                FlowVerdict v = engine.judge(flows.get(i), infos.get(i));
                bad += v.findings().size();
            }
            long t2 = System.nanoTime();
            System.out.printf("round %d: %d flows, jobs %.1f us/flow, judge %.1f us/flow (%d findings)%n", r,
                    flows.size(), (t1 - t0) / 1e3 / flows.size(), (t2 - t1) / 1e3 / flows.size(), bad);
        }
    }
}
