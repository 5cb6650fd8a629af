package io.managedqueue.extension.tx;

import io.managedqueue.extension.redis.PreparedJob;

/**
 * A job left in the outbox.
 *
 * @param rowId its row's key
 * @param job   the job, its delay counted from now
 */
record OutboxRow(String rowId, PreparedJob job) {
}
