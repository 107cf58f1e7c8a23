package io.ackwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The emitter must write the bytes that Jackson's pretty-printing char generator behind a UTF-8
 * OutputStreamWriter wrote (the reports' layout before the emitter), for any structure and any string.
 */
class JsonEmitterTest {
    /** Characters strings are drawn from: escapes, controls, multi-byte, surrogate halves and pairs. */
    private static final String CHARS = "aZ09 \"\\/\b\t\n\f\r\u0000\u0001\u001f\u007f\u0080\u00a0µé…€\u07ff\u0800\uffff"
            + "\ud83d\ude00\ud800\udc00\udbff\udfff";

    @Test
    void writesTheLayoutReportsHave() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonEmitter g = new JsonEmitter(out);
        g.writeStartObject();
        g.writeStringField("a", "x\"y");
        g.writeArrayFieldStart("empty");
        g.writeEndArray();
        g.writeArrayFieldStart("n");
        g.writeNumber(1);
        g.writeDecimal(250_000, 6);
        g.writeEndArray();
        g.writeObjectFieldStart("o");
        g.writeEndObject();
        g.writeNullField("z");
        g.writeEndObject();
        g.finish();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "{\n  \"a\": \"x\\\"y\",\n  \"empty\": [ ],\n  \"n\": [\n    1,\n    0.25\n  ],\n  \"o\": { },\n"
                        + "  \"z\": null\n}\n");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void writesTheBytesJacksonWroteThroughAWriter(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        Writer writer = new OutputStreamWriter(expected, StandardCharsets.UTF_8);
        JsonGenerator jackson = jackson(writer);
        JsonEmitter emitter = new JsonEmitter(actual);
        jackson.writeStartObject();
        emitter.writeStartObject();
        object(random, jackson, emitter, 0);
        jackson.writeEndObject();
        emitter.writeEndObject();
        jackson.close();
        writer.write('\n');
        writer.flush();
        emitter.finish();
        assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
    }

    /**
     * Array elements rendered in fragments (of any size, empty ones too, at any depth, into buffers that must
     * grow) and appended give the bytes Jackson wrote for the same elements in one go.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24})
    void fragmentsAppendedGiveTheBytesOfOneGo(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        Writer writer = new OutputStreamWriter(expected, StandardCharsets.UTF_8);
        JsonGenerator jackson = jackson(writer);
        JsonEmitter emitter = new JsonEmitter(actual);
        jackson.writeStartObject();
        emitter.writeStartObject();
        object(random, jackson, emitter, 3);
        for (int level = 0, levels = random.nextInt(1, 5); level < levels; level++) {
            // objects and arrays around the array the fragments go into, each with an entry or none before
            if (jackson.getOutputContext().inObject()) {
                jackson.writeFieldName("items" + level);
                emitter.writeFieldName("items" + level);
            }
            if (level == levels - 1 || random.nextBoolean()) {
                jackson.writeStartArray();
                emitter.writeStartArray();
                if (random.nextBoolean()) {
                    value(random, jackson, emitter, 3);
                }
            } else {
                jackson.writeStartObject();
                emitter.writeStartObject();
                object(random, jackson, emitter, 4);
            }
        }
        for (int part = random.nextInt(0, 8); part > 0; part--) {
            if (random.nextInt(4) == 0) { // some elements straight into the array between fragments
                value(random, jackson, emitter, 3);
                continue;
            }
            JsonEmitter fragment = JsonEmitter.fragment(emitter.depth(), emitter.entries(),
                    new byte[random.nextInt(0, 64)]);
            for (int n = random.nextInt(0, 6); n > 0; n--) {
                value(random, jackson, fragment, 3);
            }
            emitter.append(fragment);
        }
        while (emitter.depth() > 0) {
            if (jackson.getOutputContext().inArray()) {
                if (random.nextBoolean()) {
                    value(random, jackson, emitter, 3);
                }
                jackson.writeEndArray();
                emitter.writeEndArray();
            } else {
                object(random, jackson, emitter, 4);
                jackson.writeEndObject();
                emitter.writeEndObject();
            }
        }
        jackson.close();
        writer.write('\n');
        writer.flush();
        emitter.finish();
        assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void aFragmentGoesOnlyWhereItWasMadeFor() throws IOException {
        JsonEmitter emitter = new JsonEmitter(new ByteArrayOutputStream());
        emitter.writeStartObject();
        emitter.writeArrayFieldStart("a");
        emitter.writeNumber(1);
        JsonEmitter afterNone = JsonEmitter.fragment(emitter.depth(), 0, new byte[0]);
        afterNone.writeNumber(2);
        assertThatThrownBy(() -> emitter.append(afterNone)).isInstanceOf(IllegalStateException.class);
        JsonEmitter open = JsonEmitter.fragment(emitter.depth(), 1, new byte[0]);
        open.writeStartObject();
        assertThatThrownBy(() -> emitter.append(open)).isInstanceOf(IllegalStateException.class);
        JsonEmitter deeper = JsonEmitter.fragment(emitter.depth() + 1, 1, new byte[0]);
        assertThatThrownBy(() -> emitter.append(deeper)).isInstanceOf(IllegalStateException.class);
    }

    /** Random fields into the open object of both generators. */
    private static void object(SplittableRandom random, JsonGenerator j, JsonEmitter e, int depth) throws IOException {
        for (int n = random.nextInt(0, depth == 0 ? 40 : 6); n > 0; n--) {
            String name = string(random, 8);
            j.writeFieldName(name);
            e.writeFieldName(name);
            value(random, j, e, depth);
        }
    }

    private static void value(SplittableRandom random, JsonGenerator j, JsonEmitter e, int depth) throws IOException {
        switch (random.nextInt(depth < 5 ? 9 : 7)) {
            case 0, 1 -> {
                String s = random.nextInt(10) == 0 ? null : string(random, random.nextInt(2) == 0 ? 6 : random.nextInt(20) == 0 ? 40_000 : 3000);
                j.writeString(s);
                e.writeString(s);
            }
            case 2 -> {
                long v = switch (random.nextInt(4)) {
                    case 0 -> random.nextLong();
                    case 1 -> Long.MIN_VALUE + random.nextInt(2) * Long.MAX_VALUE;
                    default -> random.nextLong(-1000, 100_000);
                };
                j.writeNumber(v);
                e.writeNumber(v);
            }
            case 3 -> {
                long unscaled = random.nextInt(3) == 0 ? random.nextLong() : random.nextLong(-10_000_000_000L, 10_000_000_000L);
                int scale = random.nextInt(3) == 0 ? random.nextInt(1, 19) : 6;
                // how JsonReportWriter wrote milliseconds with Jackson
                BigDecimal v = BigDecimal.valueOf(unscaled, scale).stripTrailingZeros();
                j.writeNumber(v.scale() < 0 ? v.setScale(0) : v);
                e.writeDecimal(unscaled, scale);
            }
            case 4 -> {
                boolean v = random.nextBoolean();
                j.writeBoolean(v);
                e.writeBoolean(v);
            }
            case 5, 6 -> {
                j.writeNull();
                e.writeNull();
            }
            case 7 -> {
                j.writeStartArray();
                e.writeStartArray();
                for (int n = random.nextInt(0, 5); n > 0; n--) {
                    value(random, j, e, depth + 1);
                }
                j.writeEndArray();
                e.writeEndArray();
            }
            default -> {
                j.writeStartObject();
                e.writeStartObject();
                object(random, j, e, depth + 1);
                j.writeEndObject();
                e.writeEndObject();
            }
        }
    }

    private static String string(SplittableRandom random, int maxLength) {
        StringBuilder sb = new StringBuilder();
        for (int n = random.nextInt(0, maxLength + 1); n > 0; n--) {
            sb.append(random.nextInt(3) == 0 ? CHARS.charAt(random.nextInt(CHARS.length()))
                    : (char) random.nextInt(0x20, 0x7f));
        }
        return sb.toString();
    }

    /** The generator as JsonReportWriter configured it before it wrote bytes itself. */
    private static JsonGenerator jackson(Writer out) throws IOException {
        JsonGenerator g = JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build()
                .createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        DefaultIndenter lf = new DefaultIndenter("  ", "\n");
        g.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(lf)
                .withArrayIndenter(lf));
        return g;
    }
}
