package io.managedqueue.api.admin;

import java.time.Instant;

/**
 * Fired (synchronously, then asynchronously) after every admin mutation that was carried out,
 * for audit trails. Observe with {@code @Observes} or {@code @ObservesAsync}.
 *
 * @param action     what was done
 * @param principal  the caller's principal name when the container knows one, else {@code null}
 * @param pluginName the queue's plugin
 * @param queueName  the queue
 * @param jobId      the job, for single-job actions; {@code null} for queue-wide ones
 * @param count      how many jobs were affected (1 for a single job; 0 for pause/resume)
 * @param at         when
 */
public record AdminActionEvent(Action action, String principal, String pluginName, String queueName, String jobId,
                               int count, Instant at) {

    /** The admin mutations. */
    public enum Action {
        RETRY, RETRY_ALL, PROMOTE, CANCEL, CLEAN, PAUSE, RESUME, RECOUNT
    }
}
