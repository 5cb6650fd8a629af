package io.managedqueue.reliability.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.managedqueue.reliability.worker.Recorder;
import io.managedqueue.testing.Resp;

/**
 * What the handlers recorded in Redis ({@link Recorder}): every execution of every job, by which
 * worker incarnation and when (Redis clock, ms), plus tenant mismatches.
 */
public final class Executions {

    /** One execution start. */
    public record Run(String incarnation, long atMillis) {
    }

    private final Map<String, List<Run>> history;
    private final Map<String, String> mismatches;
    private final List<Object> mismatchSamples;

    private Executions(Map<String, List<Run>> history, Map<String, String> mismatches, List<Object> samples) {
        this.history = history;
        this.mismatches = mismatches;
        this.mismatchSamples = samples;
    }

    /** Reads everything recorded so far. */
    public static Executions read(Resp redis) {
        Map<String, List<Run>> history = new HashMap<>();
        redis.hash(Recorder.HISTORY).forEach((jobId, text) -> {
            List<Run> runs = new ArrayList<>(2);
            for (String entry : text.split(",")) {
                if (!entry.isEmpty()) {
                    int at = entry.lastIndexOf('@');
                    runs.add(new Run(entry.substring(0, at), Long.parseLong(entry.substring(at + 1))));
                }
            }
            history.put(jobId, runs);
        });
        return new Executions(history, redis.hash(Recorder.MISMATCH), redis.list("LRANGE", Recorder.MISMATCH_SAMPLES, "0", "-1"));
    }

    /** @return the total of executions recorded (a cheap counter) */
    public static long total(Resp redis) {
        String v = redis.string("GET", Recorder.TOTAL);
        return v == null ? 0 : Long.parseLong(v);
    }

    /** @return executions recorded by one incarnation so far */
    public static long byWorker(Resp redis, String incarnation) {
        String v = redis.string("HGET", Recorder.BY_WORKER, incarnation);
        return v == null ? 0 : Long.parseLong(v);
    }

    public List<Run> runs(String jobId) {
        return history.getOrDefault(jobId, List.of());
    }

    public Map<String, List<Run>> all() {
        return history;
    }

    /** @return how many jobs ran more than once */
    public long jobsRunMoreThanOnce() {
        return history.values().stream().filter(r -> r.size() > 1).count();
    }

    /** @return executions beyond the first, over all jobs */
    public long extraRuns() {
        return history.values().stream().mapToLong(r -> r.size() - 1L).sum();
    }

    /** @return the total of tenant/scope mismatches, by kind */
    public Map<String, String> mismatches() {
        return mismatches;
    }

    public long mismatchTotal() {
        return mismatches.values().stream().mapToLong(Long::parseLong).sum();
    }

    public List<Object> mismatchSamples() {
        return mismatchSamples;
    }
}
