package io.managedqueue.extension.cdi;

import java.util.List;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.managedqueue.extension.engine.HandlerDescriptor;
import io.managedqueue.extension.engine.JobEngine;
import io.managedqueue.extension.events.CdiJobEvents;

/**
 * Starts the workers when the application starts, stops them gracefully before application
 * beans are destroyed (so running jobs can still use them and Redis).
 */
@ApplicationScoped
public class EngineLifecycle {

    private static final Logger LOG = Logger.getLogger(EngineLifecycle.class.getName());

    @Inject
    ManagedQueueExtension extension;
    @Inject
    QueueRuntime runtime;
    @Inject
    CdiJobRunner runner;
    @Inject
    CdiJobEvents events;

    private JobEngine engine;
    private int handlerCount;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        List<HandlerDescriptor> handlers = extension.handlers();
        handlerCount = handlers.size();
        if (!runtime.config().workerEnabled) {
            LOG.info("Managed queue: workers disabled (managed-queue.worker.enabled=false); " + handlers.size()
                    + " handler(s) declared, this process only enqueues");
            return;
        }
        engine = new JobEngine(runtime.config(), runtime.store(), runtime.redis(), runtime.codec(), runner, events,
                runtime.threads());
        engine.start(handlers);
        runtime.beforeClose(engine::stop);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object applicationStopping) {
        if (engine != null) {
            engine.stop();
        }
    }

    /** @return whether this process runs workers */
    public boolean workersRunning() {
        return engine != null && handlerCount > 0;
    }

    /** @return how many handler addresses the application declares */
    public int handlerCount() {
        return handlerCount;
    }
}
