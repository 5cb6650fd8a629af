package io.managedqueue.extension;

import static io.managedqueue.extension.Jobs.PLUGIN;
import static io.managedqueue.extension.Jobs.QUEUE;
import static io.managedqueue.extension.Jobs.aJob;
import static io.managedqueue.extension.PlatformHarness.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.config.TransportMode;

import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.extension.cdi.EngineLifecycle;
import io.managedqueue.extension.redis.RedisClientFactory;
import io.managedqueue.testing.TestRedis;

class ConfigurationTest {

    static final Set<String> done = ConcurrentHashMap.newKeySet();

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "work")
    public static class Handler implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
            done.add(job.id());
        }
    }

    private final PlatformHarness harness = new PlatformHarness("config");

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aRedissonYamlFileConfiguresTheConnection(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("redisson.yaml");
        Files.writeString(yaml, "singleServerConfig:\n  address: \"" + TestRedis.address() + "\"\n  database: 3\n");
        harness.with("managed-queue.redis.address", "redis://127.0.0.1:1") // ignored: the file wins
                .with("managed-queue.redis.config-file", yaml.toString());
        ManagedQueueService queue = harness.queue(harness.start(Handler.class));

        EnqueueResult job = queue.enqueue(aJob("work").build());
        await().atMost(timeout(10)).until(() -> done.contains(job.jobId()));
        assertThat(queue.getRedis().getConfig().useSingleServer().getDatabase()).isEqualTo(3);
        assertThat(queue.getRedis().getConfig().isReferenceEnabled()).as("the file's (Redisson's default), not ours").isTrue();
    }

    @Test
    void aClientBuiltFromTheKeysGetsThePlatformsClientSettings() {
        ManagedQueueService queue = harness.queue(harness.start(Handler.class));
        assertThat(queue.getRedis().getConfig().isReferenceEnabled()).isFalse();
        // this module's test class path has the optional native epoll jar: on Linux x86-64 it is used, elsewhere NIO
        assertThat(queue.getRedis().getConfig().getTransportMode())
                .isEqualTo(RedisClientFactory.nativeEpollAvailable() ? TransportMode.EPOLL : TransportMode.NIO);
    }

    @Test
    void aBadValueFailsStartUpNamingTheKey() {
        harness.with("managed-queue.lease.duration", "soon");
        Throwable failure = catchThrowable(() -> harness.queue(harness.start(Handler.class)).getRedis());
        assertThat(rootMessages(failure)).contains("managed-queue.lease.duration");
    }

    @Test
    void concurrencyCanBeOverriddenByConfiguration() {
        harness.with("managed-queue.concurrency." + PLUGIN + "/" + QUEUE + "/work", "0");
        Throwable failure = catchThrowable(() -> harness.queue(harness.start(Handler.class)).getRedis());
        assertThat(rootMessages(failure)).contains("managed-queue.concurrency." + PLUGIN + "/" + QUEUE + "/work must be >= 1");
    }

    @Test
    void workersCanBeSwitchedOffForWebOnlyProcesses() {
        harness.with("managed-queue.worker.enabled", "false");
        var webOnly = harness.start(Handler.class);
        ManagedQueueService queue = harness.queue(webOnly);
        EnqueueResult job = queue.enqueue(aJob("work").build());
        assertThat(webOnly.select(EngineLifecycle.class).get().workersRunning()).isFalse();
        await().during(java.time.Duration.ofMillis(500)).atMost(timeout(5))
                .until(() -> queue.getJob(job.jobId()).orElseThrow().state() == io.managedqueue.api.JobState.WAITING);
        // a second, worker-enabled process picks the job up
        harness.with("managed-queue.worker.enabled", "true");
        harness.start(Handler.class);
        await().atMost(timeout(10)).until(() -> done.contains(job.jobId()));
    }

    private static String rootMessages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
