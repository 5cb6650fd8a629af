package io.managedqueue.extension.admin;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.api.admin.AdminActionEvent.Action;
import io.managedqueue.api.admin.JobPage;
import io.managedqueue.api.admin.JobQuery;
import io.managedqueue.api.admin.ManagedQueueAdmin;
import io.managedqueue.api.admin.QueueView;
import io.managedqueue.api.admin.WorkerView;
import io.managedqueue.extension.redis.AdminStore;
import io.managedqueue.extension.redis.JobRef;
import io.managedqueue.extension.redis.JobStore;
import io.managedqueue.extension.redis.QueueName;
import io.managedqueue.extension.redis.WorkerRegistry;

/**
 * The operators' API over the stores, for one way of seeing tenants: the caller's scope (the
 * CDI bean) or none ({@link #withoutTenantScope()}). Validates everything before the first write.
 */
final class AdminOperations implements ManagedQueueAdmin {

    /** Jobs one retry-all or clean script call handles at most: bulk work never blocks Redis for long. */
    static final int BATCH = 1000;
    private static final Set<JobState> RETRYABLE = EnumSet.of(JobState.FAILED, JobState.CANCELLED);
    private static final Set<JobState> CLEANABLE = EnumSet.of(JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED);

    private final JobStore jobs;
    private final AdminStore store;
    private final WorkerRegistry workers;
    private final JobListing listing;
    /** The caller's tenant, {@code ""} outside any tenant scope. */
    private final Supplier<String> tenantScope;
    private final AdminAudit audit;
    private final AdminOperations unscoped;

    /** The view through the caller's tenant scope, with its unscoped twin. */
    AdminOperations(JobStore jobs, AdminStore store, WorkerRegistry workers, Supplier<String> tenantScope, AdminAudit audit) {
        this(jobs, store, workers, tenantScope, audit, new AdminOperations(jobs, store, workers, audit));
    }

    /** The unscoped view: every tenant visible; it is its own {@link #withoutTenantScope()}. */
    private AdminOperations(JobStore jobs, AdminStore store, WorkerRegistry workers, AdminAudit audit) {
        this(jobs, store, workers, () -> "", audit, null);
    }

    private AdminOperations(JobStore jobs, AdminStore store, WorkerRegistry workers, Supplier<String> tenantScope,
            AdminAudit audit, AdminOperations unscoped) {
        this.jobs = jobs;
        this.store = store;
        this.workers = workers;
        this.listing = new JobListing(store, jobs.keys());
        this.tenantScope = tenantScope;
        this.audit = audit;
        this.unscoped = unscoped == null ? this : unscoped;
    }

    @Override
    public List<QueueView> queues() {
        return queues(null);
    }

    @Override
    public List<QueueView> queues(String tenantId) {
        String tenant = visibleTenant(tenantId);
        Map<QueueName, List<String>> queues = QueueViews.byQueue(jobs.knownAddresses());
        return QueueViews.views(store.queueStats(queues, tenant), workers.live());
    }

    @Override
    public QueueView queue(String pluginName, String queueName) {
        KnownQueue known = requireQueue(pluginName, queueName);
        QueueName queue = known.name();
        return QueueViews.view(queue, store.queueStats(Map.of(queue, known.jobNames()), tenantScope.get()).get(queue),
                workers.live());
    }

    @Override
    public JobPage jobs(JobQuery query) {
        if (query == null) {
            throw new IllegalArgumentException("query must not be null");
        }
        String tenant = visibleTenant(query.tenantId().orElse(null));
        KnownQueue known = requireQueue(query.pluginName(), query.queueName());
        List<String> names = known.jobNames();
        if (query.jobName().isPresent() && !names.contains(query.jobName().get())) {
            throw new IllegalArgumentException("jobName: the queue " + known.name() + " has no job " + query.jobName().get());
        }
        return listing.page(query, query.jobName().map(List::of).orElse(names), tenant);
    }

    @Override
    public Optional<JobSnapshot> job(String jobId) {
        JobRef ref = visibleRef(jobId);
        if (ref == null) {
            return Optional.empty();
        }
        return jobs.readWithLog(ref, tenantScope.get());
    }

    @Override
    public boolean retry(String jobId) {
        return singleJob(jobId, Action.RETRY, RETRYABLE, store::retry);
    }

    @Override
    public boolean promote(String jobId) {
        return singleJob(jobId, Action.PROMOTE, EnumSet.of(JobState.DELAYED), store::promote);
    }

    @Override
    public boolean cancel(String jobId) {
        JobRef ref = visibleRef(jobId);
        if (ref == null || !"CANCELLED".equals(jobs.cancel(ref, tenantScope.get()))) {
            return false;
        }
        audit.fire(Action.CANCEL, QueueName.of(ref), ref.publicId(), 1);
        return true;
    }

    private boolean singleJob(String jobId, Action action, Set<JobState> from,
            java.util.function.BiFunction<JobRef, String, String> transition) {
        JobRef ref = visibleRef(jobId);
        if (ref == null) {
            return false;
        }
        String was = transition.apply(ref, tenantScope.get());
        if (was.isEmpty() || !from.contains(JobState.valueOf(was))) {
            return false;
        }
        audit.fire(action, QueueName.of(ref), ref.publicId(), 1);
        return true;
    }

    @Override
    public int retryAll(String pluginName, String queueName, JobState state, int limit) {
        requireUnscoped("retryAll");
        requireState(state, RETRYABLE, "FAILED or CANCELLED");
        requireLimit(limit);
        KnownQueue known = requireQueue(pluginName, queueName);
        QueueName queue = known.name();
        int moved = inBatches(known, limit, (address, offset, max) -> store.retryAllBatch(address, state, offset, max));
        audit.fire(Action.RETRY_ALL, queue, null, moved);
        return moved;
    }

    @Override
    public int clean(String pluginName, String queueName, JobState state, Duration olderThan, int limit) {
        requireUnscoped("clean");
        requireState(state, CLEANABLE, "COMPLETED, FAILED or CANCELLED");
        if (olderThan == null || olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan must be zero or positive, was " + olderThan);
        }
        requireLimit(limit);
        KnownQueue known = requireQueue(pluginName, queueName);
        QueueName queue = known.name();
        int removed = inBatches(known, limit,
                (address, offset, max) -> store.cleanBatch(address, state, olderThan.toMillis(), offset, max));
        audit.fire(Action.CLEAN, queue, null, removed);
        return removed;
    }

    /** One bulk operation over each address of a queue, {@link #BATCH} jobs per script call, until {@code limit}. */
    private int inBatches(KnownQueue queue, int limit, BatchStep step) {
        int done = 0;
        for (String job : queue.jobNames()) {
            JobAddress address = queue.name().address(job);
            int skipped = 0;
            while (done < limit) {
                int max = Math.min(BATCH, limit - done);
                long[] r = step.run(address, skipped, max);
                done += (int) r[0];
                skipped += (int) r[1];
                if (r[2] < max) {
                    break; // nothing more of this address
                }
            }
        }
        return done;
    }

    @FunctionalInterface
    private interface BatchStep {
        /** @return {done, skipped, looked at} */
        long[] run(JobAddress address, int offset, int max);
    }

    @Override
    public boolean pause(String pluginName, String queueName) {
        requireUnscoped("pause");
        KnownQueue known = requireQueue(pluginName, queueName);
        QueueName queue = known.name();
        boolean changed = store.pause(queue);
        if (changed) {
            audit.fire(Action.PAUSE, queue, null, 0);
        }
        return changed;
    }

    @Override
    public boolean resume(String pluginName, String queueName) {
        requireUnscoped("resume");
        KnownQueue known = requireQueue(pluginName, queueName);
        QueueName queue = known.name();
        List<JobAddress> addresses = known.jobNames().stream().map(queue::address).toList();
        boolean changed = store.resume(queue, addresses);
        if (changed) {
            audit.fire(Action.RESUME, queue, null, 0);
        }
        return changed;
    }

    @Override
    public List<WorkerView> workers() {
        requireUnscoped("workers");
        return workers.live();
    }

    @Override
    public int recount(String pluginName, String queueName) {
        requireUnscoped("recount");
        KnownQueue known = requireQueue(pluginName, queueName);
        QueueName queue = known.name();
        int corrected = 0;
        for (String job : known.jobNames()) {
            corrected += store.recount(queue.address(job));
        }
        audit.fire(Action.RECOUNT, queue, null, corrected);
        return corrected;
    }

    @Override
    public ManagedQueueAdmin withoutTenantScope() {
        return unscoped;
    }

    /** The tenant whose jobs a read shows: the caller's own in a tenant scope, else the filter ({@code ""}: all). */
    private String visibleTenant(String filter) {
        String scope = tenantScope.get();
        if (scope.isEmpty()) {
            return filter == null ? "" : filter;
        }
        if (filter != null && !filter.equals(scope)) {
            throw new IllegalStateException("tenantId: inside the scope of tenant " + scope + " only its own jobs are visible");
        }
        return scope;
    }

    /** @return the job, or {@code null} when it is another tenant's (reported as not found, never as refused) */
    private JobRef visibleRef(String jobId) {
        JobRef ref = JobRef.parse(jobId);
        String scope = tenantScope.get();
        return scope.isEmpty() || scope.equals(ref.tenant()) ? ref : null;
    }

    private void requireUnscoped(String operation) {
        String scope = tenantScope.get();
        if (!scope.isEmpty()) {
            throw new IllegalStateException(operation + " acts on every tenant's jobs and is refused inside the scope of tenant "
                    + scope);
        }
    }

    /** A queue this Redis holds, with its job names: one read of the address set per operation. */
    private record KnownQueue(QueueName name, List<String> jobNames) {
    }

    private KnownQueue requireQueue(String pluginName, String queueName) {
        JobAddress.of(pluginName, queueName, "-"); // blank or illegal names are refused, naming the field
        QueueName queue = new QueueName(pluginName, queueName);
        List<String> jobNames = jobs.knownAddresses().stream().filter(queue::contains).map(JobAddress::jobName).sorted().toList();
        if (jobNames.isEmpty()) {
            throw new IllegalArgumentException("queueName: this Redis holds no queue " + queue);
        }
        return new KnownQueue(queue, jobNames);
    }

    private static void requireState(JobState state, Set<JobState> allowed, String expected) {
        if (state == null || !allowed.contains(state)) {
            throw new IllegalArgumentException("state must be " + expected + ", was " + state);
        }
    }

    private static void requireLimit(int limit) {
        if (limit < 1 || limit > MAX_BULK_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_BULK_LIMIT + ", was " + limit);
        }
    }
}
