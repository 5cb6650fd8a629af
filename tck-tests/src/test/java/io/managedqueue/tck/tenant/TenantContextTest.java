package io.managedqueue.tck.tenant;

import static io.managedqueue.tck.support.Jobs.awaitCalls;
import static io.managedqueue.tck.support.Jobs.awaitState;
import static io.managedqueue.tck.support.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobScope;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.TenantContext;
import io.managedqueue.tck.support.JobLog;
import io.managedqueue.tck.support.TckDeployment;

/**
 * Every job runs in a fresh request context holding exactly its own tenant and organization;
 * request-scoped beans are new for each job and destroyed after it; a job without a tenant is
 * refused unless it is explicitly system-wide; a tenant is captured from the caller's scope.
 */
@ExtendWith(ArquillianExtension.class)
class TenantContextTest {

    static final String PLUGIN = "@tck/tenant";

    @Deployment
    static Archive<?> deployment() {
        return TckDeployment.forTest(TenantContextTest.class)
                .classes(RequestProbe.class, ProbeRegistry.class, TenantObservingHandler.class)
                .build();
    }

    @Inject
    ManagedQueueService queue;

    @Inject
    TenantContext tenantContext;

    @Inject
    JobLog log;

    @Inject
    ProbeRegistry probes;

    @Inject
    RequestProbe testRequestProbe;

    @Test
    void eachJobSeesExactlyItsOwnTenantAndOrganization() {
        // Interleaved tenants, with and without organization, on one handler of concurrency 1 (so
        // its worker threads are reused): nothing of one job may leak into the next.
        List<JobScope> scopes = List.of(
                JobScope.of("acme", "north"), JobScope.of("globex", null), JobScope.of("acme", null),
                new JobScope("initech", "south", "user-7", Map.of()), JobScope.of("globex", "west"),
                JobScope.of("acme", "north"), JobScope.of("initech", null));
        Map<String, JobScope> expected = new LinkedHashMap<>();
        for (JobScope scope : scopes) {
            EnqueueRequest.Builder<String> request = EnqueueRequest.<String>builder(PLUGIN, "tenant.jobs", "observe")
                    .payload("job-" + expected.size()).tenantId(scope.tenantId());
            if (scope.organizationId() != null) {
                request.organizationId(scope.organizationId());
            }
            if (scope.userId() != null) {
                request.userId(scope.userId());
            }
            expected.put(queue.enqueue(request.build()).jobId(), scope);
        }

        expected.forEach((jobId, scope) -> {
            JobLog.Call call = awaitCalls(log, jobId, 1).get(0);
            assertThat(call.jobTenant()).as("job tenant of %s", jobId).isEqualTo(scope.tenantId());
            assertThat(call.jobOrganization()).as("job organization of %s", jobId).isEqualTo(scope.organizationId());
            assertThat(call.contextTenant()).as("TenantContext tenant in %s", jobId).contains(scope.tenantId());
            assertThat(call.contextOrganization()).as("TenantContext organization in %s", jobId)
                    .isEqualTo(Optional.ofNullable(scope.organizationId()));
            assertThat(call.contextUser()).as("TenantContext user in %s", jobId).isEqualTo(Optional.ofNullable(scope.userId()));
        });
    }

    @Test
    void requestScopedBeansAreFreshForEveryJobAndDestroyedAfterIt() {
        List<String> jobIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobIds.add(queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "tenant.jobs", "observe")
                    .payload("probe-" + i).tenantId("tenant-" + (i % 2)).build()).jobId());
        }
        jobIds.forEach(id -> awaitCalls(log, id, 1));

        Set<String> jobProbes = new HashSet<>();
        jobIds.forEach(id -> jobProbes.add(probes.probeOf(id)));
        assertThat(jobProbes).as("one request-scoped instance per job").hasSize(jobIds.size()).doesNotContainNull();
        assertThat(jobProbes).as("jobs never share the enqueuing request's instances").doesNotContain(testRequestProbe.id());
        eventually().alias("every job's request-scoped instance is destroyed")
                .until(() -> probes.destroyed().containsAll(jobProbes));
    }

    @Test
    void enqueueWithoutAnyTenantIsRefused() {
        assertThat(tenantContext.tenantId()).as("the test request has no tenant").isEmpty();

        assertThatThrownBy(() -> queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "tenant.jobs", "observe")
                .payload("orphan").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("tenant");
        assertThat(log.calls()).noneMatch(c -> "orphan".equals(c.data()));
    }

    @Test
    void systemWideJobRunsWithAnEmptyTenantContext() {
        EnqueueResult result = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "tenant.jobs", "observe")
                .payload("system").systemWide().build());

        assertThat(result.created()).isTrue();
        JobLog.Call call = awaitCalls(log, result.jobId(), 1).get(0);
        assertThat(call.jobTenant()).isNull();
        assertThat(call.jobOrganization()).isNull();
        assertThat(call.contextTenant()).isEmpty();
        assertThat(call.contextOrganization()).isEmpty();
        assertThat(awaitState(queue, result.jobId(), JobState.COMPLETED).tenantId()).isNull();
    }

    @Test
    void tenantIsCapturedFromTheCallersTenantContext() {
        tenantContext.set(new JobScope("captured", "captured-org", "user-42", Map.of()));

        EnqueueResult result = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "tenant.jobs", "observe")
                .payload("captured").build());

        JobLog.Call call = awaitCalls(log, result.jobId(), 1).get(0);
        assertThat(call.jobTenant()).isEqualTo("captured");
        assertThat(call.jobOrganization()).isEqualTo("captured-org");
        assertThat(call.contextTenant()).contains("captured");
        assertThat(call.contextOrganization()).contains("captured-org");
        assertThat(call.contextUser()).contains("user-42");
        assertThat(awaitState(queue, result.jobId(), JobState.COMPLETED).tenantId())
                .as("visible to its own tenant's scope").isEqualTo("captured");
    }
}
