package io.ackwatch.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

/**
 * A libpcap capture filter ({@code --filter}, tcpdump syntax) applied to records of any reader. BPF code
 * depends on the link type, so one program is compiled per link type on first use and cached.
 *
 * <p>Cost: libpcap's {@code bpf_filter} wants the packet at the start of an array, and the built-in reader
 * hands out a window of the file, so each tested packet is copied once into a reused scratch array (no
 * allocation once it is large enough); JNA then passes that array to native code. Not thread-safe.
 */
public final class BpfFilter implements AutoCloseable {
    private static final int SNAPLEN = 262_144;

    private final String expression;
    private final Map<Integer, BpfProgram> programs = new HashMap<>();
    private final Map<Integer, PcapHandle> handles = new HashMap<>();
    private byte[] scratch = new byte[2048];
    private int lastLinkType = Integer.MIN_VALUE;
    private BpfProgram last;

    private BpfFilter(String expression) {
        this.expression = expression;
    }

    /**
     * Compiles {@code expression} for one link type up front, so that a syntax error shows before any file
     * is read; other link types are compiled when their first packet arrives.
     *
     * @throws LibpcapUnavailableException when libpcap is not installed
     * @throws InvalidFilterException when libpcap rejects the expression for that link type
     */
    public static BpfFilter compile(String expression, int linkTypeCode, int snaplen)
            throws LibpcapUnavailableException, InvalidFilterException {
        Libpcap.require();
        BpfFilter filter = new BpfFilter(expression);
        filter.program(linkTypeCode, snaplen);
        return filter;
    }

    /** {@link #compile(String, int, int)} checked against Ethernet, the usual link type. */
    public static BpfFilter compile(String expression) throws LibpcapUnavailableException, InvalidFilterException {
        return compile(expression, LinkType.ETHERNET.code(), SNAPLEN);
    }

    public String expression() {
        return expression;
    }

    /**
     * Whether libpcap's filter accepts the record. Records that are not packets never match.
     *
     * @throws InvalidFilterException when the expression cannot be compiled for this record's link type
     *     (e.g. {@code ether host} on raw IP), as tcpdump would refuse such a file
     */
    public boolean matches(PacketRecord r) throws InvalidFilterException {
        if (!r.isPacket()) {
            return false;
        }
        BpfProgram program;
        if (r.linkTypeCode() == lastLinkType) {
            program = last;
        } else {
            program = program(r.linkTypeCode(), SNAPLEN);
            lastLinkType = r.linkTypeCode();
            last = program;
        }
        int len = r.capturedLength();
        int wireLen = (int) Math.min(Integer.MAX_VALUE, r.originalLength());
        if (r.offset() == 0) {
            return program.applyFilter(r.data(), wireLen, len);
        }
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, 2 * scratch.length)];
        }
        System.arraycopy(r.data(), r.offset(), scratch, 0, len);
        return program.applyFilter(scratch, wireLen, len);
    }

    private BpfProgram program(int linkTypeCode, int snaplen) throws InvalidFilterException {
        BpfProgram program = programs.get(linkTypeCode);
        if (program != null) {
            return program;
        }
        try {
            PcapHandle handle = savefileHandle(linkTypeCode, snaplen);
            handles.put(linkTypeCode, handle);
            program = handle.compileFilter(expression, BpfProgram.BpfCompileMode.OPTIMIZE,
                    PcapHandle.PCAP_NETMASK_UNKNOWN);
        } catch (PcapNativeException | NotOpenException e) {
            throw new InvalidFilterException("invalid capture filter '" + expression + "' for link type "
                    + LinkType.displayName(linkTypeCode) + ": " + Damage.oneLine(e.getMessage())
                    + "; use tcpdump/pcap-filter syntax, e.g. 'tcp port 9100'", e);
        }
        programs.put(linkTypeCode, program);
        return program;
    }

    /**
     * A handle on an empty pcap file of that link type. libpcap compiles some filters differently for saved
     * files than for live or "dead" handles (DLT_NULL checks every platform's AF_INET6 value only for
     * files), so this gives the code tcpdump uses for a capture file. The file is written in this machine's
     * byte order; for the few link types whose header is in the writer's byte order (NULL, ENC), captures
     * from a machine of the other byte order can match differently than with tcpdump.
     */
    private static PcapHandle savefileHandle(int linkTypeCode, int snaplen) throws InvalidFilterException,
            PcapNativeException {
        Path file = null;
        try {
            file = Files.createTempFile("ackwatch-bpf-", ".pcap");
            ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.nativeOrder());
            header.putInt(PcapReader.MAGIC_USEC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                    .putInt(snaplen).putInt(linkTypeCode);
            Files.write(file, header.array());
            return Pcaps.openOffline(file.toString());
        } catch (IOException e) {
            throw new InvalidFilterException("cannot prepare the capture filter: " + Damage.oneLine(e.getMessage()),
                    e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a 24-byte file in the temp folder
                }
            }
        }
    }

    @Override
    public void close() {
        programs.values().forEach(BpfProgram::free);
        handles.values().forEach(PcapHandle::close);
        programs.clear();
        handles.clear();
        last = null;
        lastLinkType = Integer.MIN_VALUE;
    }
}
