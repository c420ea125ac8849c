package ai.usheru.memory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The file behind {@link LogVectorStore}: a header, then one record per change, only ever appended
 * to, so a change costs one small write whatever the store holds. A record a crash cut short (or
 * whose checksum does not match) ends the log: it and anything after it are dropped on open, and the
 * file is truncated there so new records follow valid ones. {@link #rewrite} replaces the whole log
 * with a new file, written aside and renamed over it atomically, so a crash leaves the old log or the
 * new one, never a mix.
 *
 * <p>Layout, little-endian: the header is the magic {@code USVL}, the format version (1) and the
 * dimensions; each record is its payload's length, the payload's CRC-32 and the payload; a payload is
 * a kind byte (1 put, 2 delete) and the document id, and for a put the text, the metadata as JSON and
 * the vector as {@code dimensions} float32 values. Strings are a length and UTF-8 bytes.
 */
final class VectorLog implements AutoCloseable {

    /** One change: a document stored (replacing one with its id) or deleted. */
    sealed interface Record permits Put, Delete {}

    record Put(String id, String text, Map<String, Object> metadata, float[] vector) implements Record {}

    record Delete(String id) implements Record {}

    /** The log was written for vectors of another length (another embedding model). */
    static final class WrongDimensions extends IOException {
        WrongDimensions(Path file, int found, int expected) {
            super(file + " holds vectors of " + found + " dimensions, not " + expected);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(VectorLog.class);
    private static final int MAGIC = 0x4C565355; // "USVL" read little-endian
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 12;
    private static final int RECORD_HEADER_BYTES = 8;
    private static final int MAX_PAYLOAD_BYTES = 64 << 20;
    private static final byte PUT = 1;
    private static final byte DELETE = 2;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {};

    private final Path file;
    private final int dimensions;
    private FileChannel channel;
    /** Where the last complete record ends: a failed or interrupted write is cut off here before the next one. */
    private long end;
    private boolean closed;

    private VectorLog(Path file, int dimensions, FileChannel channel, long end) {
        this.file = file;
        this.dimensions = dimensions;
        this.channel = channel;
        this.end = end;
    }

    /**
     * Opens the log (creating it when missing), hands every valid record to {@code replay} in the
     * order written, and cuts off a torn tail.
     */
    static VectorLog open(Path file, int dimensions, Consumer<Record> replay) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!Files.exists(file) || Files.size(file) < HEADER_BYTES) {
            writeFile(file, dimensions, List.<Put>of().iterator()); // also repairs a file torn while it was being created
        }
        long valid = replay(file, dimensions, replay);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long size = channel.size();
        if (valid < size) {
            log.warn("The vector log {} ended in an incomplete or damaged record; {} byte(s) after offset {} were dropped",
                    file, size - valid, valid);
            channel.truncate(valid);
            channel.force(true);
        }
        channel.position(valid);
        return new VectorLog(file, dimensions, channel, valid);
    }

    Path file() {
        return file;
    }

    /** Appends the records in one write; they reach the operating system before this returns. */
    synchronized void append(List<? extends Record> records) throws IOException {
        int bytes = 0;
        var encoded = new ByteBuffer[records.size()];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = encode(records.get(i), dimensions);
            bytes += encoded[i].remaining();
        }
        ByteBuffer all = encoded.length == 1 ? encoded[0] : ByteBuffer.allocate(bytes);
        if (encoded.length != 1) {
            for (ByteBuffer record : encoded) {
                all.put(record);
            }
            all.flip();
        }
        repairIfNeeded();
        while (all.hasRemaining()) {
            channel.write(all);
        }
        end += bytes;
    }

    /** Makes what was appended durable, should the machine stop. */
    synchronized void force() throws IOException {
        if (!closed) {
            repairIfNeeded();
            channel.force(false);
        }
    }

    /**
     * A thread interrupted during a write closes a {@link FileChannel}, and a failed write may leave
     * part of a record: both would stop every later record from being read back. So the file is
     * reopened and cut back to the end of the last complete record first.
     */
    private void repairIfNeeded() throws IOException {
        if (closed) {
            throw new IOException("The vector log " + file + " is closed");
        }
        if (channel.isOpen() && channel.position() == end) {
            return;
        }
        if (channel.isOpen()) {
            channel.close();
        }
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (channel.size() > end) {
            log.warn("An incomplete write to the vector log {} is cut off at offset {}", file, end);
            channel.truncate(end);
        }
        channel.position(end);
    }

    /** Replaces the log with one put per document given: a new file, made durable, renamed over the old one. */
    synchronized void rewrite(Iterator<Put> documents) throws IOException {
        repairIfNeeded();
        Path next = file.resolveSibling(file.getFileName() + ".next");
        writeFile(next, dimensions, documents);
        channel.close();
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(file.toAbsolutePath().getParent());
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        end = channel.size();
        channel.position(end);
    }

    /** Bytes in the log. */
    synchronized long size() {
        return end;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        repairIfNeeded();
        closed = true;
        channel.force(false);
        channel.close();
    }

    private static void writeFile(Path target, int dimensions, Iterator<Put> documents) throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream stream = new BufferedOutputStream(Channels.newOutputStream(out), 1 << 16);
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(MAGIC).putInt(VERSION).putInt(dimensions);
            stream.write(header.array());
            while (documents.hasNext()) {
                ByteBuffer record = encode(documents.next(), dimensions);
                stream.write(record.array(), record.position(), record.remaining());
            }
            stream.flush();
            out.force(true);
        }
    }

    /** The length of the valid prefix of the file, after handing its records to {@code replay}. */
    private static long replay(Path file, int dimensions, Consumer<Record> replay) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteBuffer header = ByteBuffer.wrap(in.readNBytes(HEADER_BYTES)).order(ByteOrder.LITTLE_ENDIAN);
            if (header.getInt() != MAGIC) {
                throw new IOException(file + " is not a vector log");
            }
            int version = header.getInt();
            if (version != VERSION) {
                throw new IOException(file + " is a vector log of version " + version + ", this build reads version " + VERSION);
            }
            int found = header.getInt();
            if (found != dimensions) {
                throw new WrongDimensions(file, found, dimensions);
            }
            long valid = HEADER_BYTES;
            byte[] recordHeader = new byte[RECORD_HEADER_BYTES];
            var crc = new CRC32();
            while (true) {
                if (in.readNBytes(recordHeader, 0, RECORD_HEADER_BYTES) < RECORD_HEADER_BYTES) {
                    return valid;
                }
                ByteBuffer lengths = ByteBuffer.wrap(recordHeader).order(ByteOrder.LITTLE_ENDIAN);
                int length = lengths.getInt();
                int checksum = lengths.getInt();
                if (length <= 0 || length > MAX_PAYLOAD_BYTES) {
                    return valid;
                }
                byte[] payload = new byte[length];
                if (in.readNBytes(payload, 0, length) < length) {
                    return valid;
                }
                crc.reset();
                crc.update(payload);
                if ((int) crc.getValue() != checksum) {
                    return valid;
                }
                Record record;
                try {
                    record = decode(ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN), dimensions);
                } catch (RuntimeException e) { // a checksum that matches garbage: as good as torn
                    return valid;
                }
                replay.accept(record);
                valid += RECORD_HEADER_BYTES + length;
            }
        }
    }

    private static ByteBuffer encode(Record record, int dimensions) {
        byte[] id;
        byte[] text = null;
        byte[] metadata = null;
        int length;
        switch (record) {
            case Put put -> {
                if (put.vector().length != dimensions) {
                    throw new IllegalArgumentException("A vector of " + put.vector().length + " dimensions in a log of " + dimensions);
                }
                id = put.id().getBytes(StandardCharsets.UTF_8);
                text = put.text().getBytes(StandardCharsets.UTF_8);
                metadata = JSON.writeValueAsBytes(put.metadata());
                length = 1 + 4 + id.length + 4 + text.length + 4 + metadata.length + 4 * dimensions;
            }
            case Delete delete -> {
                id = delete.id().getBytes(StandardCharsets.UTF_8);
                length = 1 + 4 + id.length;
            }
        }
        ByteBuffer buffer = ByteBuffer.allocate(RECORD_HEADER_BYTES + length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(RECORD_HEADER_BYTES);
        buffer.put(record instanceof Put ? PUT : DELETE);
        buffer.putInt(id.length).put(id);
        if (record instanceof Put put) {
            buffer.putInt(text.length).put(text);
            buffer.putInt(metadata.length).put(metadata);
            buffer.asFloatBuffer().put(put.vector());
        }
        var crc = new CRC32();
        crc.update(buffer.array(), RECORD_HEADER_BYTES, length);
        buffer.putInt(0, length).putInt(4, (int) crc.getValue());
        return buffer.rewind();
    }

    private static Record decode(ByteBuffer payload, int dimensions) {
        byte kind = payload.get();
        String id = string(payload);
        return switch (kind) {
            case PUT -> {
                String text = string(payload);
                byte[] json = new byte[payload.getInt()];
                payload.get(json);
                Map<String, Object> metadata = JSON.readValue(json, METADATA);
                float[] vector = new float[dimensions];
                payload.asFloatBuffer().get(vector);
                yield new Put(id, text, metadata, vector);
            }
            case DELETE -> new Delete(id);
            default -> throw new IllegalStateException("Unknown record kind " + kind);
        };
    }

    private static String string(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.getInt()];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Makes a rename durable; where the platform cannot open a directory, the rename is durable soon enough. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("Could not force directory {}: {}", directory, e.getMessage());
        }
    }
}
