package io.managedqueue.tck.support;

import static io.managedqueue.tck.support.Waits.eventually;

import java.util.List;

import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;

/** Bounded waits on what the platform reports and what the handlers saw. */
public final class Jobs {

    private Jobs() {
    }

    /**
     * Waits until a job reaches a state, as {@link ManagedQueueService#getJob(String)} reports it
     * to the calling thread.
     *
     * @param queue the service
     * @param jobId the job
     * @param state the state to reach
     * @return the snapshot in that state
     */
    public static JobSnapshot awaitState(ManagedQueueService queue, String jobId, JobState state) {
        return eventually()
                .alias("job " + jobId + " reaches " + state)
                .until(() -> queue.getJob(jobId).orElse(null), s -> s != null && s.state() == state);
    }

    /**
     * Waits until the handlers were called for a job at least {@code count} times.
     *
     * @param log   the deployment's log
     * @param jobId the job
     * @param count how many calls to wait for
     * @return the calls, in order
     */
    public static List<JobLog.Call> awaitCalls(JobLog log, String jobId, int count) {
        return eventually()
                .alias(count + " handler call(s) for job " + jobId)
                .until(() -> log.callsFor(jobId), calls -> calls.size() >= count);
    }
}
