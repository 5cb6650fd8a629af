package io.managedqueue.admin.json;

/**
 * The answer to a mutation.
 *
 * @param action  what was asked (retry, promote, cancel, pause, resume, retry-all, clean)
 * @param changed whether anything changed (pause of a paused queue: {@code false})
 * @param count   how many jobs were affected
 * @param jobId   the job, for single-job actions; else {@code null}
 */
public record ActionResult(String action, boolean changed, int count, String jobId) {
}
