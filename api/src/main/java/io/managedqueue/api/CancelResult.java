package io.managedqueue.api;

import java.util.Optional;

/**
 * What {@link ManagedQueueService#cancel(String)} did. Only a job that has not started
 * ({@link JobState#WAITING} or {@link JobState#DELAYED}) can be cancelled.
 *
 * @param success whether the job is now {@link JobState#CANCELLED} because of this call
 * @param state   the job's state after the call, or {@code null} when there is no such job
 * @param reason  why it failed; {@code null} on success
 */
public record CancelResult(boolean success, JobState state, Reason reason) {

    /** Why a cancel did not succeed. */
    public enum Reason {
        /** No such job: never existed, already removed by retention, or another tenant's job. */
        NOT_FOUND,
        /** The job is running; it is not interrupted. */
        ACTIVE,
        /** The job already completed. */
        COMPLETED,
        /** The job already failed for good. */
        FAILED,
        /** The job was already cancelled. */
        ALREADY_CANCELLED
    }

    /** @return a successful result */
    public static CancelResult cancelled() {
        return new CancelResult(true, JobState.CANCELLED, null);
    }

    /**
     * @param state  the job's state, or {@code null} when not found
     * @param reason why it failed
     * @return a failed result
     */
    public static CancelResult refused(JobState state, Reason reason) {
        return new CancelResult(false, state, reason);
    }

    /** @return the reason as an Optional */
    public Optional<Reason> failureReason() {
        return Optional.ofNullable(reason);
    }
}
