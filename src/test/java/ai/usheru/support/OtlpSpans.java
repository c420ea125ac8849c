package ai.usheru.support;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the spans out of an OTLP/HTTP trace export ({@code ExportTraceServiceRequest} in protobuf). A
 * small reader of the wire format, because the generated OTLP classes need protobuf-java 4 and the
 * product's classpath holds Tribuo's protobuf-java 3.
 */
public final class OtlpSpans {

    private OtlpSpans() {}

    /** One span: ids in hex, times in nanoseconds since the epoch, attributes as text. */
    public record Span(String traceId, String spanId, String parentSpanId, String name, long startNanos, long endNanos,
            Map<String, String> attributes) {}

    public static List<Span> read(byte[] export) {
        var spans = new ArrayList<Span>();
        // ExportTraceServiceRequest.resource_spans = 1 -> ResourceSpans.scope_spans = 2 -> ScopeSpans.spans = 2
        for (byte[] resource : fields(export, 1)) {
            for (byte[] scope : fields(resource, 2)) {
                for (byte[] span : fields(scope, 2)) {
                    spans.add(span(span));
                }
            }
        }
        return spans;
    }

    private static Span span(byte[] bytes) {
        var reader = new Reader(bytes);
        String traceId = "", spanId = "", parent = "", name = "";
        long start = 0, end = 0;
        var attributes = new LinkedHashMap<String, String>();
        while (reader.more()) {
            int tag = (int) reader.varint();
            switch (tag >>> 3) {
                case 1 -> traceId = HexFormat.of().formatHex(reader.bytes());
                case 2 -> spanId = HexFormat.of().formatHex(reader.bytes());
                case 4 -> parent = HexFormat.of().formatHex(reader.bytes());
                case 5 -> name = new String(reader.bytes(), StandardCharsets.UTF_8);
                case 7 -> start = reader.fixed64();
                case 8 -> end = reader.fixed64();
                case 9 -> {
                    var attribute = new Reader(reader.bytes());
                    String key = "";
                    String value = "";
                    while (attribute.more()) {
                        int field = (int) attribute.varint();
                        if (field >>> 3 == 1) {
                            key = new String(attribute.bytes(), StandardCharsets.UTF_8);
                        } else if (field >>> 3 == 2) {
                            value = anyValue(attribute.bytes());
                        } else {
                            attribute.skip(field & 7);
                        }
                    }
                    attributes.put(key, value);
                }
                default -> reader.skip(tag & 7);
            }
        }
        return new Span(traceId, spanId, parent, name, start, end, attributes);
    }

    /** AnyValue: string_value = 1, bool_value = 2, int_value = 3, double_value = 4. */
    private static String anyValue(byte[] bytes) {
        var reader = new Reader(bytes);
        while (reader.more()) {
            int tag = (int) reader.varint();
            switch (tag >>> 3) {
                case 1 -> { return new String(reader.bytes(), StandardCharsets.UTF_8); }
                case 2 -> { return String.valueOf(reader.varint() != 0); }
                case 3 -> { return String.valueOf(reader.varint()); }
                case 4 -> { return String.valueOf(Double.longBitsToDouble(reader.fixed64())); }
                default -> reader.skip(tag & 7);
            }
        }
        return "";
    }

    private static List<byte[]> fields(byte[] message, int number) {
        var found = new ArrayList<byte[]>();
        var reader = new Reader(message);
        while (reader.more()) {
            int tag = (int) reader.varint();
            if (tag >>> 3 == number && (tag & 7) == 2) {
                found.add(reader.bytes());
            } else {
                reader.skip(tag & 7);
            }
        }
        return found;
    }

    private static final class Reader {

        private final ByteBuffer buffer;

        Reader(byte[] bytes) {
            this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        boolean more() {
            return buffer.hasRemaining();
        }

        long varint() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte next = buffer.get();
                value |= (long) (next & 0x7f) << shift;
                if (next >= 0) {
                    return value;
                }
            }
        }

        long fixed64() {
            return buffer.getLong();
        }

        byte[] bytes() {
            byte[] bytes = new byte[Math.toIntExact(varint())];
            buffer.get(bytes);
            return bytes;
        }

        void skip(int wireType) {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> buffer.position(buffer.position() + 8);
                case 2 -> bytes();
                case 5 -> buffer.position(buffer.position() + 4);
                default -> throw new IllegalArgumentException("Unknown protobuf wire type " + wireType);
            }
        }
    }
}
