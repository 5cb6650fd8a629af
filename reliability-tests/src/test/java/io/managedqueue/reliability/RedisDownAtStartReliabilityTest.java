package io.managedqueue.reliability;

import static io.managedqueue.reliability.support.Reliability.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueException;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.reliability.support.Figures;
import io.managedqueue.reliability.support.InProcess;
import io.managedqueue.reliability.support.Reliability;
import io.managedqueue.reliability.worker.Recorder;
import io.managedqueue.reliability.worker.RecordingHandler;
import io.managedqueue.reliability.worker.RequestProbe;
import io.managedqueue.reliability.worker.Work;
import io.managedqueue.testing.topology.RedisProcess;

/**
 * Scenario 13: the application starts while its Redis is down. It must start (no exception from the
 * container), refuse enqueues with {@link ManagedQueueException} meanwhile, and once Redis is started
 * enqueue and run jobs with no restart of the application.
 */
@Tag(Reliability.TAG)
class RedisDownAtStartReliabilityTest {

    @Test
    void theApplicationStartsWithoutRedisAndRunsJobsOnceItAppears() {
        RedisProcess redis = RedisProcess.start("down-at-start", Reliability.workDir().resolve("down-at-start-" + System.nanoTime()),
                List.of("save \"\"", "appendonly no"), false);
        redis.stop(); // its port is known, nothing answers on it
        try (InProcess platform = InProcess.start(java.util.Map.of(
                "managed-queue.redis.address", redis.address(),
                "managed-queue.key-prefix", "rel-down",
                "managed-queue.redis.timeout", "500ms",
                "managed-queue.redis.retry-attempts", "1",
                "managed-queue.redis.retry-interval", "100ms"), false, RecordingHandler.class, Recorder.class, RequestProbe.class)) {
            ManagedQueueService queue = platform.queue();
            assertThatThrownBy(() -> queue.enqueue(job("early"))).isInstanceOf(ManagedQueueException.class);

            long startedAt = System.currentTimeMillis();
            redis.restart();
            AtomicReference<EnqueueResult> accepted = new AtomicReference<>();
            await("an enqueue succeeds").atMost(seconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> accepted.compareAndSet(null, queue.enqueue(job("after"))) || accepted.get() != null);
            long enqueueMillis = System.currentTimeMillis() - startedAt;
            await("the job runs").atMost(seconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> queue.getJob(accepted.get().jobId()).map(s -> s.state() == JobState.COMPLETED).orElse(false));
            long completedMillis = System.currentTimeMillis() - startedAt;
            new Figures("13-redis-down-at-start")
                    .put("application started with Redis down", "yes; enqueue threw ManagedQueueException")
                    .put("first enqueue accepted after redis-server started, ms", enqueueMillis)
                    .put("first job completed after redis-server started, ms", completedMillis)
                    .report();
            assertThat(completedMillis).isLessThan(seconds(30).toMillis());
        } finally {
            redis.kill();
        }
    }

    private static EnqueueRequest<Work> job(String id) {
        return EnqueueRequest.<Work>builder(Reliability.PLUGIN, Reliability.QUEUE, Reliability.JOB)
                .tenantId("t0").jobId(id).payload(Work.of(0, 10, "t0")).build();
    }
}
