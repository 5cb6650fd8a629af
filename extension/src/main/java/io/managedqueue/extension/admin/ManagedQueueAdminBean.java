package io.managedqueue.extension.admin;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.api.admin.AdminActionEvent;
import io.managedqueue.api.admin.JobPage;
import io.managedqueue.api.admin.JobQuery;
import io.managedqueue.api.admin.ManagedQueueAdmin;
import io.managedqueue.api.admin.QueueView;
import io.managedqueue.api.admin.WorkerView;
import io.managedqueue.extension.cdi.QueueRuntime;
import io.managedqueue.extension.cdi.ScopeResolver;

/** The platform's {@link ManagedQueueAdmin} bean: the operations, seen through the caller's tenant scope. */
@ApplicationScoped
public class ManagedQueueAdminBean implements ManagedQueueAdmin {

    @Inject
    QueueRuntime runtime;
    @Inject
    ScopeResolver scopes;
    @Inject
    Event<AdminActionEvent> events;
    @Inject
    Instance<Principal> principal;

    private AdminOperations operations;

    @PostConstruct
    void open() {
        operations = new AdminOperations(runtime.store(), runtime.admin(), runtime.workerRegistry(), scopes::tenantFilter,
                new AdminAudit(events, principal));
    }

    @Override
    public List<QueueView> queues() {
        return operations.queues();
    }

    @Override
    public List<QueueView> queues(String tenantId) {
        return operations.queues(tenantId);
    }

    @Override
    public QueueView queue(String pluginName, String queueName) {
        return operations.queue(pluginName, queueName);
    }

    @Override
    public JobPage jobs(JobQuery query) {
        return operations.jobs(query);
    }

    @Override
    public Optional<JobSnapshot> job(String jobId) {
        return operations.job(jobId);
    }

    @Override
    public boolean retry(String jobId) {
        return operations.retry(jobId);
    }

    @Override
    public int retryAll(String pluginName, String queueName, JobState state, int limit) {
        return operations.retryAll(pluginName, queueName, state, limit);
    }

    @Override
    public boolean promote(String jobId) {
        return operations.promote(jobId);
    }

    @Override
    public boolean cancel(String jobId) {
        return operations.cancel(jobId);
    }

    @Override
    public int clean(String pluginName, String queueName, JobState state, Duration olderThan, int limit) {
        return operations.clean(pluginName, queueName, state, olderThan, limit);
    }

    @Override
    public boolean pause(String pluginName, String queueName) {
        return operations.pause(pluginName, queueName);
    }

    @Override
    public boolean resume(String pluginName, String queueName) {
        return operations.resume(pluginName, queueName);
    }

    @Override
    public List<WorkerView> workers() {
        return operations.workers();
    }

    @Override
    public int recount(String pluginName, String queueName) {
        return operations.recount(pluginName, queueName);
    }

    @Override
    public ManagedQueueAdmin withoutTenantScope() {
        return operations.withoutTenantScope();
    }
}
