package io.managedqueue.extension.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.managedqueue.extension.cdi.EngineLifecycle;
import io.managedqueue.extension.cdi.QueueRuntime;

/**
 * Readiness {@code managed-queue}: up while Redis answers; reports whether this process runs
 * workers. Registered by the extension only when MicroProfile Health is on the class path.
 */
@Readiness
@ApplicationScoped
public class ManagedQueueReadiness implements HealthCheck {

    @Inject
    QueueRuntime runtime;

    @Inject
    EngineLifecycle engine;

    @Override
    public HealthCheckResponse call() {
        boolean redisUp;
        String error = null;
        try {
            runtime.redis().getBucket(runtime.store().keys().prefix() + ":health").isExists();
            redisUp = true;
        } catch (RuntimeException e) {
            redisUp = false;
            error = e.getMessage();
        }
        var response = HealthCheckResponse.named("managed-queue")
                .status(redisUp)
                .withData("redis", redisUp ? "reachable" : "unreachable")
                .withData("workers", engine.workersRunning() ? "running" : "disabled")
                .withData("handlers", engine.handlerCount());
        if (error != null) {
            response.withData("error", error);
        }
        return response.build();
    }
}
