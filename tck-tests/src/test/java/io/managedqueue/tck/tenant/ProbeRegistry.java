package io.managedqueue.tck.tenant;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** Which {@link RequestProbe} instances exist, which were destroyed, and which job used which. */
@ApplicationScoped
public class ProbeRegistry {

    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private final Set<String> destroyed = ConcurrentHashMap.newKeySet();
    private final Map<String, String> probeByJob = new ConcurrentHashMap<>();

    void created(String probe) {
        created.add(probe);
    }

    void destroyed(String probe) {
        destroyed.add(probe);
    }

    void used(String jobId, String probe) {
        probeByJob.put(jobId, probe);
    }

    /** @return the probes ever created */
    public Set<String> created() {
        return Set.copyOf(created);
    }

    /** @return the probes destroyed so far */
    public Set<String> destroyed() {
        return Set.copyOf(destroyed);
    }

    /**
     * @param jobId a job
     * @return the probe its handler saw, or {@code null}
     */
    public String probeOf(String jobId) {
        return probeByJob.get(jobId);
    }
}
