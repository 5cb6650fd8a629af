package io.managedqueue.tck.discovery;

import static io.managedqueue.tck.support.Jobs.awaitCalls;
import static io.managedqueue.tck.support.Jobs.awaitState;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.tck.support.JobLog;
import io.managedqueue.tck.support.TckDeployment;
import io.managedqueue.testing.TestTimeouts;

/**
 * Handlers are discovered from {@code @PluginJobProcessor} beans and called with the typed
 * payload and the job's metadata; a repeated annotation registers every address it names.
 * The deployment-failure cases are the {@code *DeploymentTest} classes of this package.
 */
@ExtendWith(ArquillianExtension.class)
class DiscoveryTest {

    static final String PLUGIN = "@tck/discovery";

    @Deployment
    static Archive<?> deployment() {
        return TckDeployment.forTest(DiscoveryTest.class)
                .classes(Greeting.class, GreetingHandler.class, InboundHandler.class, InheritedGreetingHandler.class)
                .build();
    }

    @Inject
    ManagedQueueService queue;

    @Inject
    JobLog log;

    @Test
    void handlerIsCalledWithTheTypedPayloadAndTheJobsMetadata() {
        Greeting greeting = new Greeting("hello", 3, List.of("a", "b"));
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        EnqueueResult result = queue.enqueue(EnqueueRequest.<Greeting>builder(PLUGIN, "greetings", "greet")
                .payload(greeting)
                .tenantId("tenant-1").organizationId("org-1")
                .scopeKey("conversation-7")
                .attempts(2)
                .build());

        assertThat(result.created()).isTrue();
        assertThat(result.jobId()).isNotBlank();
        JobLog.Call call = awaitCalls(log, result.jobId(), 1).get(0);
        assertThat(call.data()).isInstanceOf(Greeting.class).isEqualTo(greeting);
        assertThat(call.address()).isEqualTo(JobAddress.of(PLUGIN, "greetings", "greet"));
        assertThat(call.jobTenant()).isEqualTo("tenant-1");
        assertThat(call.jobOrganization()).isEqualTo("org-1");
        assertThat(call.scopeKey()).contains("conversation-7");
        assertThat(call.attemptsMade()).isEqualTo(1);
        assertThat(call.maxAttempts()).isEqualTo(2);
        assertThat(call.finalAttempt()).isFalse();
        assertThat(call.threadKnowsTheApplication())
                .as("CDI.current() and the context class loader work on the handler's thread (%s)", call.thread())
                .isTrue();
        // Clocks of the test, the worker and Redis may differ a little: a sanity bound, not an exact one.
        assertThat(call.enqueuedAt()).isBetween(before.minusSeconds(1), call.startedAt().plusSeconds(1));

        JobSnapshot done = awaitState(queue, result.jobId(), JobState.COMPLETED);
        assertThat(done.address()).isEqualTo(JobAddress.of(PLUGIN, "greetings", "greet"));
        assertThat(done.tenantId()).isEqualTo("tenant-1");
        assertThat(done.organizationId()).isEqualTo("org-1");
        assertThat(done.scopeKey()).isEqualTo("conversation-7");
        assertThat(done.attemptsMade()).isEqualTo(1);
        assertThat(done.maxAttempts()).isEqualTo(2);
        assertThat(done.lastError()).isNull();
        assertThat(done.finishedAt()).isNotNull();
    }

    @Test
    void everyAddressOfARepeatedAnnotationIsHandled() {
        EnqueueResult aggregate = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "inbound", "aggregate")
                .payload("event-1").tenantId("tenant-1").build());
        EnqueueResult flush = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "inbound", "flush")
                .payload("window-1").tenantId("tenant-1").build());

        JobLog.Call aggregated = awaitCalls(log, aggregate.jobId(), 1).get(0);
        JobLog.Call flushed = awaitCalls(log, flush.jobId(), 1).get(0);
        assertThat(aggregated.jobName()).isEqualTo("aggregate");
        assertThat(aggregated.data()).isEqualTo("event-1");
        assertThat(flushed.jobName()).isEqualTo("flush");
        assertThat(flushed.data()).isEqualTo("window-1");
    }

    @Test
    void payloadTypeIsResolvedThroughAGenericSuperclass() {
        Greeting greeting = new Greeting("inherited", 1, List.of());

        EnqueueResult result = queue.enqueue(EnqueueRequest.<Greeting>builder(PLUGIN, "greetings", "inherited")
                .payload(greeting).tenantId("tenant-1").build());

        assertThat(awaitCalls(log, result.jobId(), 1).get(0).data()).isInstanceOf(Greeting.class).isEqualTo(greeting);
    }

    @Test
    void jobWithoutPayloadGetsNull() {
        EnqueueResult result = queue.enqueue(EnqueueRequest.<Greeting>builder(PLUGIN, "greetings", "greet")
                .tenantId("tenant-1").build());

        assertThat(awaitCalls(log, result.jobId(), 1).get(0).data()).isNull();
    }

    @Test
    void bulkAndAsynchronousEnqueueReachTheHandlers() throws Exception {
        List<EnqueueResult> bulk = queue.enqueueAll(List.of(
                EnqueueRequest.<String>builder(PLUGIN, "inbound", "aggregate").payload("bulk-1").tenantId("tenant-1").build(),
                EnqueueRequest.<Greeting>builder(PLUGIN, "greetings", "greet")
                        .payload(new Greeting("bulk-2", 2, List.of())).tenantId("tenant-1").build()));
        EnqueueResult async = queue.enqueueAsync(EnqueueRequest.<String>builder(PLUGIN, "inbound", "flush")
                        .payload("async-1").tenantId("tenant-1").build())
                .toCompletableFuture().get(TestTimeouts.seconds(20).toMillis(), TimeUnit.MILLISECONDS);

        assertThat(bulk).hasSize(2).allSatisfy(r -> assertThat(r.created()).isTrue());
        assertThat(bulk.get(0).jobId()).isNotEqualTo(bulk.get(1).jobId());
        assertThat(awaitCalls(log, bulk.get(0).jobId(), 1).get(0).data()).isEqualTo("bulk-1");
        assertThat(awaitCalls(log, bulk.get(1).jobId(), 1).get(0).data()).isEqualTo(new Greeting("bulk-2", 2, List.of()));
        assertThat(async.created()).isTrue();
        assertThat(awaitCalls(log, async.jobId(), 1).get(0).data()).isEqualTo("async-1");
    }
}
