package io.managedqueue.tck.dedup;

import static io.managedqueue.tck.support.Jobs.awaitCalls;
import static io.managedqueue.tck.support.Jobs.awaitState;
import static io.managedqueue.tck.support.Waits.eventually;
import static io.managedqueue.tck.support.Waits.never;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.Retention;
import io.managedqueue.tck.support.JobLog;
import io.managedqueue.tck.support.TckDeployment;

/**
 * A custom job id deduplicates: while a job with that id exists (in the same plugin, queue and
 * tenant), enqueueing it again returns the existing job and writes nothing.
 */
@ExtendWith(ArquillianExtension.class)
class DedupTest {

    static final String PLUGIN = "@tck/dedup";

    @Deployment
    static Archive<?> deployment() {
        return TckDeployment.forTest(DedupTest.class).classes(OrderHandler.class).build();
    }

    @Inject
    ManagedQueueService queue;

    @Inject
    JobLog log;

    @Test
    void sameCustomIdReturnsTheExistingJob() {
        EnqueueResult first = queue.enqueue(order("order-42", "first").delay(Duration.ofMillis(800)).build());
        EnqueueResult second = queue.enqueue(order("order-42", "second").build());

        assertThat(first.created()).isTrue();
        assertThat(first.state()).isEqualTo(JobState.DELAYED);
        assertThat(second.created()).isFalse();
        assertThat(second.jobId()).isEqualTo(first.jobId());
        assertThat(second.state()).as("the existing job's state").isEqualTo(JobState.DELAYED);

        awaitState(queue, first.jobId(), JobState.COMPLETED);
        assertThat(awaitCalls(log, first.jobId(), 1).get(0).data()).as("the first request's payload").isEqualTo("first");
        never(Duration.ofMillis(500), () -> log.count(first.jobId()) > 1);

        EnqueueResult third = queue.enqueue(order("order-42", "third").build());
        assertThat(third.created()).as("a retained completed job still deduplicates").isFalse();
        assertThat(third.jobId()).isEqualTo(first.jobId());
        assertThat(third.state()).isEqualTo(JobState.COMPLETED);
        never(Duration.ofMillis(500), () -> log.count(first.jobId()) > 1);
    }

    @Test
    void jobRemovedByRetentionCanBeEnqueuedAgain() {
        EnqueueResult first = queue.enqueue(order("order-43", "once").removeOnComplete(Retention.none()).build());
        awaitCalls(log, first.jobId(), 1);
        eventually().alias("completed job removed at once").until(() -> queue.getJob(first.jobId()).isEmpty());

        EnqueueResult again = queue.enqueue(order("order-43", "twice").removeOnComplete(Retention.none()).build());

        assertThat(again.created()).isTrue();
        eventually().until(() -> log.calls().stream().anyMatch(c -> "twice".equals(c.data())));
    }

    @Test
    void jobsWithoutCustomIdAreNeverDeduplicated() {
        EnqueueResult one = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "orders", "process")
                .payload("same").tenantId("acme").build());
        EnqueueResult two = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "orders", "process")
                .payload("same").tenantId("acme").build());

        assertThat(one.created()).isTrue();
        assertThat(two.created()).isTrue();
        assertThat(two.jobId()).isNotEqualTo(one.jobId());
        awaitCalls(log, one.jobId(), 1);
        awaitCalls(log, two.jobId(), 1);
    }

    @Test
    void duplicatesInOneBulkEnqueueAreDeduplicated() {
        List<EnqueueResult> results = queue.enqueueAll(List.of(
                order("order-44", "bulk-first").build(), order("order-44", "bulk-second").build()));

        assertThat(results.get(0).created()).isTrue();
        assertThat(results.get(1).created()).isFalse();
        assertThat(results.get(1).jobId()).isEqualTo(results.get(0).jobId());
        assertThat(awaitCalls(log, results.get(0).jobId(), 1).get(0).data()).isEqualTo("bulk-first");
        never(Duration.ofMillis(500), () -> log.count(results.get(0).jobId()) > 1);
    }

    private static EnqueueRequest.Builder<String> order(String jobId, String payload) {
        return EnqueueRequest.<String>builder(PLUGIN, "orders", "process").jobId(jobId).payload(payload).tenantId("acme");
    }
}
