package io.ackwatch.job;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fixed header and the attributes ackwatch reports of one IPP message (RFC 8010 §3): version,
 * operation-id or status-code, request-id, and the first value of a few text attributes.
 *
 * @param code operation-id in a request, status-code in a response
 * @param attributes first value of each attribute in {@link #WANTED}, by name
 * @param dataOffset index in the body where the document data starts (after end-of-attributes), -1 when
 *     the attributes were cut
 */
record IppMessage(int major, int minor, int code, int requestId, Map<String, String> attributes, int dataOffset) {
    static final Set<String> WANTED = Set.of("requesting-user-name", "job-name", "document-name",
            "document-format", "job-originating-host-name", "job-originating-user-name", "status-message", "job-id",
            "job-state");

    private static final int END_OF_ATTRIBUTES = 0x03;
    private static final int EXTENSION = 0x7f;

    String attribute(String name) {
        return attributes.get(name);
    }

    /** The message at the start of {@code body}, or null when even the 8-byte header is missing. */
    static IppMessage parse(byte[] body) {
        if (body.length < 8) {
            return null;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        int p = 8;
        int dataOffset = -1;
        while (p < body.length) {
            int tag = body[p++] & 0xff;
            if (tag == END_OF_ATTRIBUTES) {
                dataOffset = p;
                break;
            }
            if (tag < 0x10) {
                continue; // begins an attribute group
            }
            if (p + 2 > body.length) {
                break;
            }
            int nameLength = u16(body, p);
            p += 2;
            if (p + nameLength + 2 > body.length) {
                break;
            }
            String name = new String(body, p, nameLength, StandardCharsets.US_ASCII);
            p += nameLength;
            int valueLength = u16(body, p);
            p += 2;
            if (p + valueLength > body.length) {
                break; // cut inside the value: keep what was whole
            }
            // nameLength 0 is an additional value of the previous attribute: the first one is enough
            if (nameLength > 0 && tag != EXTENSION && WANTED.contains(name) && !attributes.containsKey(name)) {
                String value = value(tag, body, p, valueLength);
                if (value != null) {
                    attributes.put(name, value);
                }
            }
            p += valueLength;
        }
        return new IppMessage(body[0] & 0xff, body[1] & 0xff, u16(body, 2), s32(body, 4), attributes, dataOffset);
    }

    private static String value(int tag, byte[] b, int at, int length) {
        if ((tag == 0x21 || tag == 0x23) && length == 4) { // integer, enum
            return Integer.toString(s32(b, at));
        }
        if (tag == 0x35 || tag == 0x36) { // textWithLanguage, nameWithLanguage: language, then text
            if (length < 4) {
                return null;
            }
            int languageLength = u16(b, at);
            int textAt = at + 2 + languageLength;
            if (textAt + 2 > at + length) {
                return null;
            }
            int textLength = Math.min(u16(b, textAt), at + length - textAt - 2);
            return Text.decode(b, textAt + 2, textAt + 2 + textLength);
        }
        if (tag >= 0x40 && tag <= 0x5f) { // character-string types: text, name, keyword, uri, mime type …
            return Text.decode(b, at, at + length);
        }
        return null;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    private static int s32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }
}
