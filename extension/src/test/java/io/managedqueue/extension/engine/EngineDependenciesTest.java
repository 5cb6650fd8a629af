package io.managedqueue.extension.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.managedqueue.extension.redis.WakeUpTopic;

/**
 * The engine is plain Java: Redis access goes through {@code redis/}, container glue lives in
 * {@code cdi/}, so the worker logic can be read, and tested, without Redisson or a CDI container.
 */
class EngineDependenciesTest {

    /** Slashed (type references) or dotted (a name looked up reflectively). */
    private static final Pattern FORBIDDEN = Pattern.compile(
            "(org[/.]redisson|jakarta[/.]enterprise|jakarta[/.]inject)[/.][\\w/.$]*");
    private static final Pattern FORBIDDEN_IMPORT = Pattern.compile(
            "^import\\s+(static\\s+)?(org\\.redisson|jakarta\\.enterprise|jakarta\\.inject)\\..*$", Pattern.MULTILINE);

    @Test
    void noEngineClassReferencesRedissonOrCdi() {
        List<Path> classes = classFiles(packageDirectory(JobEngine.class));
        assertThat(classes).as("compiled engine classes").hasSizeGreaterThan(10);
        Map<String, TreeSet<String>> offending = new TreeMap<>();
        classes.forEach(file -> {
            TreeSet<String> found = forbiddenNames(file);
            if (!found.isEmpty()) {
                offending.put(file.getFileName().toString(), found);
            }
        });
        assertThat(offending).as("engine classes naming Redisson or CDI types (move them to redis/ or cdi/)").isEmpty();
    }

    @Test
    void noEngineSourceImportsRedissonOrCdi() throws IOException {
        Path sources = Path.of("src/main/java/io/managedqueue/extension/engine");
        assertThat(sources).as("run from the extension module").isDirectory();
        Map<String, List<String>> offending = new TreeMap<>();
        try (Stream<Path> files = Files.list(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                List<String> imports = FORBIDDEN_IMPORT.matcher(read(file)).results().map(MatchResult::group).toList();
                if (!imports.isEmpty()) {
                    offending.put(file.getFileName().toString(), imports);
                }
            });
        }
        assertThat(offending).as("engine sources importing Redisson or CDI types (move them to redis/ or cdi/)").isEmpty();
    }

    /** The check above would pass on nothing: here it finds what a redis/ class does name. */
    @Test
    void theCheckSeesARedissonReference() {
        Path topic = packageDirectory(WakeUpTopic.class).resolve(WakeUpTopic.class.getSimpleName() + ".class");
        assertThat(forbiddenNames(topic)).contains("org/redisson/api/RTopic");
    }

    /**
     * Every type a class file names (in its code, signatures, annotations) and every string
     * constant is a UTF-8 entry of its constant pool, stored as plain bytes for ASCII names: so
     * searching the file's bytes finds every reference, including fully qualified ones without an import.
     */
    private static TreeSet<String> forbiddenNames(Path classFile) {
        try {
            String bytes = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
            return FORBIDDEN.matcher(bytes).results().map(MatchResult::group)
                    .collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path packageDirectory(Class<?> type) {
        try {
            Path root = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return root.resolve(type.getPackageName().replace('.', '/'));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> classFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".class")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
