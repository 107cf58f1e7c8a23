package io.ackwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The oracle files parse and agree with each other, so tests built on {@link Corpus} stand on firm ground. */
class CorpusTest {

    @Test
    void everyCaptureHasAnIndexRowAndOracleFilesThatAgreeWithIt() {
        for (Corpus.Capture c : Corpus.captures()) {
            assertThat(c.path()).as(c.relpath()).isRegularFile();
            Corpus.IndexRow idx = Corpus.index(c);
            assertThat(idx.bytes()).as(c.relpath()).isEqualTo(c.bytes());
            var frames = Corpus.frames(c);
            assertThat((long) frames.size()).as(c.relpath()).isEqualTo(idx.frames());
            for (int i = 0; i < frames.size(); i++) {
                assertThat(frames.get(i).frame()).as(c.relpath()).isEqualTo(i + 1L);
            }
            var streams = Corpus.streams(c);
            assertThat((long) streams.size()).as(c.relpath()).isEqualTo(Math.max(0, idx.tcpStreams()));
        }
    }
}
