package io.ackwatch.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ackwatch.testsupport.TrackedFlows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario s17 of {@code testdata/} (a host on the client LAN relays every packet of cli1, 2 ms later, with its own
 * MAC): the relayed copies are found where a capture sees both sightings, and only there; they keep Wireshark's
 * analysis flags.
 */
class RelayCopyDetectorTest {
    private static final long RELAY = 0x0299_0001_0066L;

    @TempDir
    Path dir;

    static List<TcpFlow> flows(String name) throws Exception {
        Path capture = Path.of(System.getProperty("ackwatch.testdata", "testdata"), "captures", name);
        assumeTrue(Files.isRegularFile(capture), capture + " not found; skipping");
        return flows(capture);
    }

    static List<TcpFlow> flows(Path capture) throws Exception {
        return TrackedFlows.of(capture);
    }

    @Test
    void middleCaptureSeesEveryFrameOfTheRelayedClientTwice() throws Exception {
        List<TcpFlow> flows = flows("s17-lan-relay-middle.pcap");
        TcpFlow relayed = flows.get(0);
        assertThat(relayed.client().port()).isEqualTo(41701);
        // 66 frames seen twice: each direction's copies come from the relay, the originals from cli1 and the router
        assertThat(relayed.relayed()).containsExactly(
                new RelayedCopies(true, RELAY, 0x0299_0001_0002L, 45),
                new RelayedCopies(false, RELAY, 0x0299_0001_0001L, 21));
        int marked = 0;
        for (int i = 0; i < relayed.log().size(); i++) {
            marked += relayed.log().relayCopy(i) ? 1 : 0;
        }
        assertThat(marked).isEqualTo(66);
        assertThat(flows.get(1).relayed()).as("cli2 is not relayed").isEmpty();
    }

    @Test
    void theSidesCountWhatTheySentOnceAndTheStreamEveryFrame() throws Exception {
        // the printer-port capture sees each packet of the same connection once: the middle's side counts,
        // copies left out, must equal it, while the stream's total keeps Wireshark's frame count
        TcpFlow middle = flows("s17-lan-relay-middle.pcap").get(0);
        TcpFlow printerPort = flows("s17-lan-relay-printer-port.pcap").stream()
                .filter(f -> f.client().port() == middle.client().port()).findFirst().orElseThrow();
        assertThat(middle.clientSide().packets()).isEqualTo(printerPort.clientSide().packets());
        assertThat(middle.serverSide().packets()).isEqualTo(printerPort.serverSide().packets());
        assertThat(middle.clientSide().payloadBytes()).isEqualTo(printerPort.clientSide().payloadBytes())
                .isEqualTo(middle.clientBytes());
        assertThat(middle.history()).isEqualTo(printerPort.history());
        assertThat(middle.packets()).isEqualTo(middle.log().size() + middle.log().omitted());
    }

    @Test
    void noCopiesWhereTheCaptureSeesOnlyOneSighting() throws Exception {
        for (String name : List.of("s17-lan-relay-client-cli1.pcap", "s17-lan-relay-printer-port.pcap",
                "s02-seed-failure-client-cli1.pcap")) {
            for (TcpFlow f : flows(name)) {
                assertThat(f.relayed()).as(name + " stream " + f.stream()).isEmpty();
            }
        }
    }

    @Test
    void aRouterCapturedOnBothInterfacesRelaysNothing() throws Exception {
        // every packet twice, same IP ID, TTL one less, from the router's other interface: two capture points
        Path capture = io.ackwatch.testsupport.Corpus.assumeCorpus()
                .resolve("files/arkime__arkime/http-post-upload.pcap");
        assumeTrue(Files.isRegularFile(capture), capture + " not in the corpus; skipping");
        for (TcpFlow f : flows(capture)) {
            assertThat(f.relayed()).as("stream " + f.stream()).isEmpty();
        }
    }

    @Test
    void theCopiesAreTheFramesTsharkSelectsByTheRelaysMacAndKeepTheirFlags() throws Exception {
        assumeTrue(Tshark.available(), "tshark 4.0 not on PATH; skipping");
        TcpFlow relayed = flows("s17-lan-relay-middle.pcap").get(0);
        Map<Long, Integer> ours = new TreeMap<>();
        List<Long> copies = new ArrayList<>();
        for (int i = 0; i < relayed.log().size(); i++) {
            ours.put(relayed.log().frame(i), relayed.log().analysis(i));
            if (relayed.log().relayCopy(i)) {
                copies.add(relayed.log().frame(i));
            }
        }
        Path pcap = Path.of(System.getProperty("ackwatch.testdata", "testdata"), "captures",
                "s17-lan-relay-middle.pcap");
        List<Long> selected = new ArrayList<>();
        for (String[] row : Tshark.fields(pcap, Files.createDirectories(dir.resolve("conf")),
                "eth.src == 02:99:00:01:00:66 && tcp.stream eq 0", List.of("frame.number"))) {
            selected.add(Long.parseLong(row[0]));
        }
        assertThat(copies).isEqualTo(selected);
        Map<Long, Integer> theirs = new TreeMap<>();
        for (Tshark.FrameResult e : Tshark.analyse(pcap, dir.resolve("conf"))) {
            if (e.stream() == 0) {
                theirs.put(e.frame(), e.flags());
            }
        }
        assertThat(ours).isEqualTo(theirs);
    }

    @Test
    void findingCopiesAllocatesNothingPerFrame() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's per-thread allocation counter");
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) bean;
        RelayCopyDetector detector = new RelayCopyDetector();
        Packet p = new Packet();
        p.data = new byte[1460];
        p.capturedLen = p.len = 1460;
        p.flags = 0x10;
        p.window = 8192;
        int warm = 50_000;
        int measured = 200_000;
        long before = 0;
        int copies = 0;
        for (int i = 0; i < warm + measured; i++) {
            if (i == warm) {
                before = hotspot.getCurrentThreadAllocatedBytes();
                copies = 0;
            }
            // the sender's frame, then the relay's copy of the frame three before it
            p.seq = 1000L + 1460L * i;
            p.ipId = i & 0xFFFF;
            p.srcMac = 2;
            p.dstMac = 0x66;
            p.now = 1_000_000L * i;
            copies += detector.isCopy(true, p) ? 1 : 0;
            if (i >= 3) {
                p.seq -= 3 * 1460L;
                p.ipId = (i - 3) & 0xFFFF;
                p.srcMac = 0x66;
                p.dstMac = 1;
                copies += detector.isCopy(true, p) ? 1 : 0;
            }
        }
        long allocated = hotspot.getCurrentThreadAllocatedBytes() - before;
        assertThat(copies).isEqualTo(measured);
        assertThat(allocated).as("bytes allocated for %d frames", 2 * measured).isLessThan(16 * 1024);
    }
}
