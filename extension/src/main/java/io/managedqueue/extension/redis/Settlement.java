package io.managedqueue.extension.redis;

/**
 * An ended attempt whose outcome goes to Redis with the worker's next claim ({@code claim-settle.lua}),
 * so settling costs no round trip of its own: a completion, or a failure with what the script needs
 * to retry or fail the job.
 *
 * @param job     the attempt, whose lease the settling must present
 * @param failure how it failed, or {@code null} for a completion
 */
public record Settlement(ClaimedJob job, Failure failure) {

    /**
     * @param error         the error text to keep as the job's last error
     * @param backoffMillis the wait before the next attempt (0: at once), when one is left
     * @param permanent     fail the job now, attempts left or not (no retry can cure it: an unreadable payload)
     * @param trace         the attempt's trace for log lines, {@code ""} when untraced
     */
    public record Failure(String error, long backoffMillis, boolean permanent, String trace) {
    }

    public static Settlement completed(ClaimedJob job) {
        return new Settlement(job, null);
    }

    public static Settlement failed(ClaimedJob job, Failure failure) {
        return new Settlement(job, failure);
    }

    public boolean succeeded() {
        return failure == null;
    }
}
