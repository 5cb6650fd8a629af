package io.managedqueue.tck.retry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.managedqueue.api.JobCompleted;
import io.managedqueue.api.JobFailed;
import io.managedqueue.api.JobRetryScheduled;

/** The life-cycle events of this deployment's jobs. */
@ApplicationScoped
public class RetryEvents {

    private final List<JobRetryScheduled> retries = new CopyOnWriteArrayList<>();
    private final List<JobFailed> failures = new CopyOnWriteArrayList<>();
    private final List<JobCompleted> completions = new CopyOnWriteArrayList<>();

    void retryScheduled(@Observes JobRetryScheduled event) {
        retries.add(event);
    }

    void failed(@Observes JobFailed event) {
        failures.add(event);
    }

    void completed(@Observes JobCompleted event) {
        completions.add(event);
    }

    /**
     * @param jobId a job
     * @return its retry events, in order
     */
    public List<JobRetryScheduled> retries(String jobId) {
        return retries.stream().filter(e -> e.jobId().equals(jobId)).toList();
    }

    /**
     * @param jobId a job
     * @return its final-failure events
     */
    public List<JobFailed> failures(String jobId) {
        return failures.stream().filter(e -> e.jobId().equals(jobId)).toList();
    }

    /**
     * @param jobId a job
     * @return its completion events
     */
    public List<JobCompleted> completions(String jobId) {
        return completions.stream().filter(e -> e.jobId().equals(jobId)).toList();
    }
}
