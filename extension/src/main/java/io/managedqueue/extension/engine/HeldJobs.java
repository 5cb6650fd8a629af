package io.managedqueue.extension.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.managedqueue.extension.redis.ClaimedJob;

/**
 * The jobs of one address whose lease this process holds, from claim until their outcome is
 * stored. Added on the dispatcher, removed on the dispatcher or a handler thread, read by the
 * lease keeper, the heartbeat and shutdown: hence a concurrent map.
 */
final class HeldJobs {

    /** By member id ({@code <tenant>|<id>}): what extend-leases.lua reports lost. */
    private final Map<String, ClaimedJob> byMember = new ConcurrentHashMap<>();

    void add(ClaimedJob job) {
        byMember.put(job.ref().member(), job);
    }

    void remove(ClaimedJob job) {
        byMember.remove(job.ref().member());
    }

    int size() {
        return byMember.size();
    }

    boolean isEmpty() {
        return byMember.isEmpty();
    }

    /** @return the jobs held now, by member id, unaffected by later changes */
    Map<String, ClaimedJob> snapshot() {
        return Map.copyOf(byMember);
    }

    /** @return the jobs held now, unaffected by later changes */
    List<ClaimedJob> list() {
        return List.copyOf(byMember.values());
    }

    /** @return whether {@code job} is still held under the same lease (not settled and claimed again meanwhile) */
    boolean holdsLeaseOf(ClaimedJob job) {
        ClaimedJob now = byMember.get(job.ref().member());
        return now != null && now.lease().equals(job.lease());
    }
}
