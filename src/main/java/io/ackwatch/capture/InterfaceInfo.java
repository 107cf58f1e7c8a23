package io.ackwatch.capture;

/**
 * One capture interface: the single implicit interface of a pcap file, or a pcapng Interface Description
 * Block. {@code id} is the file-wide interface number, the index in {@link CaptureReader#interfaces()}
 * (pcapng sections restart their local numbering; the file-wide id keeps counting). In files with one
 * section it is what Wireshark shows as {@code frame.interface_id}; tshark 4.0 shows the section-local
 * number for later sections, see {@link PacketRecord#sectionInterfaceId()}.
 *
 * @param unitsPerSecond timestamp resolution (1_000_000 for microseconds, 1_000_000_000 for nanoseconds,
 *     256 for {@code if_tsresol} 0x88, ...)
 * @param precisionDigits decimal digits of the fraction shown in reports (6, 9, ...)
 * @param supported false when ackwatch cannot decode this link type; packets are still counted
 */
public record InterfaceInfo(
        int id,
        int linkTypeCode,
        LinkType linkType,
        long snaplen,
        long unitsPerSecond,
        int precisionDigits,
        String name,
        boolean supported) {}
