package io.managedqueue.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;

class SmokeTest {

    public record Greeting(String text, int count) {
    }

    static final List<Greeting> seen = new CopyOnWriteArrayList<>();

    @ApplicationScoped
    @PluginJobProcessor(pluginName = "@test/smoke", queueName = "smoke.q", jobName = "greet")
    public static class GreetingHandler implements PluginJobHandler<Greeting> {
        @Override
        public void handle(ManagedQueueJob<Greeting> job) {
            seen.add(job.data());
        }
    }

    private final PlatformHarness harness = new PlatformHarness("smoke");

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void payloadRoundTrip() {
        WeldContainer container = harness.start(GreetingHandler.class);
        ManagedQueueService queue = harness.queue(container);
        EnqueueResult r = queue.enqueue(EnqueueRequest.<Greeting>builder("@test/smoke", "smoke.q", "greet")
                .payload(new Greeting("hello", 3)).tenantId("t1").build());
        await().atMost(PlatformHarness.timeout(10)).until(() -> !seen.isEmpty());
        assertThat(seen).containsExactly(new Greeting("hello", 3));
        await().atMost(PlatformHarness.timeout(5)).until(() -> queue.getJob(r.jobId()).map(s -> s.state() == JobState.COMPLETED).orElse(false));
    }
}
