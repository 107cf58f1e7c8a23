package io.ackwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackwatch.capture.ErrorKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which inputs make one ring buffer, by the names dumpcap and tcpdump give its files, or by --as-one. */
class CaptureSetsTest {

    private static List<InputFile> inputs(String... names) {
        return java.util.Arrays.stream(names).map(n -> InputFile.of(Path.of(n), n)).toList();
    }

    private static List<String> shown(List<InputFile> grouped) {
        return grouped.stream().map(i -> i.displayName() + (i.isSet() ? " " + i.parts().stream()
                .map(InputFile::displayName).toList() : "")).toList();
    }

    @Test
    void dumpcapRingFilesAreOneSetInRotationOrderInThePlaceOfTheFirst() {
        List<InputFile> grouped = CaptureSets.group(inputs("a.pcap", "cap/ring_00002_20261207013100.pcapng",
                "cap/ring_00001_20261207013000.pcapng", "cap/ring_00003_20261207013200.pcapng", "z.pcap"), false);
        assertThat(shown(grouped)).containsExactly("a.pcap",
                "cap/ring_*.pcapng [cap/ring_00001_20261207013000.pcapng, cap/ring_00002_20261207013100.pcapng,"
                        + " cap/ring_00003_20261207013200.pcapng]",
                "z.pcap");
        assertThat(grouped.get(1).setRemarks()).isEmpty();
    }

    @Test
    void dumpcapRingFilesWithoutAnExtensionAreOneSetToo() {
        assertThat(shown(CaptureSets.group(inputs("r_00001_20261207013000", "r_00002_20261207013100"), false)))
                .containsExactly("r_* [r_00001_20261207013000, r_00002_20261207013100]");
    }

    @Test
    void aMissingRotationNumberIsARemark() {
        List<InputFile> grouped = CaptureSets.group(inputs("ring_00001_20261207013000.pcapng",
                "ring_00002_20261207013100.pcapng", "ring_00005_20261207013400.pcapng"), false);
        assertThat(grouped).hasSize(1);
        assertThat(grouped.get(0).setRemarks()).singleElement().asString()
                .contains("files number 3 to 4 are missing between ring_00002_20261207013100.pcapng and"
                        + " ring_00005_20261207013400.pcapng");
    }

    @Test
    void tcpdumpRingsBySizeCountOnAfterTheWholeName() {
        assertThat(shown(CaptureSets.group(inputs("t/trace.pcap2", "t/trace.pcap", "t/trace.pcap1"), false)))
                .containsExactly("t/trace.pcap* [t/trace.pcap, t/trace.pcap1, t/trace.pcap2]");
        // -W: numbered from 0, zero-padded, the bare name unused
        List<InputFile> grouped = CaptureSets.group(inputs("w/x.pcap00", "w/x.pcap01", "w/x.pcap02"), false);
        assertThat(shown(grouped)).containsExactly("w/x.pcap* [w/x.pcap00, w/x.pcap01, w/x.pcap02]");
        assertThat(grouped.get(0).setRemarks()).isEmpty();
    }

    @Test
    void tcpdumpRingsByTimeShareTheNameAroundTheDate() {
        assertThat(shown(CaptureSets.group(inputs("g/dump-2026-12-07_01-31-00.pcap", "g/dump-2026-12-07_01-30-00.pcap",
                "g/other-2026-12-07_01-30-00.pcap"), false))).containsExactly(
                "g/dump-*.pcap [g/dump-2026-12-07_01-30-00.pcap, g/dump-2026-12-07_01-31-00.pcap]",
                "g/other-2026-12-07_01-30-00.pcap");
    }

    @Test
    void capturesThatOnlyLookAlikeStayApart() {
        List<InputFile> separate = inputs("s10-late-1.pcap", "s10-late-2.pcap", "a/trace.pcap", "b/trace.pcap1",
                "ring_00001_20261207013000.pcapng", "ring_00002_20261207013100.pcap.gz", "printer1", "printer2",
                "x.pcap12345678901234567890", "x.pcap");
        assertThat(CaptureSets.group(separate, false)).isEqualTo(separate);
    }

    @Test
    void theTestdataFolderHoldsNoRing() {
        List<InputFile> testdata = InputScanner.scan(List.of(Path.of("testdata")));
        assertThat(CaptureSets.group(testdata, false)).isEqualTo(testdata);
    }

    @Test
    void asOneGathersEveryReadableInputAndLeavesBrokenOnesInPlace() {
        InputFile broken = InputFile.broken(Path.of("gone.pcap"), "gone.pcap", ErrorKind.NOT_FOUND, "gone");
        List<InputFile> given = List.of(InputFile.of(Path.of("x/b.pcap"), "x/b.pcap"), broken,
                InputFile.of(Path.of("x/a.pcapng"), "x/a.pcapng"));
        assertThat(shown(CaptureSets.group(given, true))).containsExactly("x/b.pcap and 1 more [x/b.pcap, x/a.pcapng]",
                "gone.pcap");
    }

    @Test
    void aSetWithNothingInCommonIsNamedByItsFirstFile() {
        assertThat(CaptureSets.name(inputs("one.pcap", "two.pcapng", "three.cap"))).isEqualTo("one.pcap and 2 more");
    }
}
