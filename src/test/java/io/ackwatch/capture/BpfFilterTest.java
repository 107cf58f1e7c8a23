package io.ackwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ackwatch.testsupport.Corpus;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BpfFilter selects exactly the packets tcpdump selects with the same expression (tcpdump run at test time). */
class BpfFilterTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needLibpcap() {
        assumeTrue(LibpcapParityTest.libpcapPresent(), "libpcap is not installed; BPF filter tests skipped");
    }

    static boolean tcpdumpPresent() {
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, "tcpdump"))) {
                return true;
            }
        }
        return false;
    }

    /** Packets tcpdump writes for the expression, or -1 when tcpdump refuses the expression for this file. */
    private long tcpdumpCount(Path capture, String expression) throws IOException, InterruptedException {
        Path out = dir.resolve("tcpdump-out.pcap");
        Files.deleteIfExists(out);
        Process p = new ProcessBuilder("tcpdump", "-Z", "root", "-r", capture.toString(), "-w", out.toString(),
                expression).redirectErrorStream(true).redirectOutput(dir.resolve("tcpdump.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("tcpdump finished").isTrue();
        if (p.exitValue() != 0) {
            return -1;
        }
        return ReadAll.ok(out).frames().size();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"206_example_b.pcap", "nmap-vsn.pcap", "twovlan.pcap", "http-qinq-0.pcap", "mixed-vlan-mpls.pcap",
        "sll.pcap", "raw_ip.pcap", "null_loopback.pcap", "four_ipv6_http_streams.pcap", "get-to-ssh-server.pcap",
        "retransmit-timeout.pcapng"})
    void matchCountsEqualTcpdumps(String name) throws Exception {
        assumeTrue(tcpdumpPresent(), "tcpdump is not installed; skipped");
        Path capture = Corpus.capture(name).path();
        List<String> expressions = List.of("tcp", "tcp port 80", "host 192.168.1.1", "vlan and tcp", "ip6",
                "tcp[tcpflags] & tcp-rst != 0", "udp or icmp", "not tcp");
        for (String expression : expressions) {
            long want = tcpdumpCount(capture, expression);
            long got = 0;
            boolean refused = false;
            try (BpfFilter filter = BpfFilter.compile(expression, 1, 262_144);
                    CaptureReader reader = CaptureFiles.open(capture)) {
                PacketRecord r = new PacketRecord();
                while (reader.next(r)) {
                    if (filter.matches(r)) {
                        got++;
                    }
                }
            } catch (InvalidFilterException e) {
                refused = true;
                assertThat(e.getMessage()).contains(expression).doesNotContain("\n");
            }
            if (want < 0) {
                assertThat(refused).as(name + ": tcpdump refused '" + expression + "'").isTrue();
            } else {
                assertThat(refused).as(name + ": '" + expression + "' refused but tcpdump took it").isFalse();
                assertThat(got).as(name + ": packets matching '" + expression + "'").isEqualTo(want);
            }
        }
    }

    @Test
    void filterMatchesRecordsOfTheLibpcapReaderToo() throws Exception {
        Path capture = Corpus.capture("nmap-vsn.pcap").path();
        long builtin = 0;
        long libpcap = 0;
        try (BpfFilter filter = BpfFilter.compile("tcp[tcpflags] & tcp-syn != 0")) {
            try (CaptureReader reader = CaptureFiles.open(capture)) {
                PacketRecord r = new PacketRecord();
                while (reader.next(r)) {
                    builtin += filter.matches(r) ? 1 : 0;
                }
            }
            try (CaptureReader reader = LibpcapReader.open(capture)) {
                PacketRecord r = new PacketRecord();
                while (reader.next(r)) {
                    libpcap += filter.matches(r) ? 1 : 0;
                }
            }
        }
        assertThat(builtin).isPositive().isEqualTo(libpcap);
    }

    @Test
    void syntaxErrorIsOneClearLine() {
        assertThatThrownBy(() -> BpfFilter.compile("tcp prot 80")).isInstanceOf(InvalidFilterException.class)
                .hasMessageContaining("tcp prot 80").hasMessageNotContaining("\n");
    }

    @Test
    void nonPacketRecordsNeverMatch() throws Exception {
        ReadAll all = ReadAll.ok(Corpus.capture("output_be__basic__test018.pcapng").path());
        assertThat(all.frames()).anyMatch(f -> !f.packet());
        try (BpfFilter filter = BpfFilter.compile("not tcp");
                CaptureReader reader = CaptureFiles.open(Corpus.capture("output_be__basic__test018.pcapng").path())) {
            PacketRecord r = new PacketRecord();
            while (reader.next(r)) {
                if (!r.isPacket()) {
                    assertThat(filter.matches(r)).isFalse();
                }
            }
        }
    }
}
