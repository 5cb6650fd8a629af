package io.managedqueue.api.admin;

import java.util.List;
import java.util.Optional;

import io.managedqueue.api.JobSnapshot;

/**
 * One page of {@link ManagedQueueAdmin#jobs(JobQuery)}.
 *
 * @param jobs       the jobs of this page
 * @param nextCursor pass to {@link JobQuery#after(String)} for the next page; empty on the last page
 */
public record JobPage(List<JobSnapshot> jobs, Optional<String> nextCursor) {

    /** Copies the list. */
    public JobPage {
        jobs = List.copyOf(jobs);
    }
}
