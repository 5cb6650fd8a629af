package io.managedqueue.testing.topology;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The few RESP2 commands a topology needs to build and break itself (CLUSTER MEET, REPLICAOF, SENTINEL
 * FAILOVER, INFO...), on a plain socket with a 5 s read timeout: no client library between the harness
 * and the servers it starts. An error reply arrives as {@link RespError}.
 */
public final class RespConnection implements AutoCloseable {

    /** An error reply ({@code -ERR ...}). */
    public static final class RespError extends RuntimeException {
        RespError(String message) {
            super(message);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** @param port a server on 127.0.0.1 */
    public RespConnection(int port) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to 127.0.0.1:" + port, e);
        }
    }

    /** Sends one command; returns a String, Long, List or null. */
    public Object call(String... args) {
        try {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                frame.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                frame.writeBytes(bytes);
                frame.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(frame.toByteArray());
            out.flush();
            return read();
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", args) + " failed", e);
        }
    }

    /** @return the reply as text ({@code null} for a null reply) */
    public String text(String... args) {
        Object reply = call(args);
        return reply == null ? null : reply.toString();
    }

    /** @return one {@code field:value} line of {@code INFO section}, or null */
    public String info(String section, String field) {
        for (String line : text("INFO", section).split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        return null;
    }

    private Object read() throws IOException {
        int type = in.read();
        String line = line();
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new RespError(line);
            case ':' -> Long.parseLong(line);
            case '$' -> bulk(Integer.parseInt(line));
            case '*' -> array(Integer.parseInt(line));
            default -> throw new IOException("unexpected RESP type " + type);
        };
    }

    private String bulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] data = in.readNBytes(length + 2);
        return new String(data, 0, length, StandardCharsets.UTF_8);
    }

    private List<Object> array(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            items.add(read());
        }
        return items;
    }

    private String line() throws IOException {
        StringBuilder text = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            text.append((char) c);
        }
        in.read(); // '\n'
        return text.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test connection: nothing to do
        }
    }
}
