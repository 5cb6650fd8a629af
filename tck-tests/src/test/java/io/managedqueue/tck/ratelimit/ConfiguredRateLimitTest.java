package io.managedqueue.tck.ratelimit;

import static io.managedqueue.tck.ratelimit.StartWindows.SKEW_MILLIS;
import static io.managedqueue.tck.ratelimit.StartWindows.maxStartsInAnyWindow;
import static io.managedqueue.tck.ratelimit.StartWindows.spanMillis;
import static io.managedqueue.tck.support.Jobs.awaitCalls;
import static io.managedqueue.tck.support.Jobs.awaitState;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.tck.support.JobLog;
import io.managedqueue.tck.support.TckDeployment;

/** {@code managed-queue.rate-limit.<plugin>/<queue>} replaces the limit the handler declares. */
@ExtendWith(ArquillianExtension.class)
class ConfiguredRateLimitTest {

    static final String PLUGIN = "@tck/ratelimit-config";
    static final long WINDOW_MILLIS = 500;

    @Deployment
    static Archive<?> deployment() {
        return TckDeployment.forTest(ConfiguredRateLimitTest.class).classes(ConfiguredHandler.class, StartWindows.class)
                .config("managed-queue.rate-limit." + PLUGIN + "/configured", "2/" + WINDOW_MILLIS + "ms")
                .build();
    }

    @Inject
    ManagedQueueService queue;

    @Inject
    JobLog log;

    @Test
    void configuredLimitReplacesTheDeclaredOne() {
        List<String> jobIds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            jobIds.add(queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "configured", "call")
                    .tenantId("acme").payload("job-" + i).build()).jobId());
        }

        jobIds.forEach(id -> awaitCalls(log, id, 1));
        // as the platform counts them: claims on Redis's clock (see StartWindows)
        List<Instant> starts = jobIds.stream().map(id -> awaitState(queue, id, JobState.COMPLETED).startedAt()).toList();

        assertThat(maxStartsInAnyWindow(starts, WINDOW_MILLIS - SKEW_MILLIS)).as("starts %s", starts).isLessThanOrEqualTo(2);
        assertThat(spanMillis(starts)).as("6 jobs at 2 per window need three windows").isGreaterThanOrEqualTo(2 * WINDOW_MILLIS - SKEW_MILLIS);
    }
}
