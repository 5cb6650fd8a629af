package io.managedqueue.benchmarks;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import io.managedqueue.api.ManagedQueueService;

/**
 * Marks the moment the workers start, the counterpart of {@code worker.run()} in bench.mjs: runs
 * before the platform's own start-up observer (default priority 2500), after connecting the
 * platform's Redis client, so container boot and connection set-up are not counted as processing.
 */
@Dependent
public class StartMarker {

    void started(@Observes @Priority(1000) @Initialized(ApplicationScoped.class) Object event, ManagedQueueService queue) {
        queue.getRedis(); // connects now, not inside the measured window
        Probe.onEngineStart.run();
        Probe.engineStartNanos = System.nanoTime();
    }
}
