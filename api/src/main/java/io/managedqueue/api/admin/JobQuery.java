package io.managedqueue.api.admin;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobState;

/**
 * Which jobs {@link ManagedQueueAdmin#jobs(JobQuery)} lists: one logical queue or one address,
 * some states, optionally one tenant, a page size and a cursor. Immutable; each method returns a
 * new query.
 *
 * <pre>
 * admin.jobs(JobQuery.queue("@acme/plugin-wechat", "wechat.outbound").states(JobState.FAILED).limit(50));
 * </pre>
 */
public final class JobQuery {

    /** Default page size. */
    public static final int DEFAULT_LIMIT = 20;
    /** Largest page size. */
    public static final int MAX_LIMIT = 100;

    private final String pluginName;
    private final String queueName;
    private final String jobName;
    private final Set<JobState> states;
    private final String tenantId;
    private final int limit;
    private final String cursor;

    private JobQuery(String pluginName, String queueName, String jobName, Set<JobState> states, String tenantId, int limit,
            String cursor) {
        this.pluginName = pluginName;
        this.queueName = queueName;
        this.jobName = jobName;
        this.states = states;
        this.tenantId = tenantId;
        this.limit = limit;
        this.cursor = cursor;
    }

    /**
     * Every job name of one logical queue, every state, every visible tenant, {@value #DEFAULT_LIMIT} per page.
     *
     * @param pluginName the plugin
     * @param queueName  the queue
     * @return the query
     * @throws IllegalArgumentException naming {@code pluginName} or {@code queueName} when blank or illegal
     */
    public static JobQuery queue(String pluginName, String queueName) {
        JobAddress.of(pluginName, queueName, "-"); // the names obey the address rules
        return new JobQuery(pluginName, queueName, null, EnumSet.allOf(JobState.class), null, DEFAULT_LIMIT, null);
    }

    /**
     * One address only.
     *
     * @param address the address
     * @return the query
     * @throws IllegalArgumentException naming {@code address} when null
     */
    public static JobQuery address(JobAddress address) {
        if (address == null) {
            throw new IllegalArgumentException("address must not be null");
        }
        return new JobQuery(address.pluginName(), address.queueName(), address.jobName(), EnumSet.allOf(JobState.class),
                null, DEFAULT_LIMIT, null);
    }

    /**
     * @param first  a state
     * @param others more states
     * @return the query restricted to these states (default: every state)
     */
    public JobQuery states(JobState first, JobState... others) {
        if (first == null) {
            throw new IllegalArgumentException("states must not contain null");
        }
        EnumSet<JobState> chosen = EnumSet.of(first);
        for (JobState other : others) {
            if (other == null) {
                throw new IllegalArgumentException("states must not contain null");
            }
            chosen.add(other);
        }
        return new JobQuery(pluginName, queueName, jobName, chosen, tenantId, limit, null);
    }

    /**
     * @param states the states; not empty
     * @return the query restricted to these states
     */
    public JobQuery states(Set<JobState> states) {
        if (states == null || states.isEmpty() || states.contains(null)) {
            throw new IllegalArgumentException("states must name at least one state and no null");
        }
        return new JobQuery(pluginName, queueName, jobName, EnumSet.copyOf(states), tenantId, limit, null);
    }

    /**
     * Restricts the listing to one tenant. Inside a tenant scope the caller's own tenant is
     * always applied, and another tenant here is refused.
     *
     * @param tenantId the tenant; {@code null} for every visible tenant (the default)
     * @return the query
     */
    public JobQuery tenant(String tenantId) {
        if (tenantId != null && tenantId.isBlank()) {
            throw new IllegalArgumentException("tenantId must not be blank");
        }
        return new JobQuery(pluginName, queueName, jobName, states, tenantId, limit, cursor);
    }

    /**
     * @param limit page size, 1 to {@value #MAX_LIMIT}; default {@value #DEFAULT_LIMIT}
     * @return the query
     * @throws IllegalArgumentException naming {@code limit} when out of range
     */
    public JobQuery limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
        return new JobQuery(pluginName, queueName, jobName, states, tenantId, limit, cursor);
    }

    /**
     * @param cursor a {@link JobPage#nextCursor()} of the same query; {@code null} for the first page
     * @return the query of the next page
     */
    public JobQuery after(String cursor) {
        return new JobQuery(pluginName, queueName, jobName, states, tenantId, limit, cursor);
    }

    /** @return the plugin */
    public String pluginName() {
        return pluginName;
    }

    /** @return the queue */
    public String queueName() {
        return queueName;
    }

    /** @return the job name, when the query is for one address */
    public Optional<String> jobName() {
        return Optional.ofNullable(jobName);
    }

    /** @return the states listed, in {@link JobState} order */
    public Set<JobState> states() {
        return EnumSet.copyOf(states);
    }

    /** @return the tenant filter */
    public Optional<String> tenantId() {
        return Optional.ofNullable(tenantId);
    }

    /** @return the page size */
    public int limit() {
        return limit;
    }

    /** @return the cursor */
    public Optional<String> cursor() {
        return Optional.ofNullable(cursor);
    }
}
