package io.managedqueue.extension;

import static io.managedqueue.extension.Jobs.PLUGIN;
import static io.managedqueue.extension.Jobs.QUEUE;
import static io.managedqueue.extension.Jobs.aJob;
import static io.managedqueue.extension.PlatformHarness.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.Retention;
import io.managedqueue.extension.redis.JobRef;

class RetentionTest {

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "ok")
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "ko")
    public static class Handler implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
            if (job.name().equals("ko")) {
                throw new IllegalStateException("ko");
            }
        }
    }

    private final PlatformHarness harness = new PlatformHarness("retention");
    private ManagedQueueService queue;

    @BeforeEach
    void start() {
        queue = harness.queue(harness.start(Handler.class));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aCountRetentionKeepsTheNewestCompletedJobs() {
        List<EnqueueResult> jobs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            jobs.add(queue.enqueue(aJob("ok").removeOnComplete(Retention.ofCount(3)).build()));
            EnqueueResult last = jobs.get(i);
            await().atMost(timeout(10)).until(() -> queue.getJob(last.jobId()).map(s -> s.state() == JobState.COMPLETED).orElse(false));
        }
        assertThat(jobs.subList(0, 7)).allMatch(r -> queue.getJob(r.jobId()).isEmpty());
        assertThat(jobs.subList(7, 10)).allMatch(r -> queue.getJob(r.jobId()).isPresent());
        assertThat(harness.inspector().getScoredSortedSet(harness.keys().completed(new JobAddress(PLUGIN, QUEUE, "ok"))).size())
                .isEqualTo(3);
    }

    @Test
    void anAgeRetentionRemovesJobsOlderThanItOnceAnotherJobFinishes() {
        EnqueueResult old = queue.enqueue(aJob("ok").removeOnComplete(Retention.ofAge(Duration.ofMillis(300))).build());
        await().atMost(timeout(10)).until(() -> queue.getJob(old.jobId()).map(s -> s.state() == JobState.COMPLETED).orElse(false));

        // pruning happens when a job of the same address finishes; keep finishing jobs until the old one ages out
        await().atMost(timeout(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            EnqueueResult next = queue.enqueue(aJob("ok").removeOnComplete(Retention.ofAge(Duration.ofMillis(300))).build());
            await().atMost(timeout(10)).until(() -> queue.getJob(next.jobId()).map(s -> s.state() == JobState.COMPLETED).orElse(false));
            return queue.getJob(old.jobId()).isEmpty();
        });
    }

    @Test
    void retentionNoneRemovesAJobWhenItFinishes() {
        EnqueueResult job = queue.enqueue(aJob("ok").removeOnComplete(Retention.none()).build());
        EnqueueResult failed = queue.enqueue(aJob("ko").removeOnFail(Retention.none()).build());
        await().atMost(timeout(10)).until(() -> queue.getJob(job.jobId()).isEmpty() && queue.getJob(failed.jobId()).isEmpty());
    }

    @Test
    void finishedJobsAreBoundedByDefault() {
        EnqueueResult job = queue.enqueue(aJob("ok").build());
        EnqueueResult failed = queue.enqueue(aJob("ko").build());
        await().atMost(timeout(10)).until(() -> queue.getJob(failed.jobId()).map(s -> s.state() == JobState.FAILED).orElse(false));
        Map<String, String> completedHash = harness.inspector().<String, String>getMap(harness.keys().job(JobRef.parse(job.jobId()))).readAllMap();
        Map<String, String> failedHash = harness.inspector().<String, String>getMap(harness.keys().job(JobRef.parse(failed.jobId()))).readAllMap();
        assertThat(completedHash).containsEntry("rcAge", String.valueOf(Duration.ofDays(1).toMillis())).containsEntry("rcCount", "5000");
        assertThat(failedHash).containsEntry("rfAge", String.valueOf(Duration.ofDays(7).toMillis())).containsEntry("rfCount", "5000");
    }
}
