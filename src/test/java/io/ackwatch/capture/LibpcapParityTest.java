package io.ackwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ackwatch.testsupport.Corpus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** libpcap (through pcap4j) and the built-in reader return the same frames wherever libpcap can read a file. */
class LibpcapParityTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void libpcapReaderReportsCutAndForeignFilesWithTheRightKind() throws Exception {
        assumeTrue(libpcapPresent(), "libpcap is not installed (apt-get install libpcap0.8); skipped");
        byte[] bytes = java.nio.file.Files.readAllBytes(Corpus.capture("ssh-dups.pcap").path());
        java.nio.file.Path cut = java.nio.file.Files.write(dir.resolve("cut.pcap"),
                java.util.Arrays.copyOf(bytes, bytes.length - 10));
        ReadAll builtin = ReadAll.of(cut);
        assertThat(builtin.error().kind()).isEqualTo(ErrorKind.TRUNCATED);
        long frames = 0;
        try (LibpcapReader reader = LibpcapReader.open(cut)) {
            PacketRecord r = new PacketRecord();
            try {
                while (reader.next(r)) {
                    frames++;
                }
                org.assertj.core.api.Assertions.fail("no error for a cut file");
            } catch (CaptureException e) {
                assertThat(e.kind()).isEqualTo(ErrorKind.TRUNCATED);
                assertThat(e.afterFrame()).isEqualTo(frames).isEqualTo(builtin.frames().size());
                assertThat(e.getMessage()).contains("cut.pcap").doesNotContain("\n");
            }
        }
        java.nio.file.Path foreign = java.nio.file.Files.write(dir.resolve("notes.txt"), "hello".getBytes());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LibpcapReader.open(foreign))
                .isInstanceOfSatisfying(CaptureException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_MAGIC));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LibpcapReader.open(dir.resolve("missing.pcap")))
                .isInstanceOfSatisfying(CaptureException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    static boolean libpcapPresent() {
        try {
            Libpcap.require();
            return true;
        } catch (LibpcapUnavailableException e) {
            return false;
        }
    }

    @Test
    void everyCaptureLibpcapReadsCompletelyGivesIdenticalFrames() throws Exception {
        List<Corpus.Capture> captures = Corpus.captures();
        assumeTrue(libpcapPresent(), "libpcap is not installed (apt-get install libpcap0.8); parity test skipped");
        int compared = 0;
        long frames = 0;
        List<String> notReadByLibpcap = new ArrayList<>();
        for (Corpus.Capture c : captures) {
            List<ReadAll.Frame> viaLibpcap = new ArrayList<>();
            LinkType libpcapLinkType;
            try (LibpcapReader reader = LibpcapReader.open(c.path())) {
                PacketRecord r = new PacketRecord();
                while (reader.next(r)) {
                    viaLibpcap.add(ReadAll.Frame.of(r));
                }
                libpcapLinkType = reader.interfaces().get(0).linkType();
            } catch (CaptureException e) {
                notReadByLibpcap.add(c.name() + " (" + e.kind().reportName() + ")");
                continue;
            }
            ReadAll builtin = ReadAll.of(c.path());
            assertThat(builtin.error()).as(c.relpath() + ": libpcap read it completely, the built-in reader failed")
                    .isNull();
            List<ReadAll.Frame> want = builtin.frames().stream().filter(ReadAll.Frame::packet).toList();
            assertThat(viaLibpcap).as(c.relpath()).hasSameSizeAs(want);
            for (int i = 0; i < want.size(); i++) {
                ReadAll.Frame a = want.get(i);
                ReadAll.Frame b = viaLibpcap.get(i);
                String where = c.relpath() + " frame " + a.frame();
                // libpcap cuts a record longer than the file's snaplen down to it; Wireshark keeps it whole
                long snaplen = builtin.interfaces().get(a.interfaceId()).snaplen();
                int cap = snaplen > 0 && a.capLen() > snaplen ? (int) snaplen : a.capLen();
                assertThat(b.capLen()).as(where).isEqualTo(cap);
                assertThat(b.origLen()).as(where).isEqualTo(a.origLen());
                assertThat(b.data()).as(where).isEqualTo(java.util.Arrays.copyOf(a.data(), cap));
                if (a.hasTimestamp()) {
                    assertThat(b.seconds() * 1_000_000_000L + b.fraction()).as(where)
                            .isEqualTo(a.seconds() * 1_000_000_000L + a.fraction());
                }
            }
            assertThat(libpcapLinkType).as(c.relpath()).isEqualTo(builtin.interfaces().get(0).linkType());
            compared++;
            frames += want.size();
        }
        System.err.printf("libpcap parity: %d captures (%d frames) identical; libpcap could not read %d: %s%n",
                compared, frames, notReadByLibpcap.size(), notReadByLibpcap);
        assertThat(compared).as("captures libpcap read").isGreaterThan(captures.size() / 2);
    }
}
