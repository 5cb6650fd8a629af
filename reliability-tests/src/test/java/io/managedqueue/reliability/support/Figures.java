package io.managedqueue.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures a test measured: printed to the console and written to
 * {@code target/reliability/figures/<name>.txt}, from which RELIABILITY.md is written.
 */
public final class Figures {

    private final String name;
    private final Map<String, String> values = new LinkedHashMap<>();

    public Figures(String name) {
        this.name = name;
    }

    public Figures put(String key, Object value) {
        values.put(key, String.valueOf(value));
        return this;
    }

    public String get(String key) {
        return values.get(key);
    }

    /** Prints and writes the figures; safe to call more than once (the file is rewritten). */
    public void report() {
        StringBuilder text = new StringBuilder("== reliability figures: " + name + "\n");
        values.forEach((k, v) -> text.append("  ").append(k).append(": ").append(v).append('\n'));
        System.out.print(text);
        try {
            Path dir = Reliability.workDir().resolve("figures");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".txt"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
