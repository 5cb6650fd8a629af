package io.managedqueue.tck.debounce;

import static io.managedqueue.tck.support.Jobs.awaitCalls;
import static io.managedqueue.tck.support.Jobs.awaitState;
import static io.managedqueue.tck.support.Waits.never;
import static io.managedqueue.tck.support.Waits.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.managedqueue.api.Deduplication;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.tck.support.JobLog;
import io.managedqueue.tck.support.TckDeployment;

/**
 * Throttle: the first request of a deduplication id creates the job, later ones within its ttl
 * are dropped and return that job. Debounce: while the job is still delayed, a later request
 * replaces its payload and restarts its delay, so it runs once with the last payload.
 */
@ExtendWith(ArquillianExtension.class)
class DebounceTest {

    static final String PLUGIN = "@tck/debounce";

    @Deployment
    static Archive<?> deployment() {
        return TckDeployment.forTest(DebounceTest.class).classes(Gate.class, CoalescingHandler.class).build();
    }

    @Inject
    ManagedQueueService queue;

    @Inject
    JobLog log;

    @Inject
    Gate gate;

    @Test
    void throttleDropsEveryRequestWithinTheTtlEvenAfterTheJobRan() {
        Deduplication rule = Deduplication.throttle("sync:1", Duration.ofMinutes(5));
        EnqueueResult first = queue.enqueue(sync("first", "acme", rule));
        EnqueueResult second = queue.enqueue(sync("second", "acme", rule));

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.jobId()).isEqualTo(first.jobId());
        assertThat(awaitCalls(log, first.jobId(), 1).get(0).data()).isEqualTo("first");
        awaitState(queue, first.jobId(), JobState.COMPLETED);

        EnqueueResult third = queue.enqueue(sync("third", "acme", rule));

        assertThat(third.created()).as("still within the ttl of the first request").isFalse();
        assertThat(third.jobId()).isEqualTo(first.jobId());
        assertThat(third.state()).isEqualTo(JobState.COMPLETED);
        never(Duration.ofMillis(500), () -> log.calls().stream().anyMatch(c -> c.data().equals("second") || c.data().equals("third")));
        assertThat(log.count(first.jobId())).isEqualTo(1);
    }

    @Test
    void throttleAcceptsANewJobOnceTheTtlHasPassed() {
        Duration ttl = Duration.ofMillis(700);
        Deduplication rule = Deduplication.throttle("sync:2", ttl);
        EnqueueResult first = queue.enqueue(sync("before", "acme", rule));

        EnqueueResult after = within(Duration.ofSeconds(5)).alias("a request after the ttl creates a job")
                .until(() -> queue.enqueue(sync("after", "acme", rule)), EnqueueResult::created);

        assertThat(after.jobId()).isNotEqualTo(first.jobId());
        Instant firstEnqueued = queue.getJob(first.jobId()).orElseThrow().enqueuedAt();
        Instant afterEnqueued = queue.getJob(after.jobId()).orElseThrow().enqueuedAt();
        assertThat(Duration.between(firstEnqueued, afterEnqueued)).as("created only once the ttl passed").isGreaterThanOrEqualTo(ttl);
        assertThat(awaitCalls(log, first.jobId(), 1).get(0).data()).isEqualTo("before");
        assertThat(awaitCalls(log, after.jobId(), 1).get(0).data()).isEqualTo("after");
    }

    @Test
    void throttleIdsOfTwoTenantsNeverMeet() {
        Deduplication rule = Deduplication.throttle("sync:3", Duration.ofMinutes(5));
        EnqueueResult acme = queue.enqueue(sync("acme-run", "acme", rule));
        EnqueueResult globex = queue.enqueue(sync("globex-run", "globex", rule));

        assertThat(acme.created()).isTrue();
        assertThat(globex.created()).isTrue();
        assertThat(globex.jobId()).isNotEqualTo(acme.jobId());
        awaitCalls(log, acme.jobId(), 1);
        assertThat(awaitCalls(log, globex.jobId(), 1).get(0).jobTenant()).isEqualTo("globex");
    }

    @Test
    void debounceRunsOnceWithTheLastPayloadUnderTheFirstJobId() {
        Deduplication rule = Deduplication.debounce("conversation:1");
        List<EnqueueResult> results = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            results.add(queue.enqueue(flush("event-" + i, rule, Duration.ofMillis(800))));
        }
        String jobId = results.get(0).jobId();

        assertThat(results).extracting(EnqueueResult::jobId).containsOnly(jobId);
        assertThat(results).extracting(EnqueueResult::created).containsExactly(true, false, false, false, false);
        assertThat(results).extracting(EnqueueResult::state).containsOnly(JobState.DELAYED);
        assertThat(awaitCalls(log, jobId, 1).get(0).data()).isEqualTo("event-5");
        awaitState(queue, jobId, JobState.COMPLETED);
        never(Duration.ofMillis(500), () -> log.count(jobId) > 1);
        assertThat(log.calls()).extracting(JobLog.Call::data).doesNotContain("event-1", "event-2", "event-3", "event-4");
    }

    @Test
    void debounceRestartsTheDelayOnEveryRequest() {
        Duration delay = Duration.ofMillis(1000);
        Deduplication rule = Deduplication.debounce("conversation:2");
        EnqueueResult first = queue.enqueue(flush("first", rule, delay));
        Instant firstRunAt = queue.getJob(first.jobId()).orElseThrow().runAt();
        within(Duration.ofSeconds(5)).alias("half the quiet period passes")
                .until(() -> Instant.now().isAfter(firstRunAt.minus(delay.dividedBy(2))));

        Instant beforeSecond = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EnqueueResult second = queue.enqueue(flush("second", rule, delay));

        assertThat(second.jobId()).isEqualTo(first.jobId());
        assertThat(second.created()).isFalse();
        JobSnapshot pending = queue.getJob(first.jobId()).orElseThrow();
        assertThat(pending.state()).isEqualTo(JobState.DELAYED);
        assertThat(pending.runAt()).as("due a full delay after the last request").isAfterOrEqualTo(beforeSecond.plus(delay));
        JobLog.Call call = awaitCalls(log, first.jobId(), 1).get(0);
        assertThat(call.data()).isEqualTo("second");
        assertThat(call.startedAt()).as("never at the first request's due time").isAfterOrEqualTo(beforeSecond.plus(delay));
    }

    @Test
    void requestAfterTheDebouncedJobStartedCreatesANewJob() {
        Deduplication rule = Deduplication.debounce("conversation:3");
        EnqueueResult running = queue.enqueue(flush("hold-1", rule, Duration.ofMillis(300)));
        try {
            awaitCalls(log, running.jobId(), 1);
            assertThat(queue.getJob(running.jobId()).orElseThrow().state()).isEqualTo(JobState.ACTIVE);

            EnqueueResult next = queue.enqueue(flush("next", rule, Duration.ofMillis(300)));
            EnqueueResult joined = queue.enqueue(flush("next-2", rule, Duration.ofMillis(300)));

            assertThat(next.created()).as("the running job is not replaced").isTrue();
            assertThat(next.jobId()).isNotEqualTo(running.jobId());
            assertThat(next.state()).isEqualTo(JobState.DELAYED);
            assertThat(joined.jobId()).as("later requests join the new job").isEqualTo(next.jobId());
            assertThat(joined.created()).isFalse();
            gate.release(running.jobId());
            assertThat(awaitCalls(log, next.jobId(), 1).get(0).data()).isEqualTo("next-2");
            awaitState(queue, running.jobId(), JobState.COMPLETED);
            assertThat(log.callsFor(running.jobId())).extracting(JobLog.Call::data).containsExactly("hold-1");
        } finally {
            gate.release(running.jobId());
        }
    }

    private static EnqueueRequest<String> sync(String payload, String tenant, Deduplication rule) {
        return EnqueueRequest.<String>builder(PLUGIN, "inbound", "sync").payload(payload).tenantId(tenant)
                .deduplication(rule).build();
    }

    private static EnqueueRequest<String> flush(String payload, Deduplication rule, Duration delay) {
        return EnqueueRequest.<String>builder(PLUGIN, "inbound", "flush").payload(payload).tenantId("acme")
                .delay(delay).deduplication(rule).build();
    }
}
