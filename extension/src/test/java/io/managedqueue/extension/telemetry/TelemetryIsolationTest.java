package io.managedqueue.extension.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.managedqueue.extension.cdi.ManagedQueueExtension;

/**
 * Without the OpenTelemetry API no class of it may load: so only the telemetry package names it,
 * and of that package the engine and the service see only types that do not.
 */
class TelemetryIsolationTest {

    private static final String OTEL = "io/opentelemetry/";

    @Test
    void onlyTheTelemetryImplementationNamesOpenTelemetry() throws IOException, URISyntaxException {
        Path classes = Path.of(ManagedQueueExtension.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            List<String> naming = files.filter(f -> f.toString().endsWith(".class"))
                    .filter(TelemetryIsolationTest::namesOpenTelemetry)
                    .map(f -> classes.relativize(f).toString()).toList();
            assertThat(naming).isNotEmpty().allSatisfy(c -> assertThat(c).startsWith("io/managedqueue/extension/telemetry/"))
                    .doesNotContain("io/managedqueue/extension/telemetry/QueueTelemetry.class",
                            "io/managedqueue/extension/telemetry/QueueTelemetry$Attempt.class",
                            "io/managedqueue/extension/telemetry/TelemetrySource.class");
        }
    }

    private static boolean namesOpenTelemetry(Path classFile) {
        try {
            // class names sit in the constant pool as UTF-8: a plain byte search finds every reference
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains(OTEL);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
