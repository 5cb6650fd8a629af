package io.managedqueue.admin.json;

/**
 * The body of the queue-wide mutations ({@code POST queue/pause}, {@code resume}, {@code retry-all}, {@code clean}).
 *
 * @param plugin           the plugin
 * @param queue            the queue
 * @param state            retry-all: {@code FAILED} (default) or {@code CANCELLED}; clean: {@code COMPLETED},
 *                         {@code FAILED} or {@code CANCELLED} (required)
 * @param limit            retry-all and clean: at most this many jobs (default 1000)
 * @param olderThanSeconds clean: only jobs that finished at least this long ago (default 0: all)
 */
public record QueueAction(String plugin, String queue, String state, Integer limit, Long olderThanSeconds) {
}
