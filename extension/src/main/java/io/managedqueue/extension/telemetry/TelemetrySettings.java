package io.managedqueue.extension.telemetry;

import java.time.Duration;
import java.util.Locale;

import org.eclipse.microprofile.config.Config;

import io.managedqueue.extension.config.ConfigDurations;

/**
 * The {@code managed-queue.telemetry.*} settings, validated at start-up.
 *
 * @param enabled             {@code managed-queue.telemetry.enabled} (default {@code true}): {@code false}
 *                            registers nothing even when the application has OpenTelemetry
 * @param creationAsParent    {@code managed-queue.telemetry.creation-context}: {@code link} (default) links each
 *                            attempt's span to the enqueue's, in a trace of its own; {@code parent} makes it a child
 * @param depthReportInterval {@code managed-queue.telemetry.depth-report-interval} (default {@code PT5S}): how
 *                            often the reporting process reads the queues' depths from Redis
 */
record TelemetrySettings(boolean enabled, boolean creationAsParent, Duration depthReportInterval) {

    static final String PREFIX = "managed-queue.telemetry.";

    static TelemetrySettings read(Config config) {
        String enabled = value(config, "enabled", "true");
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new IllegalArgumentException(PREFIX + "enabled must be true or false, was " + enabled);
        }
        String creation = value(config, "creation-context", "link");
        if (!creation.equals("link") && !creation.equals("parent")) {
            throw new IllegalArgumentException(PREFIX + "creation-context must be link or parent, was " + creation);
        }
        Duration interval = ConfigDurations.parse(PREFIX + "depth-report-interval", value(config, "depth-report-interval", "PT5S"));
        if (interval.toMillis() < 100) {
            throw new IllegalArgumentException(PREFIX + "depth-report-interval must be at least 100ms, was " + interval);
        }
        return new TelemetrySettings(Boolean.parseBoolean(enabled), creation.equals("parent"), interval);
    }

    private static String value(Config config, String key, String defaultValue) {
        return config.getOptionalValue(PREFIX + key, String.class).map(v -> v.trim().toLowerCase(Locale.ROOT))
                .filter(v -> !v.isEmpty()).orElse(defaultValue);
    }
}
