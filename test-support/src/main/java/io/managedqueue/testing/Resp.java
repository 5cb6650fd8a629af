package io.managedqueue.testing;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal RESP2 client for inspection and fault injection by the tests and the benchmark's own
 * bookkeeping (INFO, CLIENT LIST, CLIENT KILL, DEBUG DIGEST, SCAN, UNLINK...). Deliberately not
 * Redisson: it has no retry or reconnect logic of its own that could hide what the platform's
 * client does (it reconnects once per call when the server was restarted), and its few commands
 * on a connection of its own are easy to tell apart from the client under test. One call at a time.
 */
public final class Resp implements AutoCloseable {

    /** An error reply. */
    public static final class ErrorReply extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ErrorReply(String message) {
            super(message);
        }
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private final int readTimeoutMillis;

    public Resp(String host, int port) {
        this(host, port, 30_000);
    }

    /** @param readTimeoutMillis how long a reply may take (a harness polling a starting server wants it short) */
    public Resp(String host, int port, int readTimeoutMillis) {
        this.host = host;
        this.port = port;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /**
     * Sends one command and reads its reply; reconnects once if the connection was lost.
     *
     * @return String (simple or bulk), Long, List (array), or null
     */
    public synchronized Object call(String... args) {
        try {
            return send(args);
        } catch (IOException first) {
            closeQuietly();
            try {
                return send(args);
            } catch (IOException second) {
                closeQuietly();
                throw new UncheckedIOException("Redis at " + host + ":" + port + " unreachable", second);
            }
        }
    }

    public String string(String... args) {
        Object r = call(args);
        return r == null ? null : r.toString();
    }

    public long number(String... args) {
        Object r = call(args);
        return r instanceof Long l ? l : Long.parseLong(r.toString());
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String... args) {
        Object r = call(args);
        return r == null ? List.of() : (List<Object>) r;
    }

    /** @return HGETALL as a map */
    public Map<String, String> hash(String key) {
        List<Object> flat = list("HGETALL", key);
        Map<String, String> map = new HashMap<>(flat.size());
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put((String) flat.get(i), (String) flat.get(i + 1));
        }
        return map;
    }

    /** @return every key matching the pattern (SCAN, never KEYS) */
    public List<String> scan(String pattern) {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            List<Object> page = list("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
            cursor = (String) page.get(0);
            for (Object k : (List<?>) page.get(1)) {
                keys.add((String) k);
            }
        } while (!cursor.equals("0"));
        return keys;
    }

    /** @return a section of INFO, as Redis writes it */
    public String info(String section) {
        return string("INFO", section);
    }

    /** Deletes every key matching {@code pattern} (SCAN and UNLINK, never KEYS); returns how many. */
    public long deleteByPattern(String pattern) {
        long deleted = 0;
        String cursor = "0";
        do {
            List<Object> page = list("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
            cursor = (String) page.get(0);
            List<?> keys = (List<?>) page.get(1);
            if (!keys.isEmpty()) {
                List<String> command = new ArrayList<>(keys.size() + 1);
                command.add("UNLINK"); // one call per page of keys
                keys.forEach(k -> command.add((String) k));
                deleted += number(command.toArray(String[]::new));
            }
        } while (!cursor.equals("0"));
        return deleted;
    }

    /** @return one field of INFO, as a string */
    public String info(String section, String field) {
        for (String line : string("INFO", section).split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return null;
    }

    /** @return the number of client connections (CLIENT LIST lines, this one included) */
    public int clientCount() {
        return (int) string("CLIENT", "LIST").lines().filter(l -> !l.isBlank()).count();
    }

    /** @return a digest of the whole dataset: equal digests, equal data */
    public String digest() {
        return string("DEBUG", "DIGEST");
    }

    private Object send(String... args) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(readTimeoutMillis);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (String a : args) {
            byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
            buf.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            buf.write(bytes);
            buf.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(buf.toByteArray());
        out.flush();
        return read();
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("connection closed");
        }
        String line = readLine();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new ErrorReply(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int len = Integer.parseInt(line);
                if (len < 0) {
                    return null;
                }
                byte[] data = in.readNBytes(len);
                readLine();
                return new String(data, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(read());
                }
                return items;
            }
            default:
                throw new IOException("unexpected reply type " + (char) type);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            line.write(c);
        }
        in.read(); // '\n'
        return line.toString(StandardCharsets.UTF_8);
    }

    private void closeQuietly() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        socket = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
