/**
 * Managed Queues for Jakarta EE: the public API.
 *
 * <p>Plugin and feature code never owns queue infrastructure. It <em>enqueues a logical job</em>
 * addressed by {@code {pluginName, queueName, jobName}} through {@link io.managedqueue.api.ManagedQueueService}
 * and <em>declares a handler</em> for that address with {@link io.managedqueue.api.PluginJobProcessor}
 * on a CDI bean implementing {@link io.managedqueue.api.PluginJobHandler}. The platform owns the
 * Redis connection, the physical queue, workers, retries and backoff, delays, cancellation,
 * retention and locks, and restores the tenant and organization scope around every job.
 *
 * <p>Everything in this package is supported API. Types in {@code io.managedqueue.extension}
 * are internal and may change without notice.
 */
package io.managedqueue.api;
