package io.managedqueue.extension.events;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;

import io.managedqueue.api.JobCompleted;
import io.managedqueue.api.JobFailed;
import io.managedqueue.api.JobRetryScheduled;
import io.managedqueue.api.JobStalled;
import io.managedqueue.extension.engine.JobEventSink;

/**
 * Fires job outcomes as CDI events, to {@code @Observes} (on the worker thread) and
 * {@code @ObservesAsync} observers. An event type without observers is not fired at all, and
 * neither is its synchronous or asynchronous notification when nobody observes it that way, so
 * the hot path pays nothing for events nobody listens to. An observer's exception is logged:
 * it never changes the job's stored outcome.
 */
@ApplicationScoped
public class CdiJobEvents implements JobEventSink {

    private static final Logger LOG = Logger.getLogger(CdiJobEvents.class.getName());

    @Inject
    BeanManager beanManager;
    @Inject
    Event<JobCompleted> completed;
    @Inject
    Event<JobFailed> failed;
    @Inject
    Event<JobRetryScheduled> retryScheduled;
    @Inject
    Event<JobStalled> stalled;

    private Observed observedCompleted;
    private Observed observedFailed;
    private Observed observedRetry;
    private Observed observedStalled;

    /** Who observes an event type: synchronous and/or asynchronous observers. */
    private record Observed(boolean sync, boolean async) {
        boolean any() {
            return sync || async;
        }
    }

    @PostConstruct
    void findObservers() {
        observedCompleted = observed(JobCompleted.class);
        observedFailed = observed(JobFailed.class);
        observedRetry = observed(JobRetryScheduled.class);
        observedStalled = observed(JobStalled.class);
    }

    @Override
    public void completed(JobCompleted event) {
        fire(completed, event, observedCompleted);
    }

    @Override
    public boolean observesCompleted() {
        return observedCompleted.any();
    }

    @Override
    public void failed(JobFailed event) {
        fire(failed, event, observedFailed);
    }

    @Override
    public void retryScheduled(JobRetryScheduled event) {
        fire(retryScheduled, event, observedRetry);
    }

    @Override
    public void stalled(JobStalled event) {
        fire(stalled, event, observedStalled);
    }

    private Observed observed(Class<?> type) {
        var observers = beanManager.resolveObserverMethods(dummy(type));
        return new Observed(observers.stream().anyMatch(o -> !o.isAsync()), observers.stream().anyMatch(ObserverMethod::isAsync));
    }

    private static Object dummy(Class<?> type) {
        // resolveObserverMethods needs an instance; a record with null components is enough to resolve by type
        try {
            var constructor = type.getDeclaredConstructors()[0];
            Object[] args = new Object[constructor.getParameterCount()];
            Class<?>[] types = constructor.getParameterTypes();
            for (int i = 0; i < args.length; i++) {
                args[i] = types[i] == int.class ? 0 : null;
            }
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <E> void fire(Event<E> event, E payload, Observed observed) {
        if (observed.sync()) {
            try {
                event.fire(payload);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Managed queue: an observer of " + payload.getClass().getSimpleName() + " failed", e);
            }
        }
        if (observed.async()) {
            event.fireAsync(payload).exceptionally(e -> {
                LOG.log(Level.WARNING, "Managed queue: an asynchronous observer of " + payload.getClass().getSimpleName() + " failed", e);
                return null;
            });
        }
    }
}
