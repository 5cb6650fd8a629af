package io.managedqueue.extension.redis;

import java.time.Duration;
import java.util.UUID;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.Deduplication;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobScope;
import io.managedqueue.api.Retention;

/**
 * Test data builder for {@link PreparedJob}s, as {@code ManagedQueueServiceImpl} prepares them.
 * Defaults: job {@code work} of {@link StoreFixture#PLUGIN}/{@link StoreFixture#QUEUE}, tenant
 * {@code t1}, a random id, no delay, 3 attempts without backoff, finished jobs kept (so the tests
 * can read their final state).
 */
final class PreparedJobBuilder {

    private String jobName = "work";
    private String tenant = "t1";
    private String id = UUID.randomUUID().toString();
    private Duration delay = Duration.ZERO;
    private int attempts = 3;
    private Backoff backoff = Backoff.none();
    private Retention onComplete = Retention.keepAll();
    private Retention onFail = Retention.keepAll();
    private int priority;
    private String rateLimitKey;
    private Deduplication deduplication;

    private PreparedJobBuilder() {
    }

    static PreparedJobBuilder aJob() {
        return new PreparedJobBuilder();
    }

    PreparedJobBuilder named(String name) {
        this.jobName = name;
        return this;
    }

    PreparedJobBuilder ofTenant(String tenantId) {
        this.tenant = tenantId;
        return this;
    }

    PreparedJobBuilder withId(String localId) {
        this.id = localId;
        return this;
    }

    PreparedJobBuilder delayed(Duration by) {
        this.delay = by;
        return this;
    }

    PreparedJobBuilder attempts(int max, Backoff between) {
        this.attempts = max;
        this.backoff = between;
        return this;
    }

    PreparedJobBuilder removeOnComplete(Retention retention) {
        this.onComplete = retention;
        return this;
    }

    PreparedJobBuilder removeOnFail(Retention retention) {
        this.onFail = retention;
        return this;
    }

    PreparedJobBuilder priority(int value) {
        this.priority = value;
        return this;
    }

    PreparedJobBuilder rateLimitKey(String key) {
        this.rateLimitKey = key;
        return this;
    }

    PreparedJobBuilder deduplicatedBy(Deduplication rule) {
        this.deduplication = rule;
        return this;
    }

    JobAddress address() {
        return new JobAddress(StoreFixture.PLUGIN, StoreFixture.QUEUE, jobName);
    }

    PreparedJob build() {
        JobAddress address = address();
        JobRef ref = new JobRef(address.pluginName(), address.queueName(), tenant, id);
        return new PreparedJob(ref, address, delay.toMillis(), new JobFields(address)
                .scope(tenant.isEmpty() ? JobScope.systemWide() : JobScope.of(tenant, "org-of-" + tenant))
                .payload("{\"n\":1}")
                .attempts(attempts, backoff)
                .retention(onComplete, onFail)
                .priority(priority)
                .rateLimitKey(rateLimitKey)
                .pairs(), deduplication);
    }
}
