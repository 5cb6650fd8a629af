package io.managedqueue.reliability.support;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.testing.Resp;

/** Reads the state of every job through the public API, and the platform's ACTIVE sets through Redis. */
public final class JobChecks {

    /** The state of a job that getJob no longer finds. */
    public static final String MISSING = "MISSING";

    private JobChecks() {
    }

    /** @return each job's state name ({@link #MISSING} when unknown), in the order given */
    public static Map<String, String> states(ManagedQueueService queue, Collection<String> jobIds) {
        Map<String, String> states = new LinkedHashMap<>();
        for (String id : jobIds) {
            Optional<JobSnapshot> s = queue.getJob(id);
            states.put(id, s.map(j -> j.state().name()).orElse(MISSING));
        }
        return states;
    }

    /** @return how many jobs are in each state */
    public static Map<String, Long> tally(Map<String, String> states) {
        Map<String, Long> tally = new TreeMap<>();
        states.values().forEach(s -> tally.merge(s, 1L, Long::sum));
        return tally;
    }

    /** @return the ids whose state does not satisfy the predicate */
    public static List<String> not(Map<String, String> states, Predicate<String> ok) {
        return states.entrySet().stream().filter(e -> !ok.test(e.getValue())).map(Map.Entry::getKey).toList();
    }

    /** @return whether every job is COMPLETED (stops at the first that is not) */
    public static boolean allCompleted(ManagedQueueService queue, List<String> jobIds) {
        for (int i = jobIds.size() - 1; i >= 0; i--) { // the newest are the likeliest still running
            Optional<JobSnapshot> s = queue.getJob(jobIds.get(i));
            if (s.isEmpty() || s.get().state() != JobState.COMPLETED) {
                return false;
            }
        }
        return true;
    }

    /**
     * The members of the platform's ACTIVE sets ({@code <prefix>:{plugin|queue}:active:<job>}): a job
     * there is held under a lease. Internal key layout, read for the report only: the tests assert on
     * every job's state through the API.
     */
    public static long activeLeases(Resp redis, String keyPrefix) {
        long total = 0;
        for (String key : redis.scan(keyPrefix + ":*:active:*")) {
            total += redis.number("ZCARD", key);
        }
        return total;
    }
}
