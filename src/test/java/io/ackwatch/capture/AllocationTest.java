package io.ackwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ackwatch.testsupport.Corpus;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading records allocates nothing per packet: the bytes allocated do not grow with the packet count. */
class AllocationTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"206_example_b.pcap", "pcapng-example.pcapng", "output_le__difficult__test202.pcapng"})
    void readingAllocatesNothingPerPacket(String name) throws Exception {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter on this JVM");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "no per-thread allocation counter on this JVM");
        long frames = 0;
        long allocated = 0;
        for (int round = 0; round < 3; round++) { // later rounds run compiled code
            try (CaptureReader reader = CaptureFiles.open(Corpus.capture(name).path())) {
                PacketRecord r = new PacketRecord();
                long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                frames = 0;
                while (reader.next(r)) {
                    frames++;
                }
                allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            }
        }
        assertThat(frames).isPositive();
        // a few hundred bytes for the measurement itself and section/interface set-up; nothing per packet
        assertThat(allocated).as("bytes allocated reading %d frames", frames).isLessThan(4096);
    }

    /**
     * A capture set renumbers each record in place: reading its last file, from that file's first record to the end
     * of the set, allocates no more than reading one file does (opening a file allocates; its packets do not).
     */
    @Test
    void readingACaptureSetAllocatesNothingPerPacket() throws Exception {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter on this JVM");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "no per-thread allocation counter on this JVM");
        Path file = Path.of("testdata/captures/s01-healthy-printer-port.pcap");
        assumeTrue(java.nio.file.Files.isRegularFile(file), "testdata not found; skipped");
        long perFile = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            PacketRecord r = new PacketRecord();
            while (reader.next(r)) {
                perFile++;
            }
        }
        long allocated = 0;
        long frames = 0;
        for (int round = 0; round < 3; round++) { // later rounds run compiled code
            try (CaptureSetReader reader = CaptureSetReader.open(List.of(file, file, file), List.of("a", "b", "c"),
                    CaptureFiles::open)) {
                PacketRecord r = new PacketRecord();
                long before = 0;
                frames = 0;
                while (reader.next(r)) {
                    frames++;
                    if (r.frame() == 2 * perFile + 1) {
                        before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                    }
                }
                allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            }
        }
        assertThat(frames).isEqualTo(3 * perFile);
        // the set's bookkeeping when its last file ends (file size and hash, interfaces); nothing per packet
        assertThat(allocated).as("bytes allocated reading the last %d frames of the set", perFile).isLessThan(4096);
    }
}
