package io.ackwatch.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.analysis.Finding;
import io.ackwatch.analysis.PrinterSet;
import io.ackwatch.analysis.Severity;
import io.ackwatch.analysis.Thresholds;
import io.ackwatch.flow.Handshake;
import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.SynAckOptions;
import io.ackwatch.flow.TcpFlow;
import io.ackwatch.job.JobInfo;
import io.ackwatch.job.JobReader;
import io.ackwatch.testsupport.TrackedFlows;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Packed verdicts open into verdicts equal, part by part, to the ones packed. */
class VerdictPackerTest {
    private static final PrinterSet PRINTERS = PrinterSet.defaults();
    private final VerdictEngine engine = new VerdictEngine(Thresholds.defaults(), PRINTERS);

    static Stream<Path> captures() throws IOException {
        try (Stream<Path> files = Files.walk(TestdataVerdictsTest.testdata(), FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.pcap(ng)?")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void everyConnectionOfTheTestdataOpensAsItWasPacked(Path capture) throws Exception {
        VerdictPacker packer = new VerdictPacker();
        List<FlowVerdict> open = new ArrayList<>();
        List<FlowVerdict> packed = new ArrayList<>();
        for (TcpFlow flow : TrackedFlows.of(capture)) {
            JobInfo job = new JobReader().read(flow, PRINTERS.service(flow.server()));
            // the judge drops the byte-stream samples once the job is read; a verdict with them stays open
            FlowVerdict withSamples = engine.judge(flow, job);
            if (flow.clientStream().length() > 0) {
                assertThat(packer.pack(withSamples)).isSameAs(withSamples);
            }
            FlowVerdict v = engine.judge(flow.withoutStreamSamples(), job);
            open.add(v);
            packed.add(packer.pack(v));
        }
        assertThat(open).isNotEmpty();
        // opened after all were packed, as reports do: the string table has grown meanwhile
        for (int i = 0; i < open.size(); i++) {
            assertSame(packed.get(i), open.get(i));
        }
    }

    @Test
    void aHealthyConnectionPacksIntoAFewDozenBytes() throws Exception {
        Path capture = TestdataVerdictsTest.testdata().resolve("captures/s01-healthy-client-cli1.pcap");
        VerdictPacker packer = new VerdictPacker();
        List<FlowVerdict> ok = new ArrayList<>();
        for (TcpFlow flow : TrackedFlows.of(capture)) {
            FlowVerdict v = engine.judge(flow.withoutDetail(), new JobReader().read(flow, "raw"));
            if (v.verdict() == Verdict.OK) {
                FlowVerdict p = packer.pack(v);
                assertThat(p.packedBytes().length).as("packed size of %s", v.flow().displayFilter()).isLessThan(160);
                assertSame(p, v);
                // without a segment log (identity-compared by TcpFlow) the verdicts are equal as values
                assertThat(p).isEqualTo(v).hasSameHashCodeAs(v);
                ok.add(p);
            }
        }
        assertThat(ok).isNotEmpty();
    }

    /** Every part of a SYN-ACK comes back, from a bare one to one with each option at its extremes. */
    @Test
    void everySynAckComesBackAsItWasPacked() throws Exception {
        TcpFlow f = troubledVerdict().flow();
        Handshake h = f.handshake();
        List<SynAckOptions> synAcks = new ArrayList<>();
        synAcks.add(null);
        synAcks.add(new SynAckOptions(-1, 0, false, -1, false, 0, List.of()));
        synAcks.add(new SynAckOptions(65535, 65535, true, 15, true, 0xFFFF_FFFFL, List.of(5, 19, 30, 34, 254, 255)));
        synAcks.add(new SynAckOptions(0, 1, false, 0, true, 0, List.of(0x1a)));
        VerdictPacker packer = new VerdictPacker();
        for (SynAckOptions o : synAcks) {
            TcpFlow with = new TcpFlow(f.stream(), f.client(), f.server(), f.roleBasis(), f.firstFrame(), f.lastFrame(),
                    f.startNanos(), f.endNanos(), f.clientSide(), f.serverSide(), f.icmpQuotedFrames(),
                    new Handshake(h.synFrame(), h.synNanos(), h.synAckFrame(), h.synAckNanos(), h.ackFrame(),
                            h.ackNanos(), o, h.clientIsn(), h.serverIsn()), f.analysis(), f.log(), f.ackDelay(), f.clientBytes(), f.deliveredBytes(),
                    f.firstUnackedFrame(), f.state(), f.history(), f.clientStream(), f.serverStream(), f.detailed());
            FlowVerdict open = new FlowVerdict(with, true, "raw", Vantage.CLIENT, Verdict.FAILED, Fault.SERVER,
                    List.of(), List.of(), null);
            FlowVerdict packed = packer.pack(open);
            assertThat(packed.isPacked()).isTrue();
            assertSame(packed, open);
            assertThat(packed.flow().handshake().synAckOptions()).isEqualTo(o);
        }
    }

    /** Sentences are cut at their numbers; whatever the digits and characters, they come back unchanged. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void sentencesComeBackUnchangedWhateverTheirDigits(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        FlowVerdict template = troubledVerdict();
        // odd seeds: a tiny table, most words end up inline; even seeds: thousands of words, the table grows
        VerdictPacker packer = seed % 2 == 0 ? new VerdictPacker() : new VerdictPacker(random.nextInt(0, 8));
        List<FlowVerdict> open = new ArrayList<>();
        List<FlowVerdict> packed = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            List<String> reasoning = new ArrayList<>();
            for (int r = random.nextInt(0, 4); r > 0; r--) {
                reasoning.add(randomText(random));
            }
            List<Finding> findings = List.of(new Finding(randomText(random), Severity.FAILURE,
                    List.of(random.nextLong(0, 1L << 40), random.nextLong(-5, 5)), randomText(random),
                    randomText(random)));
            JobInfo job = new JobInfo(randomText(random), random.nextBoolean() ? null : randomText(random),
                    randomText(random), null, "", random.nextLong(), random.nextLong(), random.nextBoolean(),
                    List.of(randomText(random), randomText(random)),
                    random.nextBoolean() ? List.of() : List.of("SET " + randomText(random), "ENTER LANGUAGE"));
            FlowVerdict v = new FlowVerdict(template.flow(), random.nextBoolean(), null, Vantage.UNKNOWN,
                    random.nextBoolean() ? Verdict.OK : Verdict.FAILED, Fault.NETWORK, findings, reasoning, job);
            open.add(v);
            packed.add(packer.pack(v));
        }
        for (int i = 0; i < open.size(); i++) {
            assertThat(packed.get(i).isPacked()).isTrue();
            assertSame(packed.get(i), open.get(i));
        }
    }

    private static String randomText(SplittableRandom random) {
        String alphabet = "0123456789 .,:-abcXYZµ→é\u00a0😀";
        StringBuilder sb = new StringBuilder();
        for (int n = random.nextInt(0, 40); n > 0; n--) {
            if (random.nextInt(6) == 0) {
                sb.append(random.nextLong(0, Long.MAX_VALUE)); // 19 digits at most: longer than a packed number
            } else {
                sb.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                        random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
        }
        return sb.toString();
    }

    private FlowVerdict troubledVerdict() throws Exception {
        Path capture = TestdataVerdictsTest.testdata().resolve("printer-stops-acking.pcap");
        for (TcpFlow flow : TrackedFlows.of(capture)) {
            FlowVerdict v = engine.judge(flow.withoutStreamSamples(), null);
            if (v.verdict() != Verdict.OK) {
                return v;
            }
        }
        throw new AssertionError("no troubled connection in " + capture);
    }

    private static void assertSame(FlowVerdict packed, FlowVerdict open) {
        if (!packed.isPacked()) {
            assertThat(packed).isSameAs(open);
            assertThat(open.flow().log().omitted()).isPositive();
            return;
        }
        assertThat(packed.printer()).isEqualTo(open.printer());
        assertThat(packed.service()).isEqualTo(open.service());
        assertThat(packed.vantage()).isEqualTo(open.vantage());
        assertThat(packed.verdict()).isEqualTo(open.verdict());
        assertThat(packed.fault()).isEqualTo(open.fault());
        assertThat(packed.findings()).isEqualTo(open.findings());
        assertThat(packed.reasoning()).isEqualTo(open.reasoning());
        assertThat(packed.job()).isEqualTo(open.job());
        // what is kept beside the packed bytes answers as the opened parts do
        for (Severity s : Severity.values()) {
            Severity byVerdict = open.verdict() == Verdict.FAILED ? Severity.FAILURE
                    : open.verdict() == Verdict.DEGRADED ? Severity.WARNING : null;
            assertThat(packed.reachesSeverity(s)).as("a finding or the verdict at least %s", s)
                    .isEqualTo(open.findings().stream().anyMatch(f -> f.severity().atLeast(s))
                            || byVerdict != null && byVerdict.atLeast(s));
        }
        assertThat(packed.stream()).isEqualTo(open.flow().stream());
        assertThat(packed.startNanos()).isEqualTo(open.flow().startNanos());
        assertThat(packed.server()).isEqualTo(open.flow().server());
        assertThat(packed.logSize()).isEqualTo(open.flow().log().size());
        assertThat(packed.detailed()).isEqualTo(open.flow().detailed());
        SynAckOptions synAck = open.flow().handshake().synAckOptions();
        assertThat(packed.synAckParameters()).isEqualTo(synAck == null ? null : synAck.parameters())
                .isEqualTo(open.synAckParameters());
        TcpFlow p = packed.flow();
        TcpFlow o = open.flow();
        // TcpFlow's equality compares the segment log by identity: compare it entry by entry instead
        assertThat(new TcpFlow(p.stream(), p.client(), p.server(), p.roleBasis(), p.firstFrame(), p.lastFrame(),
                p.startNanos(), p.endNanos(), p.clientSide(), p.serverSide(), p.icmpQuotedFrames(), p.handshake(),
                p.analysis(), o.log(), p.ackDelay(), p.clientBytes(), p.deliveredBytes(), p.firstUnackedFrame(),
                p.state(), p.history(), o.clientStream(), o.serverStream(), p.detailed(), p.relayed())).isEqualTo(o);
        assertSameLog(p.log(), o.log());
    }

    private static void assertSameLog(SegmentLog p, SegmentLog o) {
        assertThat(p.size()).isEqualTo(o.size());
        assertThat(p.omitted()).isEqualTo(o.omitted());
        assertThat(p.omittedAt()).isEqualTo(o.omittedAt());
        for (int i = 0; i < o.size(); i++) {
            assertThat(List.of(p.frame(i), p.timeNanos(i), p.fromClient(i), p.tcpFlags(i), p.seq(i), p.ack(i), p.len(i),
                    p.window(i), p.analysis(i), p.ttl(i), p.relayCopy(i)))
                    .as("segment %d", i)
                    .isEqualTo(List.of(o.frame(i), o.timeNanos(i), o.fromClient(i), o.tcpFlags(i), o.seq(i), o.ack(i),
                            o.len(i), o.window(i), o.analysis(i), o.ttl(i), o.relayCopy(i)));
        }
    }
}
