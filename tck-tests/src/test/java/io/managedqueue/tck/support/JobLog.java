package io.managedqueue.tck.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;

import io.managedqueue.api.JobAddress;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.TenantContext;

/**
 * What the handlers of a deployment saw, in call order: every test's handlers write here and
 * the test reads it. Application-scoped, so a deployment starts with an empty log.
 */
@ApplicationScoped
public class JobLog {

    /**
     * One handler call.
     *
     * @param jobId               {@link ManagedQueueJob#id()}
     * @param address             {@link ManagedQueueJob#address()}
     * @param data                the typed payload as the handler received it
     * @param jobTenant           {@link ManagedQueueJob#tenantId()}
     * @param jobOrganization     {@link ManagedQueueJob#organizationId()}
     * @param scopeKey            {@link ManagedQueueJob#scopeKey()}
     * @param contextTenant       {@link TenantContext#tenantId()} inside the handler
     * @param contextOrganization {@link TenantContext#organizationId()} inside the handler
     * @param contextUser         {@link TenantContext#userId()} inside the handler
     * @param attemptsMade        {@link ManagedQueueJob#attemptsMade()}
     * @param maxAttempts         {@link ManagedQueueJob#maxAttempts()}
     * @param finalAttempt        {@link ManagedQueueJob#isFinalAttempt()}
     * @param enqueuedAt          {@link ManagedQueueJob#enqueuedAt()}
     * @param startedAt           when the handler was entered (this JVM's clock, in whole milliseconds like
     *                            the platform's own timestamps, so the two compare without rounding noise)
     * @param thread              the name of the thread the handler ran on
     * @param threadKnowsTheApplication whether {@code CDI.current()} and the thread's context class
     *                            loader reach this application from the handler's thread (on a Jakarta EE
     *                            server that needs a container-managed thread)
     */
    public record Call(String jobId, JobAddress address, Object data, String jobTenant, String jobOrganization,
                       Optional<String> scopeKey, Optional<String> contextTenant, Optional<String> contextOrganization,
                       Optional<String> contextUser, int attemptsMade, int maxAttempts, boolean finalAttempt,
                       Instant enqueuedAt, Instant startedAt, String thread, boolean threadKnowsTheApplication) {

        /** @return the job name of the call */
        public String jobName() {
            return address.jobName();
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    /**
     * Records a call; handlers call this first thing.
     *
     * @param job    the job handed to the handler
     * @param tenant the handler's injected {@link TenantContext}
     * @return the recorded call
     */
    public Call record(ManagedQueueJob<?> job, TenantContext tenant) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Call call = new Call(job.id(), job.address(), job.data(), job.tenantId(), job.organizationId(), job.scopeKey(),
                tenant.tenantId(), tenant.organizationId(), tenant.userId(), job.attemptsMade(), job.maxAttempts(),
                job.isFinalAttempt(), job.enqueuedAt(), now, Thread.currentThread().getName(), threadKnowsTheApplication());
        calls.add(call);
        return call;
    }

    private boolean threadKnowsTheApplication() {
        try {
            ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
            return contextLoader != null
                    && Class.forName(JobLog.class.getName(), false, contextLoader) == JobLog.class
                    && CDI.current().select(JobLog.class).get().identity() == calls;
        } catch (RuntimeException | ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** @return an object unique to this bean instance (called through a client proxy, unlike a field read) */
    Object identity() {
        return calls;
    }

    /** @return every call so far, in order */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /**
     * @param jobId a platform job id
     * @return the calls for that job, in order
     */
    public List<Call> callsFor(String jobId) {
        return calls.stream().filter(c -> c.jobId().equals(jobId)).toList();
    }

    /**
     * @param jobId a platform job id
     * @return how many times a handler was called for it
     */
    public int count(String jobId) {
        return callsFor(jobId).size();
    }
}
