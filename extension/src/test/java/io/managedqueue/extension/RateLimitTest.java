package io.managedqueue.extension;

import static io.managedqueue.extension.Jobs.PLUGIN;
import static io.managedqueue.extension.Jobs.QUEUE;
import static io.managedqueue.extension.PlatformHarness.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DefinitionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.RateLimit;

/**
 * Rate limits in one process; the cluster-wide claim is proven across JVMs in reliability-tests.
 * Start times are the jobs' {@code startedAt}, stamped on Redis's clock when claimed: the limit is
 * counted there, so the windows are checked exactly, however late a busy machine runs a handler.
 */
class RateLimitTest {

    static final String LIMITED = "limited.queue";
    /** Payload to job id, recorded by the handler; start times come from Redis (see {@link #startTimes()}). */
    static final Map<String, String> ran = new ConcurrentHashMap<>();

    /** Queue limit 4 per 600 ms, key limit 1 per 400 ms, concurrency high enough never to be the bound. */
    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = LIMITED, jobName = "call", concurrency = 8,
            rateLimit = @RateLimit(max = 4, duration = 600, unit = java.time.temporal.ChronoUnit.MILLIS))
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "per-key", concurrency = 8,
            keyRateLimit = @RateLimit(max = 1, duration = 400, unit = java.time.temporal.ChronoUnit.MILLIS))
    public static class RecordingHandler implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
            ran.put(job.data(), job.id());
        }
    }

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "a",
            rateLimit = @RateLimit(max = 5))
    public static class FivePerSecond implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
        }
    }

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "b",
            rateLimit = @RateLimit(max = 6))
    public static class SixPerSecond implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
        }
    }

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "negative",
            keyRateLimit = @RateLimit(max = -1))
    public static class NegativeLimit implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
        }
    }

    private final PlatformHarness harness = new PlatformHarness("ratelimit");
    private ManagedQueueService queue;

    @BeforeEach
    void clear() {
        ran.clear();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aQueueLimitHoldsInEverySlidingWindowAndLimitedJobsUseNoAttempt() {
        queue = harness.queue(harness.start(RecordingHandler.class));
        List<EnqueueResult> jobs = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            jobs.add(queue.enqueue(request(LIMITED, "call", "job-" + i).build()));
        }

        await().atMost(timeout(15)).until(() -> ran.size() == 14);
        List<Long> starts = starts("job-");
        assertThat(maxStartsInAnyWindow(starts, 600)).isLessThanOrEqualTo(4);
        assertThat(starts.get(starts.size() - 1) - starts.get(0)).as("14 jobs at 4 per 600 ms need three full windows")
                .isGreaterThanOrEqualTo(3 * 600);
        await().atMost(timeout(5)).until(() -> jobs.stream()
                .allMatch(r -> queue.getJob(r.jobId()).orElseThrow().state() == JobState.COMPLETED));
        assertThat(jobs).allSatisfy(r -> assertThat(queue.getJob(r.jobId()).orElseThrow().attemptsMade()).isEqualTo(1));
    }

    @Test
    void aKeyAtItsLimitWaitsAsideWithoutHoldingBackOtherKeys() {
        queue = harness.queue(harness.start(RecordingHandler.class));
        List<EnqueueRequest<?>> jobs = new ArrayList<>(); // one pipelined call: all wait before the key's window frees
        for (int i = 0; i < 4; i++) {
            jobs.add(request(QUEUE, "per-key", "slow-" + i).rateLimitKey("integration-1").build());
        }
        for (int i = 0; i < 4; i++) {
            jobs.add(request(QUEUE, "per-key", "other-" + i).rateLimitKey("integration-2").build());
            jobs.add(request(QUEUE, "per-key", "free-" + i).build());
        }
        queue.enqueueAll(jobs);

        await().atMost(timeout(10)).until(() -> ran.size() == 12);
        List<Long> slow = starts("slow-");
        List<Long> other = starts("other-");
        assertThat(maxStartsInAnyWindow(slow, 400)).isEqualTo(1);
        assertThat(maxStartsInAnyWindow(other, 400)).isEqualTo(1);
        long lastFree = starts("free-").stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(lastFree).as("unkeyed jobs never wait for a key's window").isLessThan(slow.get(1));
        assertThat(slow.get(3) - slow.get(0)).isGreaterThanOrEqualTo(3 * 400);
    }

    @Test
    void aParkedJobCanBeCancelledAndNeverRuns() {
        queue = harness.queue(harness.start(RecordingHandler.class));
        queue.enqueue(request(QUEUE, "per-key", "first").rateLimitKey("k").build());
        EnqueueResult parked = queue.enqueue(request(QUEUE, "per-key", "parked").rateLimitKey("k").build());
        EnqueueResult after = queue.enqueue(request(QUEUE, "per-key", "after").rateLimitKey("k").build());
        await().atMost(timeout(5)).until(() -> ran.containsKey("first"));

        assertThat(queue.cancel(parked.jobId()).success()).isTrue();
        await().atMost(timeout(5)).until(() -> ran.containsKey("after"));
        assertThat(ran).doesNotContainKey("parked");
        assertThat(queue.getJob(after.jobId()).orElseThrow().attemptsMade()).isEqualTo(1);
    }

    @Test
    void jobsParkedByAKeyLimitRunOnceTheLimitIsSwitchedOff() {
        String override = "managed-queue.key-rate-limit." + PLUGIN + "/" + QUEUE;
        harness.with(override, "1/PT1H");
        var limited = harness.start(RecordingHandler.class);
        queue = harness.queue(limited);
        for (int i = 0; i < 3; i++) {
            queue.enqueue(request(QUEUE, "per-key", "keyed-" + i).rateLimitKey("k").build());
        }
        await().atMost(timeout(5)).until(() -> ran.size() == 1);
        harness.stop(limited);

        harness.with(override, "0/PT1S");
        queue = harness.queue(harness.start(RecordingHandler.class));
        await().atMost(timeout(10)).until(() -> ran.size() == 3);
    }

    @Test
    void configurationOverridesTheDeclaredLimit() {
        harness.with("managed-queue.rate-limit." + PLUGIN + "/" + LIMITED, "1/PT0.5S");
        queue = harness.queue(harness.start(RecordingHandler.class));
        for (int i = 0; i < 4; i++) {
            queue.enqueue(request(LIMITED, "call", "job-" + i).build());
        }
        await().atMost(timeout(10)).until(() -> ran.size() == 4);
        assertThat(maxStartsInAnyWindow(starts("job-"), 500)).isEqualTo(1);
    }

    @Test
    void handlersOfOneQueueDeclaringDifferentLimitsFailDeployment() {
        Throwable failure = catchThrowable(() -> harness.start(FivePerSecond.class, SixPerSecond.class));
        assertThat(failure).isNotNull();
        assertThat(rootDefinitionMessage(failure)).contains("{" + PLUGIN + ", " + QUEUE + "}", "rateLimit",
                FivePerSecond.class.getName(), SixPerSecond.class.getName());
    }

    @Test
    void aNegativeLimitFailsDeploymentNamingTheAttribute() {
        Throwable failure = catchThrowable(() -> harness.start(NegativeLimit.class));
        assertThat(rootDefinitionMessage(failure)).contains(NegativeLimit.class.getName(), "keyRateLimit.max");
    }

    @Test
    void aMalformedConfiguredLimitIsRefusedNamingTheKey() {
        harness.with("managed-queue.rate-limit." + PLUGIN + "/" + LIMITED, "lots");
        Throwable failure = catchThrowable(() -> harness.start(RecordingHandler.class));
        assertThat(failure).isNotNull();
        assertThat(allMessages(failure)).contains("managed-queue.rate-limit." + PLUGIN + "/" + LIMITED);
    }

    private static EnqueueRequest.Builder<String> request(String queueName, String job, String payload) {
        return EnqueueRequest.<String>builder(PLUGIN, queueName, job).tenantId("t1").payload(payload);
    }

    /** When the jobs whose payload starts with {@code prefix} were claimed, on Redis's clock (what the limit counts). */
    private List<Long> starts(String prefix) {
        return ran.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .map(e -> queue.getJob(e.getValue()).orElseThrow().startedAt().toEpochMilli()).sorted().toList();
    }

    /** The most starts that fall into one window of {@code windowMillis}, over every window position. */
    static int maxStartsInAnyWindow(java.util.Collection<Long> starts, long windowMillis) {
        List<Long> sorted = starts.stream().sorted().toList();
        int max = 0;
        for (int i = 0, j = 0; i < sorted.size(); i++) {
            while (sorted.get(i) - sorted.get(j) >= windowMillis) {
                j++;
            }
            max = Math.max(max, i - j + 1);
        }
        return max;
    }

    private static String rootDefinitionMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DefinitionException) {
                return allMessages(t);
            }
        }
        return allMessages(failure);
    }

    private static String allMessages(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            out.append(t.getMessage()).append('\n');
            for (Throwable s : t.getSuppressed()) {
                out.append(s.getMessage()).append('\n');
            }
        }
        return out.toString();
    }
}
