package io.managedqueue.extension;

import static io.managedqueue.extension.Jobs.PLUGIN;
import static io.managedqueue.extension.Jobs.QUEUE;
import static io.managedqueue.extension.Jobs.aJob;
import static io.managedqueue.extension.PlatformHarness.timeout;
import static io.managedqueue.extension.Scopes.inTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.admin.AdminActionEvent;
import io.managedqueue.api.admin.JobPage;
import io.managedqueue.api.admin.JobQuery;
import io.managedqueue.api.admin.ManagedQueueAdmin;
import io.managedqueue.api.admin.QueueView;

/** The operators' API on one process: counts, listing, job detail, transitions, tenancy, bad input, events. */
class AdminViewTest {

    /** payload -> how many more attempts of it fail */
    static final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();
    static final List<AdminActionEvent> actions = new CopyOnWriteArrayList<>();

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "work", concurrency = 4)
    public static class Worker implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
            if (job.data().startsWith("report")) {
                job.updateProgress(50);
                IntStream.range(0, 150).forEach(i -> job.log("line " + i));
                job.log("x".repeat(5000));
                job.setResult(Map.of("sent", 3));
                job.updateProgress(100);
            }
            Integer left = failuresLeft.get(job.data());
            if (left != null && left > 0) {
                failuresLeft.put(job.data(), left - 1);
                throw new IllegalStateException("planned failure of " + job.data());
            }
        }
    }

    @ApplicationScoped
    public static class Audit {
        void seen(@Observes AdminActionEvent event) {
            actions.add(event);
        }
    }

    private final PlatformHarness harness = new PlatformHarness("admin-view");
    private WeldContainer container;
    private ManagedQueueService queue;
    private ManagedQueueAdmin admin;

    @BeforeEach
    void start() {
        failuresLeft.clear();
        actions.clear();
        container = harness.start(Worker.class, Audit.class);
        queue = harness.queue(container);
        admin = container.select(ManagedQueueAdmin.class).get();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private String enqueue(String tenant, String payload) {
        return queue.enqueue(aJob("work").<String>payload(payload).tenantId(tenant).build()).jobId();
    }

    private String enqueueFailing(String tenant, String payload, int attempts) {
        failuresLeft.put(payload, attempts);
        return queue.enqueue(aJob("work").<String>payload(payload).tenantId(tenant).attempts(attempts).build()).jobId();
    }

    private String enqueueDelayed(String tenant, String payload, Duration delay) {
        return queue.enqueue(aJob("work").<String>payload(payload).tenantId(tenant).delay(delay).build()).jobId();
    }

    private void awaitState(String jobId, JobState state) {
        await().atMost(timeout(10)).until(() -> queue.getJob(jobId).map(JobSnapshot::state).orElse(null) == state);
    }

    private QueueView view(ManagedQueueAdmin admin) {
        return admin.queue(PLUGIN, QUEUE);
    }

    @Test
    void countsFollowEveryTransitionAndATenantSeesOnlyItsOwn() {
        List<String> done = List.of(enqueue("t1", "a"), enqueue("t1", "b"), enqueue("t2", "c"));
        List<String> failed = List.of(enqueueFailing("t2", "f1", 1), enqueueFailing("t2", "f2", 1));
        String later = enqueueDelayed("t1", "later", Duration.ofHours(1));
        String cancelled = enqueueDelayed("t1", "never", Duration.ofHours(1));
        assertThat(queue.cancel(cancelled).success()).isTrue();
        done.forEach(id -> awaitState(id, JobState.COMPLETED));
        failed.forEach(id -> awaitState(id, JobState.FAILED));

        QueueView all = view(admin);
        assertThat(all.jobNames()).containsExactly("work");
        assertThat(all.counts()).containsEntry(JobState.COMPLETED, 3L).containsEntry(JobState.FAILED, 2L)
                .containsEntry(JobState.DELAYED, 1L).containsEntry(JobState.CANCELLED, 1L)
                .containsEntry(JobState.WAITING, 0L).containsEntry(JobState.ACTIVE, 0L);
        assertThat(all.throughput().completedLastHour()).isEqualTo(3);
        assertThat(all.throughput().failedLastHour()).isEqualTo(2);
        assertThat(all.throughput().completedLastMinute()).isBetween(1L, 3L); // pro rata over the minute boundary
        assertThat(all.liveWorkers()).as("this process handles the queue").isEqualTo(1);
        assertThat(all.paused()).isFalse();

        QueueView t1 = inTenant(container, "t1", () -> view(admin));
        assertThat(t1.counts()).containsEntry(JobState.COMPLETED, 2L).containsEntry(JobState.FAILED, 0L)
                .containsEntry(JobState.DELAYED, 1L).containsEntry(JobState.CANCELLED, 1L);
        assertThat(t1.throughput().failedLastHour()).isZero();
        assertThat(admin.queues("t2")).singleElement().satisfies(v -> assertThat(v.counts())
                .containsEntry(JobState.COMPLETED, 1L).containsEntry(JobState.FAILED, 2L).containsEntry(JobState.DELAYED, 0L));
        assertThat(later).isNotNull();
    }

    @Test
    void jobsArePagedNewestFirstWithACursorAndFilteredByTenant() {
        List<String> t1 = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            t1.add(enqueueDelayed("t1", "d" + i, Duration.ofMinutes(10 + i)));
        }
        for (int i = 0; i < 5; i++) {
            enqueueDelayed("t2", "e" + i, Duration.ofMinutes(10 + i));
        }
        JobQuery query = JobQuery.queue(PLUGIN, QUEUE).states(JobState.DELAYED).tenant("t1").limit(10);
        List<String> listed = new ArrayList<>();
        JobPage page = admin.jobs(query);
        int pages = 1;
        listed.addAll(page.jobs().stream().map(JobSnapshot::id).toList());
        while (page.nextCursor().isPresent()) {
            page = admin.jobs(query.after(page.nextCursor().get()));
            listed.addAll(page.jobs().stream().map(JobSnapshot::id).toList());
            pages++;
        }
        List<String> newestFirst = new ArrayList<>(t1);
        java.util.Collections.reverse(newestFirst);
        assertThat(listed).containsExactlyElementsOf(newestFirst);
        assertThat(pages).isEqualTo(3);

        JobPage t2View = inTenant(container, "t2", () -> admin.jobs(JobQuery.queue(PLUGIN, QUEUE).limit(100)));
        assertThat(t2View.jobs()).hasSize(5).allSatisfy(j -> assertThat(j.tenantId()).isEqualTo("t2"));
        assertThat(t2View.nextCursor()).isEmpty();
        assertThatThrownBy(() -> inTenant(container, "t2", () -> admin.jobs(query)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tenantId");
    }

    @Test
    void failedAndCancelledAreListedApart() {
        String failed = enqueueFailing("t1", "boom", 1);
        String cancelled = enqueueDelayed("t1", "x", Duration.ofHours(1));
        queue.cancel(cancelled);
        awaitState(failed, JobState.FAILED);
        assertThat(admin.jobs(JobQuery.queue(PLUGIN, QUEUE).states(JobState.FAILED)).jobs()).extracting(JobSnapshot::id)
                .containsExactly(failed);
        assertThat(admin.jobs(JobQuery.queue(PLUGIN, QUEUE).states(JobState.CANCELLED)).jobs()).extracting(JobSnapshot::id)
                .containsExactly(cancelled);
        assertThat(admin.jobs(JobQuery.queue(PLUGIN, QUEUE).states(JobState.FAILED)).jobs().get(0).lastError())
                .contains("planned failure of boom");
    }

    @Test
    void aJobShowsItsProgressBoundedLogAndResult() {
        String id = enqueue("t1", "report");
        awaitState(id, JobState.COMPLETED);
        JobSnapshot job = admin.job(id).orElseThrow();
        assertThat(job.progress()).isEqualTo(100);
        assertThat(job.resultJson()).contains("\"sent\":3");
        assertThat(job.logLines()).hasSize(ManagedQueueJob.MAX_LOG_LINES);
        assertThat(job.logLines().get(0)).isEqualTo("line 51"); // the oldest 51 of 151 lines were dropped
        assertThat(job.logLines().get(ManagedQueueJob.MAX_LOG_LINES - 1)).hasSize(ManagedQueueJob.MAX_LOG_LINE_LENGTH);
        assertThat(inTenant(container, "t2", () -> admin.job(id))).as("another tenant's job is not found").isEmpty();
        assertThat(queue.getJob(id).orElseThrow().logLines()).as("getJob stays one read").isEmpty();
    }

    @Test
    void retryRunsAFailedOrCancelledJobAgainWithItsAttemptsReset() {
        String failed = enqueueFailing("t1", "flaky", 2);
        awaitState(failed, JobState.FAILED);
        assertThat(queue.getJob(failed).orElseThrow().attemptsMade()).isEqualTo(2);

        assertThat(inTenant(container, "t2", () -> admin.retry(failed))).as("another tenant's job").isFalse();
        assertThat(queue.getJob(failed).orElseThrow().state()).isEqualTo(JobState.FAILED);
        assertThat(inTenant(container, "t1", () -> admin.retry(failed))).isTrue();
        awaitState(failed, JobState.COMPLETED);
        JobSnapshot after = queue.getJob(failed).orElseThrow();
        assertThat(after.attemptsMade()).as("attempts start again").isEqualTo(1);
        assertThat(after.lastError()).as("the last error is kept").contains("planned failure of flaky");
        assertThat(admin.retry(failed)).as("a completed job is not retried").isFalse();

        String cancelled = enqueueDelayed("t1", "c", Duration.ofHours(1));
        queue.cancel(cancelled);
        assertThat(admin.retry(cancelled)).isTrue();
        awaitState(cancelled, JobState.COMPLETED);
        assertThat(view(admin).counts()).containsEntry(JobState.COMPLETED, 2L).containsEntry(JobState.FAILED, 0L)
                .containsEntry(JobState.CANCELLED, 0L);
        assertThat(actions).extracting(AdminActionEvent::action).containsExactly(AdminActionEvent.Action.RETRY,
                AdminActionEvent.Action.RETRY);
        assertThat(actions.get(0).jobId()).isEqualTo(failed);
        assertThat(actions.get(0).count()).isEqualTo(1);
    }

    @Test
    void promoteRunsADelayedJobNow() {
        String id = enqueueDelayed("t1", "soon", Duration.ofHours(1));
        String done = enqueue("t1", "plain");
        awaitState(done, JobState.COMPLETED);
        assertThat(admin.promote(done)).as("only a delayed job is promoted").isFalse();
        assertThat(admin.promote(id)).isTrue();
        awaitState(id, JobState.COMPLETED);
        assertThat(admin.promote(id)).isFalse();
    }

    @Test
    void retryAllAndCleanWorkInBatchesOnOneQueue() {
        List<String> failed = IntStream.range(0, 12).mapToObj(i -> enqueueFailing("t" + (i % 2), "bulk" + i, 1)).toList();
        String cancelled = enqueueDelayed("t1", "c", Duration.ofHours(1));
        queue.cancel(cancelled);
        failed.forEach(id -> awaitState(id, JobState.FAILED));

        assertThat(admin.retryAll(PLUGIN, QUEUE, JobState.FAILED, 5)).isEqualTo(5);
        assertThat(admin.retryAll(PLUGIN, QUEUE, JobState.FAILED, 100)).isEqualTo(7);
        failed.forEach(id -> awaitState(id, JobState.COMPLETED));
        assertThat(queue.getJob(cancelled).orElseThrow().state()).as("retry-all of FAILED leaves CANCELLED").isEqualTo(JobState.CANCELLED);

        assertThat(admin.clean(PLUGIN, QUEUE, JobState.COMPLETED, Duration.ofHours(1), 100)).as("none is that old").isZero();
        assertThat(admin.clean(PLUGIN, QUEUE, JobState.COMPLETED, Duration.ZERO, 100)).isEqualTo(12);
        assertThat(queue.getJob(failed.get(0))).isEmpty();
        assertThat(view(admin).counts()).containsEntry(JobState.COMPLETED, 0L).containsEntry(JobState.CANCELLED, 1L);
        assertThat(admin.clean(PLUGIN, QUEUE, JobState.CANCELLED, Duration.ZERO, 100)).isEqualTo(1);
        assertThat(actions).extracting(AdminActionEvent::count).containsExactly(5, 7, 0, 12, 1);
    }

    @Test
    void queueWideOperationsAreRefusedInATenantScope() {
        enqueue("t1", "a");
        for (Runnable op : List.<Runnable>of(() -> admin.pause(PLUGIN, QUEUE), () -> admin.resume(PLUGIN, QUEUE),
                () -> admin.clean(PLUGIN, QUEUE, JobState.COMPLETED, Duration.ZERO, 10),
                () -> admin.retryAll(PLUGIN, QUEUE, JobState.FAILED, 10), admin::workers, () -> admin.recount(PLUGIN, QUEUE),
                () -> admin.queues("t2"))) {
            assertThatThrownBy(() -> inTenant(container, "t1", () -> {
                op.run();
                return null;
            })).isInstanceOf(IllegalStateException.class);
        }
        assertThat(inTenant(container, "t1", () -> admin.withoutTenantScope().workers())).hasSize(1);
        assertThat(actions).isEmpty();
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndWritesNothing() {
        String id = enqueue("t1", "a");
        awaitState(id, JobState.COMPLETED);
        long keys = harness.keyCount();
        assertThatThrownBy(() -> admin.queue(PLUGIN, "no.such.queue")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queueName");
        assertThatThrownBy(() -> admin.pause(" ", QUEUE)).hasMessageContaining("pluginName");
        assertThatThrownBy(() -> admin.retryAll(PLUGIN, QUEUE, JobState.COMPLETED, 10)).hasMessageContaining("state");
        assertThatThrownBy(() -> admin.retryAll(PLUGIN, QUEUE, JobState.FAILED, 0)).hasMessageContaining("limit");
        assertThatThrownBy(() -> admin.clean(PLUGIN, QUEUE, JobState.WAITING, Duration.ZERO, 10)).hasMessageContaining("state");
        assertThatThrownBy(() -> admin.clean(PLUGIN, QUEUE, JobState.COMPLETED, Duration.ofSeconds(-1), 10))
                .hasMessageContaining("olderThan");
        assertThatThrownBy(() -> admin.clean(PLUGIN, QUEUE, JobState.COMPLETED, Duration.ZERO, 100_001))
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> admin.jobs(JobQuery.address(io.managedqueue.api.JobAddress.of(PLUGIN, QUEUE, "nope"))))
                .hasMessageContaining("jobName");
        assertThatThrownBy(() -> admin.jobs(JobQuery.queue(PLUGIN, QUEUE).after("garbage"))).hasMessageContaining("cursor");
        assertThatThrownBy(() -> admin.retry("not-a-job-id")).hasMessageContaining("jobId");
        assertThat(harness.keyCount()).isEqualTo(keys);
        assertThat(queue.getJob(id).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
        assertThat(actions).isEmpty();
    }

    @Test
    void waitingJobsThatNoLiveWorkerHandlesAreFlagged() {
        EnqueueResult orphan = queue.enqueue(aJob("orphan").payload("x").build());
        QueueView view = view(admin);
        assertThat(view.count(JobState.WAITING)).isEqualTo(1);
        assertThat(view.unhandledJobNames()).containsExactly("orphan");
        assertThat(view.noWorker()).isTrue();
        assertThat(view.oldestWaitingAge()).isPresent();
        assertThat(admin.pause(PLUGIN, QUEUE)).isTrue();
        assertThat(admin.pause(PLUGIN, QUEUE)).as("idempotent").isFalse();
        assertThat(view(admin).noWorker()).as("a paused queue is not missing a worker").isFalse();
        assertThat(admin.resume(PLUGIN, QUEUE)).isTrue();
        assertThat(queue.cancel(orphan.jobId()).success()).isTrue();
        assertThat(view(admin).noWorker()).isFalse();
        assertThat(actions).extracting(AdminActionEvent::action).containsExactly(AdminActionEvent.Action.PAUSE,
                AdminActionEvent.Action.RESUME);
    }
}
