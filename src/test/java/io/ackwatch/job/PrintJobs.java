package io.ackwatch.job;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Hand-built print jobs as drivers, spoolers and printers send them. */
final class PrintJobs {
    static final String UEL = "\u001b%-12345X";
    static final String ESC = "\u001b";

    private PrintJobs() {}

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** PCL raster rows (ESC*b#W + data) of random bytes with no ESC in them, about {@code size} bytes. */
    static byte[] pclPages(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii(ESC + "&l0O" + ESC + "&l26A" + ESC + "*t600R" + ESC + "*r1A"));
        while (out.size() < size) {
            byte[] row = new byte[600];
            for (int i = 0; i < row.length; i++) {
                int v = r.nextInt(256);
                row[i] = (byte) (v == 0x1b ? 0 : v);
            }
            out.writeBytes(ascii(ESC + "*b600W"));
            out.writeBytes(row);
        }
        out.writeBytes(ascii(ESC + "*rB" + "\f"));
        return out.toByteArray();
    }

    /** HP Universal Print Driver style: PJL header, PCL 5 pages, PJL EOJ, closing UEL. */
    static byte[] pjlPcl(String name, String user, int pageBytes) {
        return concat(ascii(UEL + "@PJL JOB NAME=\"" + name + "\"\r\n"
                        + "@PJL SET JOBNAME=\"" + name + "\"\r\n"
                        + "@PJL SET USERNAME=\"" + user + "\"\r\n"
                        + "@PJL SET RESOLUTION=600\r\n"
                        + "@PJL SET COPIES=1\r\n"
                        + "@PJL ENTER LANGUAGE=PCL\r\n" + ESC + "E"),
                pclPages(pageBytes, name.hashCode()),
                ascii(ESC + "E" + UEL + "@PJL EOJ NAME=\"" + name + "\"\r\n" + UEL));
    }

    static String postScriptProgram(String title, String forUser, int pages) {
        StringBuilder ps = new StringBuilder("%!PS-Adobe-3.0\n"
                + "%%Title: (" + title + ")\n"
                + "%%Creator: (PScript5.dll Version 5.2.2)\n"
                + "%%CreationDate: 11/25/2026 21:40:12\n"
                + "%%For: (" + forUser + ")\n"
                + "%%BoundingBox: (atend)\n"
                + "%%Pages: " + pages + "\n"
                + "%%DocumentNeededResources: font Helvetica\n"
                + "%%EndComments\n"
                + "%%BeginProlog\n/F { findfont exch scalefont setfont } bind def\n%%EndProlog\n");
        for (int p = 1; p <= pages; p++) {
            ps.append("%%Page: ").append(p).append(' ').append(p).append('\n')
                    .append("12 /Helvetica F 72 720 moveto (Page ").append(p).append(") show showpage\n");
        }
        return ps.append("%%Trailer\n%%BoundingBox: 0 0 612 792\n%%EOF\n").toString();
    }

    /** Windows PostScript driver wrapped in PJL. */
    static byte[] pjlPostScript(String name, String user, String title) {
        return ascii(UEL + "@PJL JOB NAME=\"" + name + "\"\r\n"
                + "@PJL SET USERNAME=\"" + user + "\"\r\n"
                + "@PJL ENTER LANGUAGE=POSTSCRIPT\r\n"
                + postScriptProgram(title, user, 3)
                + "\u0004" + UEL + "@PJL EOJ NAME=\"" + name + "\"\r\n" + UEL);
    }

    /** What CUPS' socket backend sends for a PostScript queue without PJL. */
    static byte[] barePostScript(String title, String forUser) {
        return ascii(postScriptProgram(title, forUser, 2));
    }

    /** A small PDF 1.7 file with its Info dictionary near the end, padded with a stream of {@code padding} bytes. */
    static byte[] pdf(String title, int padding) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < padding; i++) {
            body.append((char) ('a' + i % 26));
        }
        return ascii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"
                + "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                + "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
                + "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>\nendobj\n"
                + "4 0 obj\n<< /Length " + body.length() + " >>\nstream\n" + body + "\nendstream\nendobj\n"
                + "5 0 obj\n<< /Title (" + title + ") /Author (alice) /Producer (LibreOffice 7.4) >>\nendobj\n"
                + "xref\n0 6\n0000000000 65535 f \ntrailer\n<< /Size 6 /Root 1 0 R /Info 5 0 R >>\n"
                + "startxref\n1234\n%%EOF\n");
    }

    /** An LPD receive-job session as BSD lpr sends it: control file first, then the data file. */
    record LpdSession(byte[] client, byte[] server, long jobEnd) {}

    static LpdSession lpd(String queue, String host, String user, String jobName, byte[] data) {
        String cf = "H" + host + "\nP" + user + "\nJ" + jobName + "\nCA\nL" + user + "\nldfA042" + host
                + "\nUdfA042" + host + "\nN" + jobName + "\n";
        byte[] client = concat(ascii("\u0002" + queue + "\n"),
                ascii("\u0002" + cf.length() + " cfA042" + host + "\n"), ascii(cf), new byte[1],
                ascii("\u0003" + data.length + " dfA042" + host + "\n"), data, new byte[1]);
        return new LpdSession(client, new byte[5], client.length);
    }

    /** IPP attribute with a one-byte value tag. */
    static byte[] attribute(int tag, String name, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] n = ascii(name);
        out.write(tag);
        out.write(n.length >> 8);
        out.write(n.length);
        out.writeBytes(n);
        out.write(value.length >> 8);
        out.write(value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    static byte[] text(int tag, String name, String value) {
        return attribute(tag, name, value.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] ippHeader(int code, int requestId) {
        return new byte[] {2, 0, (byte) (code >> 8), (byte) code, (byte) (requestId >> 24), (byte) (requestId >> 16),
                (byte) (requestId >> 8), (byte) requestId};
    }

    /** An IPP/2.0 request body with the operation attributes CUPS sends, then the document. */
    static byte[] ippRequest(int operation, int requestId, String user, String jobName, byte[] document) {
        return concat(ippHeader(operation, requestId), new byte[] {0x01},
                text(0x47, "attributes-charset", "utf-8"),
                text(0x48, "attributes-natural-language", "en-us"),
                text(0x45, "printer-uri", "ipp://printer.example/ipp/print"),
                text(0x42, "requesting-user-name", user),
                jobName == null ? new byte[0] : text(0x42, "job-name", jobName),
                text(0x49, "document-format", "application/pdf"),
                new byte[] {0x03}, document);
    }

    static byte[] ippResponse(int status, int requestId, String message) {
        return concat(ippHeader(status, requestId), new byte[] {0x01},
                text(0x47, "attributes-charset", "utf-8"),
                text(0x48, "attributes-natural-language", "en-us"),
                message == null ? new byte[0] : text(0x41, "status-message", message),
                new byte[] {0x02},
                attribute(0x21, "job-id", new byte[] {0, 0, 0, 42}),
                attribute(0x23, "job-state", new byte[] {0, 0, 0, 3}),
                new byte[] {0x03});
    }

    /** {@code body} in HTTP chunks of {@code chunk} bytes, with the last-chunk. */
    static byte[] chunked(byte[] body, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int off = 0; off < body.length; off += chunk) {
            int n = Math.min(chunk, body.length - off);
            out.writeBytes(ascii(Integer.toHexString(n) + "\r\n"));
            out.write(body, off, n);
            out.writeBytes(ascii("\r\n"));
        }
        out.writeBytes(ascii("0\r\n\r\n"));
        return out.toByteArray();
    }

    static byte[] ippPost(byte[] ippBody, int chunk) {
        return concat(ascii("POST /ipp/print HTTP/1.1\r\n"
                + "Content-Type: application/ipp\r\n"
                + "Date: Wed, 25 Nov 2026 21:40:12 GMT\r\n"
                + "Host: printer.example:631\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + "User-Agent: CUPS/2.4.2 (Linux 6.1.0; x86_64) IPP/2.0\r\n"
                + "Expect: 100-continue\r\n\r\n"), chunked(ippBody, chunk));
    }

    static byte[] ippReply(int httpStatus, String reason, byte[] ippBody) {
        return concat(ascii("HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 " + httpStatus + " " + reason + "\r\n"
                + "Content-Type: application/ipp\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n"), chunked(ippBody, 64));
    }

    /** PJL status replies as an HP LaserJet sends them after @PJL USTATUS DEVICE=ON. */
    static byte[] ustatus(String code, String display, boolean online) {
        return ascii("@PJL USTATUS DEVICE\r\nCODE=" + code + "\r\nDISPLAY=\"" + display + "\"\r\nONLINE="
                + (online ? "TRUE" : "FALSE") + "\r\n\f");
    }
}
