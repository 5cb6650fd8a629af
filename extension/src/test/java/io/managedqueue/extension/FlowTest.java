package io.managedqueue.extension;

import static io.managedqueue.extension.Jobs.PLUGIN;
import static io.managedqueue.extension.PlatformHarness.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.ChildFailure;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.FlowRequest;
import io.managedqueue.api.FlowResult;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.TenantContext;

class FlowTest {

    static final String FETCH = "crm.fetch";
    static final String SYNC = "crm.sync";
    static volatile CountDownLatch childGate = new CountDownLatch(0);
    /** Job names in the order they ran. */
    static final List<String> ran = new CopyOnWriteArrayList<>();
    /** What the parent saw: its children's states and results, and its tenant. */
    static final Map<String, Object> seenByParent = new ConcurrentHashMap<>();

    /** Children: "count" records the length of its payload; "fail" always fails. */
    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = FETCH, jobName = "count", concurrency = 4)
    @PluginJobProcessor(pluginName = PLUGIN, queueName = FETCH, jobName = "fail")
    public static class ChildHandler implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) throws InterruptedException {
            childGate.await(30, TimeUnit.SECONDS);
            ran.add(job.name() + ":" + job.data());
            if (job.name().equals("fail")) {
                throw new IllegalStateException("provider down");
            }
            job.setResult(job.data().length());
        }
    }

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = SYNC, jobName = "merge")
    public static class ParentHandler implements PluginJobHandler<String> {
        @Inject
        TenantContext tenant;

        @Override
        public void handle(ManagedQueueJob<String> job) {
            ran.add("merge");
            Map<String, JobState> children = job.children();
            seenByParent.put("children", children);
            seenByParent.put("tenant", tenant.tenantId().orElse("none"));
            children.keySet().forEach(child -> job.childResult(child, Integer.class)
                    .ifPresent(result -> seenByParent.put(child, result)));
        }
    }

    private final PlatformHarness harness = new PlatformHarness("flow");
    private ManagedQueueService queue;

    @BeforeEach
    void start() {
        childGate = new CountDownLatch(1);
        ran.clear();
        seenByParent.clear();
        queue = harness.queue(harness.start(ChildHandler.class, ParentHandler.class));
    }

    @AfterEach
    void stop() {
        childGate.countDown();
        harness.close();
    }

    @Test
    void theParentRunsAfterAllChildrenOfOtherQueuesAndReadsTheirResults() {
        FlowResult flow = queue.enqueueFlow(FlowRequest.builder(job(SYNC, "merge", "all"))
                .child(job(FETCH, "count", "abc"))
                .child(job(FETCH, "count", "abcdefg"))
                .child(job(FETCH, "count", "z"))
                .build());

        assertThat(flow.created()).isTrue();
        assertThat(flow.childJobIds()).hasSize(3);
        assertThat(queue.getJob(flow.parentJobId()).orElseThrow().state()).isEqualTo(JobState.WAITING_CHILDREN);
        childGate.countDown();

        await().atMost(timeout(10)).until(() -> ran.contains("merge"));
        assertThat(ran.indexOf("merge")).as("the parent runs last").isEqualTo(3);
        assertThat(seenByParent.get("children")).isEqualTo(Map.of(flow.childJobIds().get(0), JobState.COMPLETED,
                flow.childJobIds().get(1), JobState.COMPLETED, flow.childJobIds().get(2), JobState.COMPLETED));
        assertThat(seenByParent).containsEntry(flow.childJobIds().get(0), 3).containsEntry(flow.childJobIds().get(1), 7)
                .containsEntry(flow.childJobIds().get(2), 1).containsEntry("tenant", "t1");
        await().atMost(timeout(5)).until(() -> queue.getJob(flow.parentJobId()).orElseThrow().state() == JobState.COMPLETED);
    }

    @Test
    void aFailingChildFailsTheParentWhichNeverRuns() {
        FlowResult flow = queue.enqueueFlow(FlowRequest.builder(job(SYNC, "merge", "strict"))
                .child(job(FETCH, "count", "ok"))
                .child(job(FETCH, "fail", "bad"))
                .build());
        childGate.countDown();

        await().atMost(timeout(10)).until(() -> queue.getJob(flow.parentJobId()).orElseThrow().state() == JobState.FAILED);
        assertThat(queue.getJob(flow.parentJobId()).orElseThrow().lastError())
                .contains(flow.childJobIds().get(1), "FAILED", "provider down");
        await().atMost(timeout(5)).until(() -> ran.size() == 2);
        assertThat(ran).doesNotContain("merge");
    }

    @Test
    void anIgnoredChildFailureLetsTheParentRunAndShowsTheFailure() {
        FlowResult flow = queue.enqueueFlow(FlowRequest.builder(job(SYNC, "merge", "lenient"))
                .child(job(FETCH, "count", "ok"))
                .child(job(FETCH, "fail", "bad"), ChildFailure.IGNORE)
                .build());
        childGate.countDown();

        await().atMost(timeout(10)).until(() -> ran.contains("merge"));
        assertThat(seenByParent.get("children")).isEqualTo(Map.of(flow.childJobIds().get(0), JobState.COMPLETED,
                flow.childJobIds().get(1), JobState.FAILED));
        assertThat(seenByParent).containsEntry(flow.childJobIds().get(0), 2).doesNotContainKey(flow.childJobIds().get(1));
    }

    @Test
    void aFlowIsCreatedWhollyOrNotAtAll() {
        queue.enqueue(job(FETCH, "count", "x", "taken"));
        long keysBefore = harness.keyCount();

        assertThatThrownBy(() -> queue.enqueueFlow(FlowRequest.builder(job(SYNC, "merge", "p"))
                .child(job(FETCH, "count", "fresh"))
                .child(job(FETCH, "count", "x", "taken"))
                .build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("children[1].jobId");
        assertThat(harness.keyCount()).isEqualTo(keysBefore);

        assertThatThrownBy(() -> queue.enqueueFlow(FlowRequest.builder(job(SYNC, "merge", "p"))
                .child(EnqueueRequest.<String>builder(PLUGIN, FETCH, "count").tenantId("other").payload("x").build())
                .build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("children[0].tenantId");
        assertThatThrownBy(() -> FlowRequest.builder(job(SYNC, "merge", "p")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("children");
        assertThat(harness.keyCount()).isEqualTo(keysBefore);
    }

    @Test
    void childrenWithoutATenantTakeTheParentsScopeEvenWhenItIsSystemWide() {
        FlowResult flow = queue.enqueueFlow(FlowRequest.builder(
                        EnqueueRequest.<String>builder(PLUGIN, SYNC, "merge").payload("nightly").systemWide().build())
                .child(EnqueueRequest.<String>builder(PLUGIN, FETCH, "count").payload("abc").build())
                .build());
        childGate.countDown();

        await().atMost(timeout(10)).until(() -> ran.contains("merge"));
        assertThat(flow.childJobIds().get(0)).contains("||"); // the tenant part of a system-wide job id is empty
        assertThat(seenByParent).containsEntry("tenant", "none").containsEntry(flow.childJobIds().get(0), 3);
    }

    @Test
    void aRepeatedParentIdReturnsTheExistingFlowWithoutNewChildren() {
        FlowRequest flow = FlowRequest.builder(job(SYNC, "merge", "p", "nightly-merge"))
                .child(job(FETCH, "count", "a")).build();
        FlowResult first = queue.enqueueFlow(flow);
        FlowResult second = queue.enqueueFlow(flow);

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.parentJobId()).isEqualTo(first.parentJobId());
        assertThat(second.childJobIds()).isEmpty();
    }

    @Test
    void aCancelledParentNeverRunsWhileItsChildrenFinish() {
        FlowResult flow = queue.enqueueFlow(FlowRequest.builder(job(SYNC, "merge", "p"))
                .child(job(FETCH, "count", "a")).build());

        assertThat(queue.cancel(flow.parentJobId()).success()).isTrue();
        childGate.countDown();
        await().atMost(timeout(10)).until(() -> queue.getJob(flow.childJobIds().get(0)).orElseThrow().state() == JobState.COMPLETED);
        assertThat(queue.getJob(flow.parentJobId()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(ran).doesNotContain("merge");
    }

    private static EnqueueRequest<String> job(String queueName, String jobName, String payload) {
        return EnqueueRequest.<String>builder(PLUGIN, queueName, jobName).tenantId("t1").payload(payload).build();
    }

    private static EnqueueRequest<String> job(String queueName, String jobName, String payload, String jobId) {
        return EnqueueRequest.<String>builder(PLUGIN, queueName, jobName).tenantId("t1").payload(payload).jobId(jobId).build();
    }
}
