package io.managedqueue.extension.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.ManagedQueueService;

/** Enqueues every {@code EnqueueRequest} fired as a CDI event, on the firing thread, so bad input throws to the caller. */
@ApplicationScoped
public class EnqueueEventObserver {

    @Inject
    ManagedQueueService queue;

    void enqueue(@Observes EnqueueRequest<?> request) {
        queue.enqueue(request);
    }
}
