package io.managedqueue.tck.events;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import io.managedqueue.api.JobCompleted;
import io.managedqueue.api.JobFailed;
import io.managedqueue.api.JobRetryScheduled;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;

/** Observes every life-cycle event both ways, synchronously and asynchronously. */
@ApplicationScoped
public class LifecycleObserver {

    @Inject
    ManagedQueueService queue;

    private final List<Object> sync = new CopyOnWriteArrayList<>();
    private final List<Object> async = new CopyOnWriteArrayList<>();
    private final Map<String, Object> stateSeenOnCompletion = new ConcurrentHashMap<>();

    void completed(@Observes JobCompleted event) {
        // The event promises the completion is already stored: the job must read as COMPLETED.
        try {
            stateSeenOnCompletion.put(event.jobId(), queue.getJob(event.jobId()).map(s -> (Object) s.state()).orElse("absent"));
        } catch (RuntimeException e) {
            stateSeenOnCompletion.put(event.jobId(), e.toString());
        }
        sync.add(event);
    }

    void completedAsync(@ObservesAsync JobCompleted event) {
        async.add(event);
    }

    void retryScheduled(@Observes JobRetryScheduled event) {
        sync.add(event);
    }

    void retryScheduledAsync(@ObservesAsync JobRetryScheduled event) {
        async.add(event);
    }

    void failed(@Observes JobFailed event) {
        sync.add(event);
    }

    void failedAsync(@ObservesAsync JobFailed event) {
        async.add(event);
    }

    /**
     * @param type  the event type
     * @param jobId the job
     * @param <E>   the event type
     * @return the synchronously observed events of that type for that job
     */
    public <E> List<E> sync(Class<E> type, String jobId) {
        return filter(sync, type, jobId);
    }

    /**
     * @param type  the event type
     * @param jobId the job
     * @param <E>   the event type
     * @return the asynchronously observed events of that type for that job
     */
    public <E> List<E> async(Class<E> type, String jobId) {
        return filter(async, type, jobId);
    }

    /**
     * @param jobId a completed job
     * @return its state as read by the synchronous {@code JobCompleted} observer
     */
    public Object stateSeenOnCompletion(String jobId) {
        return stateSeenOnCompletion.get(jobId);
    }

    private static <E> List<E> filter(List<Object> events, Class<E> type, String jobId) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(e -> jobId.equals(jobIdOf(e))).toList();
    }

    private static String jobIdOf(Object event) {
        if (event instanceof JobCompleted e) {
            return e.jobId();
        }
        if (event instanceof JobRetryScheduled e) {
            return e.jobId();
        }
        if (event instanceof JobFailed e) {
            return e.jobId();
        }
        return null;
    }
}
