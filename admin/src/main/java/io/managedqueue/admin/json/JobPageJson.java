package io.managedqueue.admin.json;

import java.util.List;

/**
 * One page of jobs.
 *
 * @param jobs       the jobs
 * @param nextCursor the {@code cursor} parameter of the next page, or {@code null} on the last page
 */
public record JobPageJson(List<JobJson> jobs, String nextCursor) {
}
