package io.ackwatch.pipeline;

import io.ackwatch.capture.InterfaceInfo;
import io.ackwatch.capture.PacketRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Writes packet records to a pcapng file (little-endian, one section) with their link types, timestamps and
 * original lengths, so that an evidence file opens in Wireshark like the original frames, and with comments
 * that say where each frame came from. An Interface Description Block is written for each source interface
 * when its first packet comes, with the source's link type, snapshot length and, for sub-microsecond sources,
 * nanosecond timestamps ({@code if_tsresol} 9).
 */
final class PcapngWriter implements AutoCloseable {
    private static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 1;
    private static final int EPB = 6;
    private static final int OPT_END = 0;
    private static final int OPT_COMMENT = 1;
    private static final int SHB_USERAPPL = 4;
    private static final int IF_NAME = 2;
    private static final int IF_TSRESOL = 9;
    private static final int NANOSECONDS = 9;

    private final DigestOutputStream out;
    /** Source interface id to interface number in this file. */
    private final Map<Integer, Integer> interfaces = new HashMap<>();
    private final Map<Integer, Boolean> nanos = new HashMap<>();
    private long packets;

    /** Creates the file and writes its section header. */
    PcapngWriter(Path file, String sectionComment, String userApplication) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        this.out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), sha256);
        Block shb = new Block(SHB, 16);
        shb.body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
        shb.option(OPT_COMMENT, utf8(sectionComment));
        shb.option(SHB_USERAPPL, utf8(userApplication));
        shb.writeTo(out);
    }

    /**
     * Appends one packet, of which only the first {@code capturedLength} bytes are kept (the original length
     * stays what the wire carried).
     */
    void write(PacketRecord r, InterfaceInfo source, int capturedLength, String comment) throws IOException {
        int id = interfaceNumber(source);
        long units = nanos.get(source.id()) ? 1_000_000_000L : 1_000_000L;
        long fraction = units == 1_000_000_000L ? r.fractionNanos() : r.fractionNanos() / 1000;
        long ts = r.seconds() * units + fraction;
        int kept = Math.max(0, Math.min(capturedLength, r.capturedLength()));
        Block epb = new Block(EPB, 20 + pad(kept));
        epb.body.putInt(id).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(kept)
                .putInt((int) Math.min(r.originalLength(), 0xFFFFFFFFL));
        epb.body.put(r.data(), r.offset(), kept).position(20 + pad(kept));
        epb.option(OPT_COMMENT, utf8(comment));
        epb.writeTo(out);
        packets++;
    }

    long packets() {
        return packets;
    }

    /** SHA-256 of what was written; after {@link #close()}. */
    String sha256() {
        return HexFormat.of().formatHex(out.getMessageDigest().digest());
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private int interfaceNumber(InterfaceInfo source) throws IOException {
        Integer known = interfaces.get(source.id());
        if (known != null) {
            return known;
        }
        boolean ns = source.precisionDigits() > 6;
        Block idb = new Block(IDB, 8);
        idb.body.putShort((short) source.linkTypeCode()).putShort((short) 0)
                .putInt(source.snaplen() > 0 && source.snaplen() <= 0xFFFFFFFFL ? (int) source.snaplen() : 0);
        if (source.name() != null && !source.name().isEmpty()) {
            idb.option(IF_NAME, utf8(source.name()));
        }
        if (ns) {
            idb.option(IF_TSRESOL, new byte[] {NANOSECONDS});
        }
        idb.writeTo(out);
        int number = interfaces.size();
        interfaces.put(source.id(), number);
        nanos.put(source.id(), ns);
        return number;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    /** A block being built: a fixed body, then options, framed by the block type and the total length twice. */
    private static final class Block {
        private final int type;
        final ByteBuffer body;
        private ByteBuffer options = ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);

        Block(int type, int bodyLength) {
            this.type = type;
            this.body = ByteBuffer.allocate(bodyLength).order(ByteOrder.LITTLE_ENDIAN);
        }

        void option(int code, byte[] value) {
            ByteBuffer more = ByteBuffer.allocate(options.capacity() + 4 + pad(value.length))
                    .order(ByteOrder.LITTLE_ENDIAN);
            more.put(options.array()).putShort((short) code).putShort((short) value.length).put(value);
            options = more.position(more.capacity());
        }

        void writeTo(OutputStream out) throws IOException {
            int optionsLength = options.capacity() == 0 ? 0 : options.capacity() + 4;
            int total = 12 + body.capacity() + optionsLength;
            ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(type).putInt(total).put(body.array());
            if (optionsLength > 0) {
                b.put(options.array()).putShort((short) OPT_END).putShort((short) 0);
            }
            b.putInt(total);
            out.write(b.array());
        }
    }
}
