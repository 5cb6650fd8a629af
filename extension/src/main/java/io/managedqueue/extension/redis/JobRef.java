package io.managedqueue.extension.redis;

/**
 * A parsed platform job id: {@code <plugin>|<queue>|<tenant>|<localId>}, the tenant empty for
 * system-wide jobs. None of the parts may contain {@code '|'}, so the split is unambiguous, and
 * equal local ids of different plugins, queues or tenants never name the same job.
 *
 * @param pluginName the plugin
 * @param queueName  the logical queue
 * @param tenant     the tenant, empty for a system-wide job
 * @param localId    the caller's job id or a generated one
 */
public record JobRef(String pluginName, String queueName, String tenant, String localId) {

    public static final String SEPARATOR = "|";

    /** @return the id callers hold */
    public String publicId() {
        return pluginName + SEPARATOR + queueName + SEPARATOR + tenant + SEPARATOR + localId;
    }

    /** @return the job's member id in its address's lists and sets: {@code <tenant>|<localId>} */
    public String member() {
        return tenant + SEPARATOR + localId;
    }

    /**
     * @param jobId a public id
     * @return the parsed reference
     * @throws IllegalArgumentException naming {@code jobId} when it is not a platform job id
     */
    public static JobRef parse(String jobId) {
        if (jobId == null || jobId.isBlank()) {
            throw new IllegalArgumentException("jobId must not be blank");
        }
        String[] parts = jobId.split("\\|", -1);
        if (parts.length != 4 || parts[0].isEmpty() || parts[1].isEmpty() || parts[3].isEmpty()) {
            throw new IllegalArgumentException("jobId is not a platform job id (plugin|queue|tenant|id, as returned by enqueue): " + jobId);
        }
        return new JobRef(parts[0], parts[1], parts[2], parts[3]);
    }

    /**
     * @param pluginName the plugin
     * @param queueName  the queue
     * @param member     a member id {@code <tenant>|<localId>} as the scripts return it
     * @return the reference
     */
    public static JobRef ofMember(String pluginName, String queueName, String member) {
        int bar = member.indexOf('|');
        return new JobRef(pluginName, queueName, member.substring(0, bar), member.substring(bar + 1));
    }
}
