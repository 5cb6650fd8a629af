/**
 * Internal. The workers: claiming jobs, running their handlers, keeping their leases, and a
 * graceful stop. Plain Java: Redis is reached through {@code redis} ({@code JobStore}, and
 * {@link io.managedqueue.extension.engine.WakeUps} implemented there), the container through
 * {@link io.managedqueue.extension.engine.JobRunner} and
 * {@link io.managedqueue.extension.engine.JobEventSink} implemented in {@code cdi} and
 * {@code events}; {@code EngineDependenciesTest} keeps Redisson and CDI types out.
 *
 * <p>A job's way: {@code AddressWorker} sends a claim through {@code WorkerServices}; the reply
 * comes back on the Redis I/O thread that received it, where the worker launches each claimed job;
 * {@code AttemptRunner} runs it on a handler thread; its outcome, a success or a failure, goes back
 * to the worker from that thread, and the worker's next claim carries it. The worker's monitor
 * guards its state; the dispatcher thread only runs timers.
 * Around that loop, one class per duty: {@code LeaseKeeper} (renewals), {@code ClaimReplyEvents}
 * (completed, retry, failed and stalled events, one handler-thread task per reply), {@code InFlightWork}
 * (what a stop waits for), {@code HandedBackJobs}, {@code WakeUpRouter}, {@code WorkerHeartbeat};
 * {@code JobEngine} builds them, starts and stops them.
 */
package io.managedqueue.extension.engine;
