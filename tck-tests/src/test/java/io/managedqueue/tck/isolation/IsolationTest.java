package io.managedqueue.tck.isolation;

import static io.managedqueue.tck.support.Jobs.awaitCalls;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.managedqueue.api.CancelResult;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobScope;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.TenantContext;
import io.managedqueue.tck.support.JobLog;
import io.managedqueue.tck.support.TckDeployment;

/**
 * The names of one plugin or tenant never collide with, deduplicate against, cancel or reveal
 * those of another.
 */
@ExtendWith(ArquillianExtension.class)
class IsolationTest {

    static final String PLUGIN_ONE = "@tck/iso-one";
    static final String PLUGIN_TWO = "@tck/iso-two";

    @Deployment
    static Archive<?> deployment() {
        return TckDeployment.forTest(IsolationTest.class).classes(PluginOneHandler.class, PluginTwoHandler.class).build();
    }

    @Inject
    ManagedQueueService queue;

    @Inject
    TenantContext tenantContext;

    @Inject
    JobLog log;

    @Test
    void sameCustomIdForTwoTenantsGivesTwoJobs() {
        EnqueueResult a = queue.enqueue(job(PLUGIN_ONE, "shared", "invoice-1", "tenant-a").build());
        EnqueueResult b = queue.enqueue(job(PLUGIN_ONE, "shared", "invoice-1", "tenant-b").build());

        assertThat(a.created()).isTrue();
        assertThat(b.created()).isTrue();
        assertThat(b.jobId()).isNotEqualTo(a.jobId());
        assertThat(awaitCalls(log, a.jobId(), 1).get(0).contextTenant()).contains("tenant-a");
        assertThat(awaitCalls(log, b.jobId(), 1).get(0).contextTenant()).contains("tenant-b");
    }

    @Test
    void sameCustomIdForTwoPluginsGivesTwoJobs() {
        EnqueueResult one = queue.enqueue(job(PLUGIN_ONE, "shared", "sync-1", "tenant-a").build());
        EnqueueResult two = queue.enqueue(job(PLUGIN_TWO, "shared", "sync-1", "tenant-a").build());

        assertThat(one.created()).isTrue();
        assertThat(two.created()).isTrue();
        assertThat(two.jobId()).isNotEqualTo(one.jobId());
        assertThat(awaitCalls(log, one.jobId(), 1).get(0).address().pluginName()).isEqualTo(PLUGIN_ONE);
        assertThat(awaitCalls(log, two.jobId(), 1).get(0).address().pluginName()).isEqualTo(PLUGIN_TWO);
    }

    @Test
    void sameCustomIdForTwoQueuesOfOnePluginGivesTwoJobs() {
        EnqueueResult shared = queue.enqueue(job(PLUGIN_ONE, "shared", "report-1", "tenant-a").build());
        EnqueueResult other = queue.enqueue(job(PLUGIN_ONE, "other", "report-1", "tenant-a").build());

        assertThat(shared.created()).isTrue();
        assertThat(other.created()).isTrue();
        assertThat(other.jobId()).isNotEqualTo(shared.jobId());
        awaitCalls(log, shared.jobId(), 1);
        awaitCalls(log, other.jobId(), 1);
    }

    @Test
    void aTenantScopeNeitherSeesNorCancelsAnotherTenantsJob() {
        String jobOfA = queue.enqueue(job(PLUGIN_ONE, "shared", "later-1", "tenant-a").delay(Duration.ofMinutes(5)).build()).jobId();
        String jobOfB = queue.enqueue(job(PLUGIN_ONE, "shared", "later-1", "tenant-b").delay(Duration.ofMinutes(5)).build()).jobId();

        tenantContext.set(JobScope.of("tenant-a", null));
        assertThat(queue.getJob(jobOfA)).as("its own job").isPresent();
        assertThat(queue.getJob(jobOfB)).as("another tenant's job").isEmpty();
        assertThat(queue.cancel(jobOfB)).isEqualTo(CancelResult.refused(null, CancelResult.Reason.NOT_FOUND));

        tenantContext.set(JobScope.systemWide());
        Optional<JobSnapshot> untouched = queue.getJob(jobOfB);
        assertThat(untouched).isPresent();
        assertThat(untouched.get().state()).as("the refused cancel left it alone").isEqualTo(JobState.DELAYED);
        assertThat(untouched.get().tenantId()).isEqualTo("tenant-b");

        tenantContext.set(JobScope.of("tenant-b", null));
        assertThat(queue.cancel(jobOfB).success()).as("its own tenant may cancel it").isTrue();
        tenantContext.set(JobScope.of("tenant-a", null));
        assertThat(queue.cancel(jobOfA).success()).isTrue();
    }

    @Test
    void pluginKeysAreScopedByPluginAndTenant() {
        tenantContext.set(JobScope.of("tenant-a", null));
        String oneOfA = queue.pluginKey(PLUGIN_ONE, "counter");
        String twoOfA = queue.pluginKey(PLUGIN_TWO, "counter");
        tenantContext.set(JobScope.of("tenant-b", null));
        String oneOfB = queue.pluginKey(PLUGIN_ONE, "counter");
        tenantContext.set(JobScope.systemWide());
        String oneOfSystem = queue.pluginKey(PLUGIN_ONE, "counter");

        assertThat(Set.of(oneOfA, twoOfA, oneOfB, oneOfSystem)).hasSize(4);
        queue.getRedis().<String>getBucket(oneOfA).set("a");
        assertThat(queue.getRedis().<String>getBucket(oneOfB).get()).isNull();
        assertThat(queue.getRedis().<String>getBucket(twoOfA).get()).isNull();
        assertThat(queue.getRedis().<String>getBucket(oneOfA).get()).isEqualTo("a");
        queue.getRedis().getBucket(oneOfA).delete();
    }

    private static EnqueueRequest.Builder<String> job(String plugin, String queueName, String jobId, String tenant) {
        return EnqueueRequest.<String>builder(plugin, queueName, "job").jobId(jobId).payload(jobId).tenantId(tenant);
    }
}
