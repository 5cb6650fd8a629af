package io.managedqueue.api.admin;

import java.time.Instant;
import java.util.List;

import io.managedqueue.api.JobAddress;

/**
 * One live process running workers.
 *
 * @param id            the process's unique id (fresh at each start)
 * @param host          its host name
 * @param startedAt     when its workers started
 * @param lastHeartbeat when it last reported
 * @param addresses     the addresses it handles, with their concurrency and busy slots at the last heartbeat
 */
public record WorkerView(String id, String host, Instant startedAt, Instant lastHeartbeat, List<HandledAddress> addresses) {

    /** Copies the list. */
    public WorkerView {
        addresses = List.copyOf(addresses);
    }

    /**
     * @param address     the job address
     * @param concurrency its concurrency in that process
     * @param busy        slots running a job at the last heartbeat
     */
    public record HandledAddress(JobAddress address, int concurrency, int busy) {
    }
}
