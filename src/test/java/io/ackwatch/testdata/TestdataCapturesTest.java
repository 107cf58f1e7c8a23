package io.ackwatch.testdata;

import io.ackwatch.testsupport.TrackedFlows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ackwatch.capture.CaptureException;
import io.ackwatch.decode.TcpSegment;
import io.ackwatch.flow.SegmentLog;
import io.ackwatch.flow.TcpAnalysisFlag;
import io.ackwatch.flow.TcpFlow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated captures in {@code testdata/} against their sidecars, read through ackwatch's own capture,
 * decode and flow stages. The sidecars come from what the generator injected (testdata/generator), never
 * from ackwatch output, so this checks the flow stage against ground truth: every connection a sidecar names
 * is found, and every connection marked {@code "pattern": "seed"} shows the printer failure the project is
 * about: handshake, exactly two client data segments, no ACK for them, client retransmissions, printer RST.
 */
class TestdataCapturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path testdata() {
        String dir = System.getProperty("ackwatch.testdata", "testdata");
        Path path = Paths.get(dir);
        Assumptions.assumeTrue(Files.isDirectory(path.resolve("captures")),
                "testdata captures not found at " + path.toAbsolutePath() + " (system property ackwatch.testdata)");
        return path;
    }

    static Stream<Path> sidecars() throws IOException {
        Path root = testdata();
        List<Path> all = new ArrayList<>();
        for (Path dir : List.of(root, root.resolve("captures"))) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.getFileName().toString().endsWith(".expected.json")).sorted().forEach(all::add);
            }
        }
        return all.stream();
    }

    static Stream<Arguments> seedConnections() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (Path sidecar : sidecars().toList()) {
            for (JsonNode conn : JSON.readTree(sidecar.toFile()).get("connections")) {
                if ("seed".equals(conn.path("pattern").asText())) {
                    out.add(Arguments.of(sidecar.getFileName().toString(), conn.get("client").asText(),
                            conn.get("server").asText()));
                }
            }
        }
        return out.stream();
    }

    @Test
    void thereAreSidecarsAndSeedConnections() throws IOException {
        assertThat(sidecars().count()).as("sidecars in testdata").isGreaterThanOrEqualTo(10);
        assertThat(seedConnections().count()).as("seed-pattern connections").isGreaterThanOrEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sidecars")
    void everyConnectionNamedInTheSidecarIsInTheCapture(Path sidecar) throws Exception {
        JsonNode side = JSON.readTree(sidecar.toFile());
        List<TcpFlow> flows = track(sidecar.resolveSibling(side.get("capture").asText()));
        assertThat(flows).as("connections in " + side.get("capture").asText()).isNotEmpty();
        for (JsonNode conn : side.get("connections")) {
            String client = conn.get("client").asText();
            String server = conn.get("server").asText();
            assertThat(flows)
                    .as("%s: connection %s -> %s with a SYN from the client", sidecar.getFileName(), client, server)
                    .anyMatch(f -> f.client().toString().equals(client) && f.server().toString().equals(server)
                            && f.handshake().synFrame() > 0);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("seedConnections")
    void seedFailureShowsTwoUnackedSegmentsRetransmissionsAndPrinterReset(String sidecar, String client,
            String server) throws Exception {
        JsonNode side = JSON.readTree(locate(sidecar).toFile());
        TcpFlow flow = track(locate(sidecar).resolveSibling(side.get("capture").asText())).stream()
                .filter(f -> f.client().toString().equals(client) && f.server().toString().equals(server))
                .findFirst().orElseThrow(() -> new AssertionError(client + " -> " + server + " not found"));
        SegmentLog log = flow.log();
        assertThat(flow.handshake().complete()).as("handshake complete").isTrue();
        assertThat(log.omitted()).as("short connection, fully logged").isZero();

        int originals = 0;
        int retransmissions = 0;
        List<Long> firstSegmentSent = new ArrayList<>();
        long highestClientEnd = 1;
        boolean retransmissionSeen = false;
        for (int i = 0; i < log.size(); i++) {
            if (!log.fromClient(i) || log.len(i) == 0) {
                continue;
            }
            highestClientEnd = Math.max(highestClientEnd, log.seq(i) + log.len(i));
            if (log.seq(i) == 1) {
                firstSegmentSent.add(log.timeNanos(i));
            }
            if (log.has(i, TcpAnalysisFlag.RETRANSMISSION)) {
                retransmissionSeen = true;
                retransmissions++;
            } else {
                assertThat(retransmissionSeen).as("new client data after a retransmission (frame %d)", log.frame(i))
                        .isFalse();
                originals++;
            }
        }
        assertThat(originals).as("client data segments before any retransmission").isEqualTo(2);
        assertThat(retransmissions).as("client retransmissions").isGreaterThanOrEqualTo(3);
        for (int k = 2; k < firstSegmentSent.size(); k++) {
            long before = firstSegmentSent.get(k - 1) - firstSegmentSent.get(k - 2);
            long gap = firstSegmentSent.get(k) - firstSegmentSent.get(k - 1);
            assertThat(gap).as("retransmission back-off grows (resend %d of the first segment)", k)
                    .isGreaterThan(before);
        }

        long lastClientData = 0;
        long serverRstFrame = 0;
        for (int i = 0; i < log.size(); i++) {
            boolean ack = (log.tcpFlags(i) & TcpSegment.ACK) != 0;
            if (log.fromClient(i)) {
                if (log.len(i) > 0) {
                    lastClientData = log.frame(i);
                }
                continue;
            }
            assertThat(ack && log.ack(i) > 1).as("server ACK covering client data (frame %d)", log.frame(i))
                    .isFalse();
            if ((log.tcpFlags(i) & TcpSegment.RST) != 0) {
                serverRstFrame = log.frame(i);
            }
        }
        assertThat(serverRstFrame).as("RST from the printer after the client's data").isGreaterThan(lastClientData);
        assertThat(flow.serverSide().rst()).isGreaterThanOrEqualTo(1);
        assertThat(flow.deliveredBytes()).as("bytes the printer acknowledged").isZero();
        int segmentSize = Math.min(flow.clientSide().mss(), flow.serverSide().mss());
        assertThat(highestClientEnd).as("client sent exactly two full segments of the negotiated MSS")
                .isEqualTo(1 + 2L * segmentSize);
    }

    @Test
    void theSeedFileIsOneConnectionToPort9100SeenFromTheClient() throws Exception {
        Path seed = testdata().resolve("printer-stops-acking.pcap");
        Assumptions.assumeTrue(Files.isRegularFile(seed), "no " + seed);
        List<TcpFlow> flows = track(seed);
        assertThat(flows).hasSize(1);
        TcpFlow flow = flows.get(0);
        assertThat(flow.server().port()).isEqualTo(9100);
        assertThat(flow.handshake().complete()).isTrue();
        assertThat(flow.handshake().synFrame()).as("the capture starts with the client's SYN").isEqualTo(1);
        assertThat(flow.lastFrame()).as("the printer's RST is the last frame").isEqualTo(flow.packets());
    }

    private static Path locate(String sidecarName) throws IOException {
        return sidecars().filter(p -> p.getFileName().toString().equals(sidecarName)).findFirst().orElseThrow();
    }

    static List<TcpFlow> track(Path capture) throws CaptureException {
        return TrackedFlows.of(capture);
    }
}
