package io.sieve.store;

import io.sieve.model.Event;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Binary form of events and their keys in the embedded store. Keys order events by time (the
 * {@code events} column family) and by user then time ({@code user_events}); ids never contain
 * control characters, so a 0 byte can end an id. Timestamps are kept to the millisecond.
 */
final class EventCodec {
    private static final byte VERSION = 1;
    private static final int HAS_VALUE = 1;
    private static final int HAS_REQUEST = 2;
    private static final int HAS_SURFACE = 4;

    private EventCodec() {
    }

    static byte[] timeKey(Event e) {
        byte[] user = utf8(e.user());
        byte[] rest = identity(e);
        return ByteBuffer.allocate(8 + user.length + 1 + rest.length)
                .putLong(e.timestamp().toEpochMilli()).put(user).put((byte) 0).put(rest).array();
    }

    static byte[] userKey(Event e) {
        byte[] user = utf8(e.user());
        byte[] rest = identity(e);
        return ByteBuffer.allocate(user.length + 1 + 8 + rest.length)
                .put(user).put((byte) 0).putLong(e.timestamp().toEpochMilli()).put(rest).array();
    }

    /** Every key of this user's events in {@code user_events} starts with these bytes. */
    static byte[] userPrefix(String user) {
        byte[] u = utf8(user);
        return ByteBuffer.allocate(u.length + 1).put(u).put((byte) 0).array();
    }

    private static byte[] identity(Event e) {
        byte[] item = utf8(e.item());
        byte[] type = utf8(e.type());
        return ByteBuffer.allocate(item.length + 1 + type.length).put(item).put((byte) 0).put(type).array();
    }

    static byte[] encode(Event e) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            DataOutputStream out = new DataOutputStream(bytes);
            int flags = (e.value() != null ? HAS_VALUE : 0)
                    | (e.requestId() != null ? HAS_REQUEST : 0)
                    | (e.surface() != null ? HAS_SURFACE : 0);
            out.writeByte(VERSION);
            out.writeByte(flags);
            out.writeUTF(e.user());
            out.writeUTF(e.item());
            out.writeUTF(e.type());
            out.writeLong(e.timestamp().toEpochMilli());
            if (e.value() != null) {
                out.writeDouble(e.value());
            }
            if (e.requestId() != null) {
                out.writeUTF(e.requestId());
            }
            if (e.surface() != null) {
                out.writeUTF(e.surface());
            }
            return bytes.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static Event decode(byte[] data) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("unknown event encoding version " + version);
            }
            int flags = in.readByte();
            String user = in.readUTF();
            String item = in.readUTF();
            String type = in.readUTF();
            Instant ts = Instant.ofEpochMilli(in.readLong());
            Double value = (flags & HAS_VALUE) != 0 ? in.readDouble() : null;
            String request = (flags & HAS_REQUEST) != 0 ? in.readUTF() : null;
            String surface = (flags & HAS_SURFACE) != 0 ? in.readUTF() : null;
            return new Event(user, item, type, value, ts, request, surface);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
