package io.managedqueue.extension;

import static io.managedqueue.extension.Jobs.aJob;
import static io.managedqueue.extension.PlatformHarness.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.CancelResult;
import io.managedqueue.api.Deduplication;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.extension.redis.JobRef;

class PriorityAndDeduplicationTest {

    static volatile CountDownLatch gate = new CountDownLatch(0);
    /** Payloads in the order their jobs started. */
    static final List<String> started = new CopyOnWriteArrayList<>();

    /** One at a time; a job with payload "blocker" holds the only slot until the gate opens. */
    @ApplicationScoped
    @PluginJobProcessor(pluginName = Jobs.PLUGIN, queueName = Jobs.QUEUE, jobName = "ordered")
    @PluginJobProcessor(pluginName = Jobs.PLUGIN, queueName = Jobs.QUEUE, jobName = "flush")
    public static class RecordingHandler implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) throws InterruptedException {
            started.add(job.data());
            if ("blocker".equals(job.data())) {
                gate.await(30, TimeUnit.SECONDS);
            }
        }
    }

    private final PlatformHarness harness = new PlatformHarness("priority");
    private ManagedQueueService queue;

    @BeforeEach
    void start() {
        gate = new CountDownLatch(1);
        started.clear();
        queue = harness.queue(harness.start(RecordingHandler.class));
    }

    @AfterEach
    void stop() {
        gate.countDown();
        harness.close();
    }

    @Test
    void aCriticalJobEnqueuedBehindTenThousandBatchJobsStartsNext() {
        queue.enqueue(ordered("blocker", 0));
        await().atMost(timeout(10)).until(() -> started.contains("blocker"));
        List<EnqueueRequest<?>> batch = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            batch.add(ordered("batch-" + i, 0));
        }
        queue.enqueueAll(batch);
        queue.enqueue(ordered("critical", 10));

        gate.countDown();
        await().atMost(timeout(10)).until(() -> started.size() >= 3);
        assertThat(List.copyOf(started).subList(0, 3)).containsExactly("blocker", "critical", "batch-0");
    }

    @Test
    void higherPrioritiesGoFirstAndEachPriorityIsFifo() {
        queue.enqueue(ordered("blocker", 0));
        await().atMost(timeout(10)).until(() -> started.contains("blocker"));
        String[][] plan = {{"low-1", "-5"}, {"p1-a", "1"}, {"default-a", "0"}, {"p2-a", "2"}, {"p1-b", "1"},
            {"default-b", "0"}, {"p2-b", "2"}, {"low-2", "-5"}, {"p1-c", "1"}};
        for (String[] job : plan) {
            queue.enqueue(ordered(job[0], Integer.parseInt(job[1])));
        }

        gate.countDown();
        await().atMost(timeout(10)).until(() -> started.size() == plan.length + 1);
        assertThat(started).containsExactly("blocker", "p2-a", "p2-b", "p1-a", "p1-b", "p1-c", "default-a", "default-b",
                "low-1", "low-2");
    }

    @Test
    void aWaitingPrioritisedJobCanBeCancelledAndNeverRuns() {
        queue.enqueue(ordered("blocker", 0));
        await().atMost(timeout(10)).until(() -> started.contains("blocker"));
        EnqueueResult urgent = queue.enqueue(ordered("urgent", 7));
        queue.enqueue(ordered("after", 0));

        assertThat(queue.cancel(urgent.jobId()).success()).isTrue();
        gate.countDown();
        await().atMost(timeout(10)).until(() -> started.contains("after"));
        assertThat(started).doesNotContain("urgent");
        assertThat(queue.cancel(urgent.jobId()).reason()).isEqualTo(CancelResult.Reason.ALREADY_CANCELLED);
    }

    @Test
    void throttleDropsLaterRequestsWithinTheTtlThenAcceptsANewOne() {
        queue.enqueue(ordered("blocker", 0)); // keeps the throttled jobs waiting, so states are stable
        Deduplication rule = Deduplication.throttle("sync:42", Duration.ofMillis(700));
        EnqueueResult first = queue.enqueue(ordered("t-1", 0, rule));
        EnqueueResult second = queue.enqueue(ordered("t-2", 0, rule));

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.jobId()).isEqualTo(first.jobId());
        assertThat(queue.getJob(first.jobId()).orElseThrow().payloadJson()).isEqualTo("\"t-1\"");

        EnqueueResult later = await().atMost(timeout(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> queue.enqueue(ordered("t-3", 0, rule)), EnqueueResult::created);
        assertThat(later.jobId()).isNotEqualTo(first.jobId());
        gate.countDown();
        await().atMost(timeout(10)).until(() -> started.contains("t-3"));
        assertThat(started).contains("t-1").doesNotContain("t-2");
    }

    @Test
    void debounceRunsOnceWithTheLastPayloadAfterTheQuietPeriod() {
        gate.countDown();
        Deduplication rule = Deduplication.debounce("conversation:7");
        List<EnqueueResult> results = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            results.add(queue.enqueue(flush("event-" + i, rule)));
        }

        assertThat(results).extracting(EnqueueResult::jobId).containsOnly(results.get(0).jobId());
        assertThat(results).extracting(EnqueueResult::created).containsExactly(true, false, false, false, false);
        assertThat(results).extracting(EnqueueResult::state).containsOnly(JobState.DELAYED);
        await().atMost(timeout(10)).until(() -> started.contains("event-5"));
        assertThat(started).containsExactly("event-5");
        await().atMost(timeout(5)).until(() -> queue.getJob(results.get(0).jobId()).orElseThrow().state() == JobState.COMPLETED);

        EnqueueResult next = queue.enqueue(flush("event-6", rule));
        assertThat(next.created()).isTrue();
        assertThat(next.jobId()).isNotEqualTo(results.get(0).jobId());
        await().atMost(timeout(10)).until(() -> started.contains("event-6"));
    }

    @Test
    void debounceKeepsNothingOfAnEarlierRequestThatTheLaterOneLeavesOut() {
        Deduplication rule = Deduplication.debounce("conversation:9");
        EnqueueResult first = queue.enqueue(Jobs.<String>aJob("flush").payload("first").organizationId("org-a")
                .scopeKey("room-1").priority(5).rateLimitKey("k").delay(Duration.ofMinutes(1)).deduplication(rule).build());
        queue.enqueue(Jobs.<String>aJob("flush").delay(Duration.ofMinutes(1)).deduplication(rule).build());

        var job = queue.getJob(first.jobId()).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.DELAYED);
        assertThat(job.organizationId()).isNull();
        assertThat(job.scopeKey()).isNull();
        assertThat(job.payloadJson()).isNull();
        var hash = harness.inspector().<String, String>getMap(harness.keys().job(JobRef.parse(first.jobId())),
                org.redisson.client.codec.StringCodec.INSTANCE).readAllMap();
        assertThat(hash).doesNotContainKeys("prio", "rlKey", "org", "scopeKey", "payload").containsEntry("tenant", "t1");
        assertThat(queue.cancel(first.jobId()).success()).isTrue();
    }

    @Test
    void debounceRestartsTheDelayOnEachRequest() {
        gate.countDown();
        Deduplication rule = Deduplication.debounce("conversation:8");
        EnqueueResult first = queue.enqueue(flush("first", rule));
        long firstRunAt = queue.getJob(first.jobId()).orElseThrow().runAt().toEpochMilli();
        // each later request restarts the delay from its own time: the due time moves on with Redis's clock
        await().atMost(timeout(2)).pollInterval(Duration.ofMillis(20)).until(() -> {
            queue.enqueue(flush("second", rule));
            return queue.getJob(first.jobId()).orElseThrow().runAt().toEpochMilli() > firstRunAt;
        });
        await().atMost(timeout(10)).until(() -> started.contains("second"));
        assertThat(started).containsExactly("second");
    }

    @Test
    void badPriorityAndDeduplicationInputIsRefusedNamingTheField() {
        assertThatThrownBy(() -> aJob("ordered").priority(EnqueueRequest.MAX_PRIORITY + 1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("priority");
        assertThatThrownBy(() -> aJob("ordered").jobId("x").deduplication(Deduplication.debounce("d")).delay(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("jobId");
        assertThatThrownBy(() -> aJob("flush").deduplication(Deduplication.debounce("d")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("delay");
        assertThatThrownBy(() -> Deduplication.throttle("d", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("deduplication.ttl");
        assertThatThrownBy(() -> Deduplication.throttle("a|b", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("deduplication.id");
        assertThatThrownBy(() -> aJob("ordered").rateLimitKey("has space").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("rateLimitKey");
    }

    private static EnqueueRequest<String> ordered(String payload, int priority) {
        return Jobs.<String>aJob("ordered").payload(payload).priority(priority).build();
    }

    private static EnqueueRequest<String> ordered(String payload, int priority, Deduplication rule) {
        return Jobs.<String>aJob("ordered").payload(payload).priority(priority).deduplication(rule).build();
    }

    private static EnqueueRequest<String> flush(String payload, Deduplication rule) {
        return Jobs.<String>aJob("flush").payload(payload).delay(Duration.ofMillis(400)).deduplication(rule).build();
    }
}
