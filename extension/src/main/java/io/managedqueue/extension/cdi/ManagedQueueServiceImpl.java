package io.managedqueue.extension.cdi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.redisson.api.RedissonClient;

import io.managedqueue.api.CancelResult;
import io.managedqueue.api.ChildFailure;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.FlowRequest;
import io.managedqueue.api.FlowResult;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobScope;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.ScheduleInfo;
import io.managedqueue.api.ScheduleSpec;
import io.managedqueue.extension.enqueue.JobPreparer;
import io.managedqueue.extension.redis.EnqueuePipeline;
import io.managedqueue.extension.redis.JobRef;
import io.managedqueue.extension.redis.PreparedJob;
import io.managedqueue.extension.redis.QueueName;
import io.managedqueue.extension.schedule.ScheduleIds;
import io.managedqueue.extension.telemetry.QueueTelemetry;
import io.managedqueue.extension.telemetry.TelemetrySource;
import io.managedqueue.extension.tx.DeferredFlow;
import io.managedqueue.extension.tx.PendingWrites;
import io.managedqueue.extension.tx.TransactionJoin;
import io.managedqueue.extension.tx.TransactionSupport;

/** The platform's {@link ManagedQueueService}: validates and captures on the caller's thread, then one script per call. */
@ApplicationScoped
public class ManagedQueueServiceImpl implements ManagedQueueService {

    @Inject
    QueueRuntime runtime;
    @Inject
    ScopeResolver scopes;
    @Inject
    Instance<TelemetrySource> telemetrySource;
    @Inject
    TransactionSupport transactions;

    private final Set<JobAddress> registeredAddresses = ConcurrentHashMap.newKeySet();
    private EnqueuePipeline pipeline;
    private JobPreparer preparer;
    /** {@code null} without OpenTelemetry: each enqueue then costs one null check. */
    private QueueTelemetry telemetry;
    /** {@code null} outside JTA: each enqueue then costs one null check. */
    private TransactionJoin transactionJoin;
    private boolean joinByDefault;

    @PostConstruct
    void open() {
        pipeline = new EnqueuePipeline(runtime.store(), runtime.callbacks());
        preparer = new JobPreparer(runtime.config(), runtime.codec());
        telemetry = TelemetrySource.resolve(telemetrySource);
        transactionJoin = transactions.join();
        joinByDefault = transactions.joinByDefault();
    }

    @Override
    public <T> EnqueueResult enqueue(EnqueueRequest<T> request) {
        PreparedJob job = prepare(request);
        registerAddresses(List.of(job));
        PendingWrites pending = pendingWrites(request);
        if (pending != null) {
            return send(List.of(job), traced -> {
                pending.add(traced);
                return provisional(traced.get(0));
            });
        }
        if (telemetry == null) {
            return runtime.store().enqueue(job);
        }
        return telemetry.send(List.of(job), traced -> runtime.store().enqueue(traced.get(0)));
    }

    /** @return the active transaction's pending writes when the request joins it, else {@code null} */
    private PendingWrites pendingWrites(EnqueueRequest<?> request) {
        if (transactionJoin == null || !request.joinTransaction().orElse(joinByDefault)) {
            return null;
        }
        return transactionJoin.current();
    }

    private <R> R send(List<PreparedJob> jobs, Function<List<PreparedJob>, R> call) {
        return telemetry == null ? call.apply(jobs) : telemetry.send(jobs, call);
    }

    /** What a joined job will be after the commit, unless a job with its id exists by then (see EnqueueResult). */
    private static EnqueueResult provisional(PreparedJob job) {
        return new EnqueueResult(job.ref().publicId(), true, job.delayMs() > 0 ? JobState.DELAYED : JobState.WAITING);
    }

    @Override
    public List<EnqueueResult> enqueueAll(List<? extends EnqueueRequest<?>> requests) {
        if (requests == null) {
            throw new IllegalArgumentException("requests must not be null");
        }
        List<PreparedJob> jobs = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            try {
                jobs.add(prepare(requests.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("requests[" + i + "]: " + e.getMessage(), e);
            }
        }
        registerAddresses(jobs);
        PendingWrites pending = jobs.isEmpty() ? null : pendingWrites(requests.get(0));
        if (pending != null && requests.stream().allMatch(r -> pendingWrites(r) == pending)) {
            return send(jobs, traced -> {
                pending.add(traced);
                return traced.stream().map(ManagedQueueServiceImpl::provisional).toList();
            });
        }
        if (pending != null || transactionJoin != null && requests.stream().anyMatch(r -> pendingWrites(r) != null)) {
            return enqueueMixed(requests, jobs);
        }
        if (telemetry == null || jobs.isEmpty()) {
            return runtime.store().enqueueAll(jobs);
        }
        return telemetry.send(jobs, runtime.store()::enqueueAll);
    }

    /** Some requests join the transaction and some opt out: the latter are written now, in one batch. */
    private List<EnqueueResult> enqueueMixed(List<? extends EnqueueRequest<?>> requests, List<PreparedJob> jobs) {
        List<PreparedJob> now = new ArrayList<>();
        List<PreparedJob> later = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            (pendingWrites(requests.get(i)) == null ? now : later).add(jobs.get(i));
        }
        PendingWrites pending = pendingWrites(requests.stream().filter(r -> pendingWrites(r) != null).findFirst().orElseThrow());
        List<EnqueueResult> written = now.isEmpty() ? List.of() : send(now, runtime.store()::enqueueAll);
        List<EnqueueResult> deferred = send(later, traced -> {
            pending.add(traced);
            return traced.stream().map(ManagedQueueServiceImpl::provisional).toList();
        });
        List<EnqueueResult> results = new ArrayList<>(jobs.size());
        int w = 0;
        int d = 0;
        for (PreparedJob job : jobs) {
            results.add(now.contains(job) ? written.get(w++) : deferred.get(d++));
        }
        return results;
    }

    @Override
    public <T> CompletionStage<EnqueueResult> enqueueAsync(EnqueueRequest<T> request) {
        PreparedJob job = prepare(request);
        registerAddresses(List.of(job));
        if (telemetry == null) {
            return pipeline.submit(job);
        }
        return telemetry.sendAsync(job, pipeline::submit);
    }

    @Override
    public FlowResult enqueueFlow(FlowRequest flow) {
        if (flow == null) {
            throw new IllegalArgumentException("flow must not be null");
        }
        JobScope scope = withContext("parent", () -> scopes.forEnqueue(flow.parent()));
        PreparedJob parent = withContext("parent", () -> prepare(flow.parent(), scope));
        boolean cluster = runtime.redis().getConfig().isClusterConfig();
        List<PreparedJob> children = new ArrayList<>(flow.children().size());
        List<Boolean> ignoreFails = new ArrayList<>(flow.children().size());
        for (int i = 0; i < flow.children().size(); i++) {
            FlowRequest.Child child = flow.children().get(i);
            String field = "children[" + i + "]";
            EnqueueRequest<?> request = child.request();
            // a child inherits the parent's scope; only a child that names another one is refused
            boolean otherTenant = request.tenantId().isPresent() && !request.tenantId().get().equals(scope.tenantId());
            if (otherTenant || request.systemWide() && !scope.isSystemWide()) {
                throw new IllegalArgumentException(field + ".tenantId: every job of a flow belongs to the parent's tenant ("
                        + (scope.isSystemWide() ? "system-wide" : scope.tenantId()) + ")");
            }
            QueueName parentQueue = QueueName.of(parent.address());
            if (cluster && !parentQueue.contains(request.address())) {
                throw new IllegalArgumentException(field + ".queueName: on Redis Cluster a flow's jobs must all be in the "
                        + "parent's logical queue " + parentQueue);
            }
            children.add(withContext(field, () -> prepare(request, scope)));
            ignoreFails.add(child.onFailure() == ChildFailure.IGNORE);
        }
        List<PreparedJob> all = new ArrayList<>(children);
        all.add(parent);
        registerAddresses(all);
        PendingWrites pending = pendingWrites(flow.parent());
        if (pending != null) {
            int last = all.size() - 1;
            return send(all, traced -> {
                pending.addFlow(new DeferredFlow(traced.get(last), traced.subList(0, last), ignoreFails));
                return new FlowResult(parent.ref().publicId(), children.stream().map(c -> c.ref().publicId()).toList(), true);
            });
        }
        if (telemetry == null) {
            return runtime.store().enqueueFlow(parent, children, ignoreFails);
        }
        int last = all.size() - 1; // one span for the flow: every job of it carries the flow's creation context
        return telemetry.send(all, traced -> runtime.store().enqueueFlow(traced.get(last), traced.subList(0, last), ignoreFails));
    }

    private static <T> T withContext(String field, Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + "." + e.getMessage(), e);
        }
    }

    @Override
    public CancelResult cancel(String jobId) {
        JobRef ref = JobRef.parse(jobId);
        String tenant = scopes.tenantFilter();
        if (!tenant.isEmpty() && !tenant.equals(ref.tenant())) {
            return CancelResult.refused(null, CancelResult.Reason.NOT_FOUND);
        }
        String outcome = runtime.store().cancel(ref, tenant);
        return switch (outcome) {
            case "CANCELLED" -> CancelResult.cancelled();
            case "NOT_FOUND" -> CancelResult.refused(null, CancelResult.Reason.NOT_FOUND);
            case "ALREADY_CANCELLED" -> CancelResult.refused(JobState.CANCELLED, CancelResult.Reason.ALREADY_CANCELLED);
            default -> {
                JobState state = JobState.valueOf(outcome);
                yield CancelResult.refused(state, CancelResult.Reason.valueOf(state.name()));
            }
        };
    }

    @Override
    public Optional<JobSnapshot> getJob(String jobId) {
        JobRef ref = JobRef.parse(jobId);
        String tenant = scopes.tenantFilter();
        if (!tenant.isEmpty() && !tenant.equals(ref.tenant())) {
            return Optional.empty();
        }
        return runtime.store().read(ref, tenant);
    }

    @Override
    public RedissonClient getRedis() {
        return runtime.redis();
    }

    @Override
    public String pluginKey(String pluginName, String name) {
        JobAddress.of(pluginName, "-", "-"); // the plugin name obeys the address rules
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        String tenant = scopes.current().map(JobScope::tenantId).orElse("_system");
        return runtime.store().keys().pluginKey(pluginName, tenant, name);
    }

    @Override
    public ScheduleInfo upsertSchedule(String scheduleId, ScheduleSpec spec, EnqueueRequest<?> template) {
        return saveSchedule(scheduleId, spec, template, "api");
    }

    /** Validates everything, captures the template's scope like enqueue, then writes. */
    ScheduleInfo saveSchedule(String scheduleId, ScheduleSpec spec, EnqueueRequest<?> template, String origin) {
        ScheduleIds.require(scheduleId);
        if (spec == null) {
            throw new IllegalArgumentException("spec must not be null");
        }
        if (template == null) {
            throw new IllegalArgumentException("template must not be null");
        }
        if (template.jobId().isPresent()) {
            throw new IllegalArgumentException("template.jobId must not be set: each tick's job id is schedule:<id>:<tick>");
        }
        if (template.deduplication().isPresent()) {
            throw new IllegalArgumentException("template.deduplication must not be set: a schedule creates one job per tick");
        }
        PreparedJob prepared = prepare(template);
        registerAddresses(List.of(prepared));
        return runtime.schedules().save(scheduleId, spec, prepared, origin);
    }

    @Override
    public boolean removeSchedule(String scheduleId) {
        ScheduleIds.require(scheduleId);
        return runtime.schedules().remove(scopes.tenantFilter(), scheduleId);
    }

    @Override
    public List<ScheduleInfo> listSchedules() {
        String tenant = scopes.tenantFilter();
        return runtime.schedules().list(tenant.isEmpty() ? null : tenant);
    }

    /** Records new addresses for operators; only after every request of the call passed validation. */
    private void registerAddresses(List<PreparedJob> jobs) {
        for (PreparedJob job : jobs) {
            if (!registeredAddresses.contains(job.address())) {
                runtime.store().registerAddress(job.address());
                registeredAddresses.add(job.address());
            }
        }
    }

    private PreparedJob prepare(EnqueueRequest<?> request) {
        if (request == null) {
            throw new IllegalArgumentException("request must not be null");
        }
        return prepare(request, scopes.forEnqueue(request));
    }

    private PreparedJob prepare(EnqueueRequest<?> request, JobScope scope) {
        return preparer.prepare(request, scope);
    }
}
