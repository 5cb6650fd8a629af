package io.managedqueue.admin.json;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.managedqueue.api.admin.WorkerView;

/**
 * A live worker process.
 *
 * @param id                 its id
 * @param host               its host
 * @param startedAt          when its workers started
 * @param lastHeartbeat      when it last reported
 * @param heartbeatAgeMillis how long ago that was, by this server's clock
 * @param addresses          what it handles
 */
public record WorkerJson(String id, String host, Instant startedAt, Instant lastHeartbeat, long heartbeatAgeMillis,
                         List<Address> addresses) {

    /**
     * @param plugin      the plugin
     * @param queue       the queue
     * @param job         the job name
     * @param concurrency the worker's concurrency for it
     * @param busy        slots busy at the last heartbeat
     */
    public record Address(String plugin, String queue, String job, int concurrency, int busy) {
    }

    /**
     * @param view the platform's view
     * @param now  the present
     * @return its JSON form
     */
    public static WorkerJson of(WorkerView view, Instant now) {
        List<Address> addresses = view.addresses().stream()
                .map(a -> new Address(a.address().pluginName(), a.address().queueName(), a.address().jobName(),
                        a.concurrency(), a.busy()))
                .toList();
        return new WorkerJson(view.id(), view.host(), view.startedAt(), view.lastHeartbeat(),
                Math.max(0, Duration.between(view.lastHeartbeat(), now).toMillis()), addresses);
    }
}
