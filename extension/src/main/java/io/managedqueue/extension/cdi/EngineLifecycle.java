package io.managedqueue.extension.cdi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.redisson.client.RedisException;


import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.ManagedQueueException;
import io.managedqueue.api.ScheduleSpec;
import io.managedqueue.extension.engine.HandlerDescriptor;
import io.managedqueue.extension.engine.HandlerSettings;
import io.managedqueue.extension.engine.JobEngine;
import io.managedqueue.extension.events.CdiJobEvents;
import io.managedqueue.extension.redis.WakeUpTopic;
import io.managedqueue.extension.schedule.DeclaredSchedule;
import io.managedqueue.extension.schedule.DeclaredSchedules;
import io.managedqueue.extension.schedule.Scheduler;
import io.managedqueue.extension.telemetry.QueueTelemetry;
import io.managedqueue.extension.telemetry.TelemetrySource;

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
    @Inject
    ManagedQueueServiceImpl service;
    @Inject
    Instance<TelemetrySource> telemetrySource;

    private volatile JobEngine engine;
    private StartWhenRedisAnswers deferred;
    private Scheduler scheduler;
    private int handlerCount;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        List<HandlerDescriptor> handlers = extension.handlers();
        handlerCount = handlers.size();
        // resolved at start-up, also on web-only processes: that is where the depth gauges start
        QueueTelemetry telemetry = TelemetrySource.resolve(telemetrySource);
        if (!runtime.config().workerEnabled) {
            LOG.info("Managed queue: workers disabled (managed-queue.worker.enabled=false); " + handlers.size()
                    + " handler(s) declared, this process only enqueues");
            return;
        }
        Map<DeclaredSchedule, Optional<ScheduleSpec>> declared = declaredSchedules(); // bad settings fail before any thread starts
        List<HandlerSettings> settings = HandlerSettings.resolve(handlers, runtime.config()); // once, and before any thread
        if (!tryStart(settings, declared, telemetry)) {
            deferred = new StartWhenRedisAnswers(() -> tryStart(settings, declared, telemetry), runtime.threads());
            runtime.beforeClose(deferred::cancel);
            deferred.begin();
        }
    }

    /** @return whether workers and scheduler started; false (nothing left running) when Redis failed */
    private synchronized boolean tryStart(List<HandlerSettings> handlers, Map<DeclaredSchedule, Optional<ScheduleSpec>> declared,
            QueueTelemetry telemetry) {
        JobEngine started = new JobEngine(runtime.config(), runtime.store(),
                new WakeUpTopic(runtime.redis(), runtime.store().keys()), runtime.codec(), runner, events,
                runtime.threads(), runtime.workerId(), runtime.workerRegistry(), telemetry);
        try {
            started.start(handlers);
            engine = started;
            runtime.beforeClose(started::stop);
            startScheduler(declared);
            return true;
        } catch (RuntimeException e) {
            stopScheduler(); // undo the partial start whatever failed, so no thread is left running
            scheduler = null;
            started.stop();
            engine = null;
            if (e instanceof ManagedQueueException || e instanceof RedisException) {
                LOG.fine("Managed queue: start-up step failed on Redis: " + e);
                return false; // Redis not there yet: try again later
            }
            throw e; // a bad setting fails start-up as before
        }
    }

    /** @return each declared schedule's spec after configuration, empty when disabled */
    private Map<DeclaredSchedule, Optional<ScheduleSpec>> declaredSchedules() {
        Map<DeclaredSchedule, Optional<ScheduleSpec>> specs = new LinkedHashMap<>();
        for (DeclaredSchedule declared : extension.schedules()) {
            specs.put(declared, DeclaredSchedules.enabled(declared, runtime.config())
                    ? Optional.of(DeclaredSchedules.effectiveSpec(declared, runtime.config())) : Optional.empty());
        }
        return specs;
    }

    /** Schedulers run where workers run: a web-only process neither registers nor fires schedules. */
    private void startScheduler(Map<DeclaredSchedule, Optional<ScheduleSpec>> declaredSchedules) {
        declaredSchedules.forEach((declared, spec) -> {
            if (spec.isEmpty()) {
                boolean removed = runtime.schedules().remove("", declared.id());
                LOG.info("Managed queue: schedule " + declared.id() + " disabled by configuration"
                        + (removed ? "; removed from Redis" : ""));
                return;
            }
            service.saveSchedule(declared.id(), spec.get(), EnqueueRequest.builder(declared.address().pluginName(),
                    declared.address().queueName(), declared.address().jobName()).systemWide().build(), "declared");
            LOG.info("Managed queue: schedule " + declared.id() + " " + spec.get() + " enqueues to " + declared.address());
        });
        scheduler = new Scheduler(runtime.schedules());
        scheduler.start(runtime.threads());
        runtime.beforeClose(this::stopScheduler);
    }

    private void stopScheduler() {
        try {
            if (scheduler != null) {
                scheduler.stop();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Managed queue: stopping the scheduler failed", e);
        }
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object applicationStopping) {
        if (deferred != null) {
            deferred.cancel();
        }
        stopScheduler();
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
