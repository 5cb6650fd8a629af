package io.managedqueue.extension.telemetry;

import jakarta.enterprise.inject.Instance;

/**
 * Gives the platform its {@link QueueTelemetry}. A bean of this type exists only when the
 * extension found the OpenTelemetry API; it names no OpenTelemetry type, so injecting
 * {@code Instance<TelemetrySource>} loads nothing of OpenTelemetry.
 */
public interface TelemetrySource {

    /** @return the telemetry, or {@code null} when the application has no OpenTelemetry bean or turned it off */
    QueueTelemetry telemetry();

    /**
     * @param sources the injected sources
     * @return the telemetry, or {@code null} when there is none
     */
    static QueueTelemetry resolve(Instance<TelemetrySource> sources) {
        return sources.isResolvable() ? sources.get().telemetry() : null;
    }
}
