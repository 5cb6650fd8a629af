package io.managedqueue.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.managedqueue.api.JobCompleted;
import io.managedqueue.api.JobRetryScheduled;

/**
 * The counterpart of BullMQ's worker {@code 'completed'} and {@code 'failed'} events: the platform fires
 * {@link JobCompleted} after the outcome is stored in Redis, on the worker thread.
 */
@ApplicationScoped
public class CompletionObserver {

    void completed(@Observes JobCompleted event) {
        Probe.listener.completed();
    }

    void retryScheduled(@Observes JobRetryScheduled event) {
        Probe.listener.retryScheduled();
    }
}
