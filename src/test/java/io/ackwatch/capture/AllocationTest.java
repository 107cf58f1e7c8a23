package io.ackwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ackwatch.testsupport.Corpus;
import java.lang.management.ManagementFactory;
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
}
