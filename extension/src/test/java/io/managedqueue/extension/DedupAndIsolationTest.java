package io.managedqueue.extension;

import static io.managedqueue.extension.Jobs.PLUGIN;
import static io.managedqueue.extension.Jobs.QUEUE;
import static io.managedqueue.extension.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Supplier;


import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.CancelResult;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;

/** No handler runs here: jobs stay where they are put, so ids, dedup and visibility can be checked exactly. */
class DedupAndIsolationTest {

    private final PlatformHarness harness = new PlatformHarness("isolation");
    private WeldContainer container;
    private ManagedQueueService queue;

    @BeforeEach
    void start() {
        container = harness.start();
        queue = harness.queue(container);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aRepeatedJobIdReturnsTheExistingJob() {
        EnqueueResult first = queue.enqueue(aJob("send").jobId("wechat:outbound:42").payload("one").build());
        EnqueueResult second = queue.enqueue(aJob("send").jobId("wechat:outbound:42").payload("two")
                .delay(Duration.ofMinutes(5)).build());

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.jobId()).isEqualTo(first.jobId());
        assertThat(second.state()).isEqualTo(JobState.WAITING);
        assertThat(queue.getJob(first.jobId()).orElseThrow().payloadJson()).isEqualTo("\"one\"");
        assertThat(harness.inspector().getList(harness.keys().waitList(new JobAddress(PLUGIN, QUEUE, "send"))).size())
                .isEqualTo(1);
    }

    @Test
    void equalJobIdsOfOtherTenantsOrPluginsNeverCollide() {
        EnqueueResult a = queue.enqueue(aJob("send").tenantId("tenant-a").jobId("same").build());
        EnqueueResult b = queue.enqueue(aJob("send").tenantId("tenant-b").jobId("same").build());
        EnqueueResult otherPlugin = queue.enqueue(EnqueueRequest.builder("@test/other", QUEUE, "send").tenantId("tenant-a")
                .jobId("same").build());
        EnqueueResult system = queue.enqueue(EnqueueRequest.builder(PLUGIN, QUEUE, "send").systemWide().jobId("same").build());

        assertThat(a.created()).isTrue();
        assertThat(b.created()).isTrue();
        assertThat(otherPlugin.created()).isTrue();
        assertThat(system.created()).isTrue();
        assertThat(java.util.Set.of(a.jobId(), b.jobId(), otherPlugin.jobId(), system.jobId())).hasSize(4);
    }

    @Test
    void insideATenantScopeAnotherTenantsJobIsInvisibleAndUntouchable() {
        EnqueueResult ofB = queue.enqueue(aJob("send").tenantId("tenant-b").jobId("secret").build());
        EnqueueResult ofA = queue.enqueue(aJob("send").tenantId("tenant-a").jobId("mine").build());

        asTenant("tenant-a", () -> {
            assertThat(queue.getJob(ofB.jobId())).isEmpty();
            CancelResult cancel = queue.cancel(ofB.jobId());
            assertThat(cancel.success()).isFalse();
            assertThat(cancel.reason()).isEqualTo(CancelResult.Reason.NOT_FOUND);
            // a forged id naming tenant-a with tenant-b's local id finds nothing either
            String forged = ofB.jobId().replace("|tenant-b|", "|tenant-a|");
            assertThat(queue.getJob(forged)).isEmpty();
            assertThat(queue.getJob(ofA.jobId())).isPresent();
            return null;
        });
        assertThat(queue.getJob(ofB.jobId()).orElseThrow().state()).as("untouched").isEqualTo(JobState.WAITING);
    }

    @Test
    void pluginKeysAreScopedByPluginAndTenant() {
        String ofA = asTenant("tenant-a", () -> queue.pluginKey("@acme/one", "lock:integration-1"));
        String ofB = asTenant("tenant-b", () -> queue.pluginKey("@acme/one", "lock:integration-1"));
        String otherPlugin = asTenant("tenant-a", () -> queue.pluginKey("@acme/two", "lock:integration-1"));
        String system = queue.pluginKey("@acme/one", "lock:integration-1");

        assertThat(java.util.Set.of(ofA, ofB, otherPlugin, system)).hasSize(4);
        assertThat(ofA).startsWith(harness.keyPrefix() + ":plugin:@acme/one:tenant-a:");
    }

    private <T> T asTenant(String tenant, Supplier<T> action) {
        return Scopes.inTenant(container, tenant, action);
    }
}
