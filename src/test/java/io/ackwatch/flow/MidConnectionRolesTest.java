package io.ackwatch.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ackwatch.analysis.PrinterSet;
import io.ackwatch.capture.CaptureFiles;
import io.ackwatch.capture.CaptureReader;
import io.ackwatch.capture.PacketRecord;
import io.ackwatch.decode.DecodeStatus;
import io.ackwatch.decode.PacketDecoder;
import io.ackwatch.decode.TcpSegment;
import io.ackwatch.testsupport.Corpus;
import io.ackwatch.testsupport.TrackedFlows;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture that starts mid-connection: real captures cut so that their first frame is one the server sent after
 * the handshake (a copy made by the test, never committed). Without a SYN the ports name the server, not the
 * source of the first frame.
 */
class MidConnectionRolesTest {
    @TempDir
    Path dir;

    @Test
    void wellKnownPortIsTheServer() throws Exception {
        Path http = Corpus.assumeCorpus().resolve("files/zeek__zeek/http-qinq-0.pcap");
        assumeTrue(Files.isRegularFile(http), http + " not in the corpus; skipping");
        TcpFlow f = firstFlow(cutBeforeServersFirstAck(http, 80), FlowInterest.ALL);
        assertThat(f.roleBasis()).isEqualTo(RoleBasis.WELL_KNOWN_PORT);
        assertThat(f.server()).isEqualTo(new Endpoint("192.150.187.43", 80));
        assertThat(f.client().port()).isEqualTo(59856);
    }

    @Test
    void printerPortIsTheServerAndOtherwiseTheSideFacingAnEphemeralPort() throws Exception {
        Path healthy = Path.of(System.getProperty("ackwatch.testdata", "testdata"), "captures",
                "s01-healthy-client-cli1.pcap");
        assumeTrue(Files.isRegularFile(healthy), healthy + " not found; skipping");
        Path cut = cutBeforeServersFirstAck(healthy, 9100);

        TcpFlow asPrinter = firstFlow(cut, PrinterSet.defaults());
        assertThat(asPrinter.roleBasis()).isEqualTo(RoleBasis.SERVICE_PORT);
        assertThat(asPrinter.server().port()).isEqualTo(9100);
        assertThat(asPrinter.log().size()).as("detail for the printer connection").isPositive();
        assertThat(asPrinter.log().fromClient(0)).as("the first frame is the printer's").isFalse();

        // 9100 is neither a known service nor well-known here: the client's port (40101) is ephemeral
        TcpFlow plain = firstFlow(cut, FlowInterest.ALL);
        assertThat(plain.roleBasis()).isEqualTo(RoleBasis.EPHEMERAL_PORT);
        assertThat(plain.server().port()).isEqualTo(9100);
        assertThat(plain.client().port()).isGreaterThanOrEqualTo(RoleBasis.EPHEMERAL_FROM);
    }

    private static TcpFlow firstFlow(Path capture, FlowInterest interest) throws Exception {
        List<TcpFlow> flows = TrackedFlows.of(capture, interest);
        assertThat(flows.get(0).handshake().synFrame()).as("no SYN left").isZero();
        assertThat(flows.get(0).handshake().synAckFrame()).as("no SYN-ACK left").isZero();
        return flows.get(0);
    }

    /** A copy of a pcap without the frames before the server's first segment that is not a SYN-ACK. */
    private Path cutBeforeServersFirstAck(Path pcap, int serverPort) throws Exception {
        long keepFrom = 0;
        PacketRecord r = new PacketRecord();
        TcpSegment s = new TcpSegment();
        PacketDecoder d = new PacketDecoder();
        try (CaptureReader reader = CaptureFiles.open(pcap)) {
            while (keepFrom == 0 && reader.next(r)) {
                if (d.decode(r, s) == DecodeStatus.TCP && s.srcPort() == serverPort && !s.has(TcpSegment.SYN)) {
                    keepFrom = r.frame();
                }
            }
        }
        assertThat(keepFrom).as("a frame from port %d after the handshake", serverPort).isGreaterThan(1);
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(pcap));
        int magic = in.getInt(0);
        in.order(magic == 0xa1b2c3d4 || magic == 0xa1b23c4d ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(in.array(), 0, 24);
        int at = 24;
        for (long frame = 1; at + 16 <= in.limit(); frame++) {
            int length = 16 + in.getInt(at + 8);
            if (frame >= keepFrom) {
                out.write(in.array(), at, length);
            }
            at += length;
        }
        Path cut = dir.resolve("cut-" + pcap.getFileName());
        Files.write(cut, out.toByteArray());
        return cut;
    }
}
