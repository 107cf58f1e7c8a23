package io.ackwatch.capture;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Opens capture files. The format is recognised by the first bytes, never by the file name: pcap (both
 * byte orders, microsecond, nanosecond and "modified"), pcapng, and either of them gzip- or
 * zstd-compressed.
 */
public final class CaptureFiles {
    private static final int GZIP_MAGIC = 0x1f8b;
    private static final int ZSTD_MAGIC_LE = 0xFD2FB528;

    private CaptureFiles() {}

    /** What the first bytes of a file say it is. */
    public record Detected(CaptureFormat format, Compression compression) {}

    /**
     * Opens a capture with the built-in reader and reads its file header.
     *
     * @throws CaptureException when the file is missing, unreadable, empty, not a capture, of an unsupported
     *     version, or damaged in its header
     */
    public static CaptureReader open(Path path) throws CaptureException {
        return open(path, Sha256Engine.best());
    }

    /** With a given SHA-256 engine, so that tests can check each against sha256sum. */
    static CaptureReader open(Path path, Sha256Engine hashWith) throws CaptureException {
        String name = path.toString();
        Damage plain = new Damage(name, false);
        FileChannel channel = openChannel(path, name, plain);
        boolean handedOver = false;
        ByteSource src = null;
        ByteSource.CountingInputStream raw = null;
        try {
            if (channel.size() == 0) {
                throw empty(name);
            }
            // the first bytes tell the compression, read in place; the source made after reads (and hashes, on a
            // thread of its own) the file from its start through the decompressor it needs
            byte[] head = firstBytes(channel, 4);
            Compression compression = compressionOf(head, 0, head.length);
            Damage damage = plain;
            if (compression == Compression.NONE) {
                src = ByteSource.ofChannel(channel, hashWith);
                src.ensure(4);
            } else {
                raw = new ByteSource.CountingInputStream(channel, hashWith);
                damage = new Damage(name, true);
                InputStream decompressed;
                try {
                    decompressed = decompressor(compression, raw);
                } catch (EOFException e) {
                    throw damage.compressedStreamCut(0, 0);
                } catch (IOException e) {
                    throw damage.corrupt(compression.reportName() + " header is damaged: "
                            + Damage.oneLine(e.getMessage()), 0, 0, e);
                }
                src = ByteSource.ofStream(decompressed, raw, channel.size());
                src.ensure(4);
                if (src.available() == 0) {
                    if (src.pendingFailure() != null) {
                        throw damage.corrupt(compression.reportName() + " data cannot be decompressed: "
                                + Damage.oneLine(src.pendingFailure().getMessage()), 0, 0, src.pendingFailure());
                    }
                    if (src.endedEarly()) {
                        throw damage.compressedStreamCut(0, 0);
                    }
                    throw new CaptureException(ErrorKind.EMPTY, name + ": the " + compression.reportName()
                            + " file holds no data: nothing was captured; nothing to analyze", 0, 0);
                }
            }
            CaptureReader reader = readerFor(src, damage, compression);
            handedOver = true;
            return reader;
        } catch (CaptureException e) {
            throw e;
        } catch (IOException e) {
            throw plain.unreadable(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw plain.unexpected(e, 0, 0);
        } finally {
            if (!handedOver) {
                // and their hashing thread
                if (src != null) {
                    src.close();
                } else if (raw != null) {
                    raw.digest.close();
                }
                closeQuietly(channel);
            }
        }
    }

    /**
     * Opens a capture streamed in (standard input: a pipe from tcpdump, gunzip, ssh), reading it once from the
     * start: its format and compression from the first bytes, its size and SHA-256 from all the bytes read.
     */
    public static CaptureReader openStream(ReadableByteChannel in, String name) throws CaptureException {
        Damage plain = new Damage(name, false);
        ByteSource.CountingInputStream raw = new ByteSource.CountingInputStream(in, Sha256Engine.best());
        boolean handedOver = false;
        try {
            PushbackInputStream peek = new PushbackInputStream(raw, 4);
            byte[] head = peek.readNBytes(4);
            if (head.length == 0) {
                throw new CaptureException(ErrorKind.EMPTY, name + ": standard input is empty (0 bytes): nothing"
                        + " was piped in; nothing to analyze", 0, 0);
            }
            peek.unread(head);
            Compression compression = compressionOf(head, 0, head.length);
            Damage damage = compression == Compression.NONE ? plain : new Damage(name, true);
            InputStream data;
            try {
                data = compression == Compression.NONE ? peek : decompressor(compression, peek);
            } catch (EOFException e) {
                throw damage.compressedStreamCut(0, 0);
            }
            // the size of a stream is unknown: a decompressor that fails is taken as input cut short
            ByteSource src = ByteSource.ofStream(data, raw, Long.MAX_VALUE);
            src.ensure(4);
            if (src.available() == 0 && src.pendingFailure() != null) {
                throw damage.corrupt(compression.reportName() + " data cannot be decompressed: "
                        + Damage.oneLine(src.pendingFailure().getMessage()), 0, 0, src.pendingFailure());
            }
            if (src.available() == 0 && compression != Compression.NONE) {
                throw new CaptureException(ErrorKind.EMPTY, name + ": the " + compression.reportName()
                        + " stream holds no data: nothing was captured; nothing to analyze", 0, 0);
            }
            CaptureReader reader = readerFor(src, damage, compression);
            handedOver = true;
            return reader;
        } catch (CaptureException e) {
            throw e;
        } catch (IOException e) {
            throw plain.unreadable(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw plain.unexpected(e, 0, 0);
        } finally {
            if (!handedOver) {
                try {
                    raw.close();
                } catch (IOException ignored) {
                    // nothing was written
                }
            }
        }
    }

    /** Up to {@code n} bytes from the file's start, read without moving its position. */
    private static byte[] firstBytes(FileChannel channel, int n) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(n);
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // a file read may return fewer bytes than asked
        }
        return Arrays.copyOf(head.array(), head.position());
    }

    /**
     * Tells whether a file is a capture ackwatch can open, by its first bytes (decompressing a few for
     * gzip/zstd); for folder scans. Never throws: unreadable or foreign files give an empty result.
     */
    public static Optional<Detected> sniff(Path path) {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            byte[] head = firstBytes(channel, 4);
            Compression compression = compressionOf(head, 0, head.length);
            if (compression != Compression.NONE) {
                // a look needs neither the hash nor the reading window of a capture being read
                try (InputStream data = decompressor(compression, Channels.newInputStream(channel))) {
                    head = data.readNBytes(4);
                }
            }
            if (head.length < 4) {
                return Optional.empty();
            }
            CaptureFormat format = formatOf(head, 0);
            return format == null ? Optional.empty() : Optional.of(new Detected(format, compression));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Fails with NOT_FOUND, UNREADABLE or EMPTY as {@link #open(Path)} would, for readers that open the file
     * themselves (libpcap).
     */
    static void checkReadable(Path path) throws CaptureException {
        String name = path.toString();
        try (FileChannel channel = openChannel(path, name, new Damage(name, false))) {
            if (channel.size() == 0) {
                throw empty(name);
            }
        } catch (IOException e) {
            if (e instanceof CaptureException c) {
                throw c;
            }
            throw new Damage(name, false).unreadable(e.getMessage(), e);
        }
    }

    private static CaptureException empty(String name) {
        return new CaptureException(ErrorKind.EMPTY, name + ": the file is empty (0 bytes): nothing captured yet"
                + " (a capture that just started, or a ring buffer's file being written); nothing to analyze", 0, 0);
    }

    private static FileChannel openChannel(Path path, String name, Damage damage) throws CaptureException {
        if (Files.isDirectory(path)) {
            throw new CaptureException(ErrorKind.UNREADABLE, name + ": is a folder, not a capture file; give a "
                    + "capture file, or the folder itself to the folder scan", -1, 0);
        }
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new CaptureException(ErrorKind.NOT_FOUND, name + ": no such file; check the path and its spelling",
                    -1, 0, e);
        } catch (AccessDeniedException e) {
            throw new CaptureException(ErrorKind.UNREADABLE, name + ": permission denied; make the file readable "
                    + "(e.g. chmod a+r) or run as a user who may read it", -1, 0, e);
        } catch (IOException | RuntimeException e) {
            throw damage.unreadable(e.getMessage(), e);
        }
    }

    private static CaptureReader readerFor(ByteSource src, Damage damage, Compression compression) throws IOException {
        String name = damage.file();
        if (src.available() < 4) {
            if (isMagicPrefix(src.buf, src.pos, src.available())) {
                throw damage.truncated("file header", 0, 4, src.available(), 0);
            }
            throw badMagic(name, src.buf, src.pos, src.available());
        }
        CaptureFormat format = formatOf(src.buf, src.pos);
        if (format == null) {
            throw badMagic(name, src.buf, src.pos, 4);
        }
        return format == CaptureFormat.PCAPNG ? PcapngReader.open(src, damage, compression)
                : PcapReader.open(src, damage, compression);
    }

    static CaptureFormat formatOf(byte[] b, int at) {
        int le = Bytes.int32(b, at, false);
        if (le == PcapngReader.SHB) {
            return CaptureFormat.PCAPNG;
        }
        return PcapReader.formatOf(le, Bytes.int32(b, at, true));
    }

    private static Compression compressionOf(byte[] b, int at, int available) {
        if (available >= 2 && Bytes.uint16(b, at, true) == GZIP_MAGIC) {
            return Compression.GZIP;
        }
        if (available >= 4 && Bytes.int32(b, at, false) == ZSTD_MAGIC_LE) {
            return Compression.ZSTD;
        }
        return Compression.NONE;
    }

    private static InputStream decompressor(Compression compression, InputStream raw) throws IOException {
        InputStream buffered = new BufferedInputStream(raw, 1 << 16);
        return compression == Compression.GZIP ? new GZIPInputStream(buffered, 1 << 16) : new ZstdInputStream(buffered);
    }

    /** A file shorter than four bytes that could still be the start of a capture. */
    private static boolean isMagicPrefix(byte[] b, int at, int n) {
        int[] magics = {PcapReader.MAGIC_USEC, PcapReader.MAGIC_NSEC, PcapReader.MAGIC_MODIFIED, PcapngReader.SHB,
            ZSTD_MAGIC_LE};
        for (int m : magics) {
            for (boolean be : new boolean[] {false, true}) {
                int v = be ? m : Integer.reverseBytes(m); // v is written most significant byte first
                boolean match = true;
                for (int i = 0; i < n && match; i++) {
                    match = b[at + i] == (byte) (v >>> (24 - 8 * i));
                }
                if (match) {
                    return true;
                }
            }
        }
        return n == 1 && (b[at] & 0xFF) == 0x1f;
    }

    private static CaptureException badMagic(String name, byte[] b, int at, int n) {
        String start = Bytes.hex(b, at, n);
        String known = foreignFormat(b, at, n);
        String what = known != null ? "a " + known + ", not a pcap or pcapng capture"
                : "not a pcap or pcapng capture (it starts with the bytes " + start + ")";
        return new CaptureException(ErrorKind.BAD_MAGIC, name + ": " + what + " - if another tool saved it "
                + "(e.g. Microsoft Network Monitor .cap, CommView), convert it with Wireshark's editcap: "
                + "editcap -F pcapng " + name + " converted.pcapng", 0, 0);
    }

    /** Formats users confuse with pcap, named so that the message can say what the file is. */
    private static String foreignFormat(byte[] b, int at, int n) {
        String text = new String(b, at, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (text.startsWith("GMBU")) {
            return "Microsoft Network Monitor 2.x capture";
        }
        if (text.startsWith("RTSS")) {
            return "Microsoft Network Monitor 1.x capture";
        }
        if (text.startsWith("snoo")) {
            return "Solaris snoop capture";
        }
        if (text.startsWith("XCP\0")) {
            return "NetXRay / Sniffer capture";
        }
        return null;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written
        }
    }
}
