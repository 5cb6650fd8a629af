package io.managedqueue.extension.engine;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * Payloads as JSON-B text, bounded by {@code managed-queue.payload.max-bytes}. Serialisation
 * problems are the caller's input problems, so they surface as {@link IllegalArgumentException}.
 */
public final class PayloadCodec implements AutoCloseable {

    private final Jsonb jsonb = JsonbBuilder.create();
    private final int maxBytes;

    public PayloadCodec(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * @param payload the payload, or {@code null}
     * @return its JSON, or {@code null} for no payload
     * @throws IllegalArgumentException naming {@code payload} when JSON-B cannot serialise it or it is too large
     */
    public String toJson(Object payload) {
        if (payload == null) {
            return null;
        }
        String json;
        try {
            json = jsonb.toJson(payload);
        } catch (RuntimeException | StackOverflowError e) {
            throw new IllegalArgumentException("payload of type " + payload.getClass().getName()
                    + " cannot be serialised by JSON-B: " + e.getMessage(), e);
        }
        // a char is at most 3 UTF-8 bytes: most payloads are known to fit without being encoded here
        if (json.length() <= maxBytes / 3) {
            return json;
        }
        int size = json.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBytes) {
            throw new IllegalArgumentException("payload serialises to " + size + " bytes, more than the limit of " + maxBytes
                    + " (managed-queue.payload.max-bytes)");
        }
        return json;
    }

    /**
     * @param json the stored JSON, or {@code null}
     * @param type the handler's payload type
     * @return the payload, or {@code null}
     */
    public Object fromJson(String json, Type type) {
        return json == null ? null : jsonb.fromJson(json, type);
    }

    @Override
    public void close() throws Exception {
        jsonb.close();
    }
}
