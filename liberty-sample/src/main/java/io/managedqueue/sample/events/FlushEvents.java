package io.managedqueue.sample.events;

/**
 * The payload of a {@code flush} job.
 *
 * @param integrationId the integration whose window to flush
 * @param version       the window's version when the job was enqueued; a later event makes the job stale
 */
public record FlushEvents(String integrationId, long version) {
}
