/**
 * Internal. Schedules: declared ({@code @Scheduled}) and programmatic ones stored in Redis, and
 * the scheduler of each worker process that fires their ticks. A tick's job is created by
 * {@code enqueue.lua} guarded by the schedule hash's {@code ticks} field, so across any number of
 * processes exactly one job is created per tick.
 */
package io.managedqueue.extension.schedule;
