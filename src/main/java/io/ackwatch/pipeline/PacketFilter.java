package io.ackwatch.pipeline;

import io.ackwatch.capture.PacketRecord;

/** Decides per packet whether it takes part in the analysis ({@code --filter}). */
@FunctionalInterface
interface PacketFilter {
    boolean matches(PacketRecord record);
}
