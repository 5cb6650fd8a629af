package io.managedqueue.extension.engine;

import io.managedqueue.api.JobCompleted;
import io.managedqueue.api.JobFailed;
import io.managedqueue.api.JobRetryScheduled;
import io.managedqueue.api.JobStalled;

/** Where the engine reports job outcomes: CDI events in the container. */
public interface JobEventSink {

    void completed(JobCompleted event);

    /** @return whether anyone listens to completions (the hot path skips building events otherwise) */
    default boolean observesCompleted() {
        return true;
    }

    void failed(JobFailed event);

    void retryScheduled(JobRetryScheduled event);

    void stalled(JobStalled event);
}
