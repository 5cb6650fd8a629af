package io.managedqueue.extension.redis;

import static io.managedqueue.extension.redis.PreparedJobBuilder.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.managedqueue.api.Deduplication;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;

/** enqueue.lua, alone and pipelined: creation, and the deduplications that create nothing. */
abstract class EnqueueContract extends StoreContract {

    @Test
    void aJobWithoutDelayIsCreatedWaiting() {
        PreparedJob job = aJob().build();

        EnqueueResult result = store.enqueue(job);

        assertThat(result.created()).isTrue();
        assertThat(result.state()).isEqualTo(JobState.WAITING);
        assertThat(store.state(job.ref())).contains(JobState.WAITING);
    }

    @Test
    void aJobWithADelayIsCreatedDelayed() {
        PreparedJob job = aJob().delayed(Duration.ofMinutes(5)).build();

        EnqueueResult result = store.enqueue(job);

        assertThat(result.state()).isEqualTo(JobState.DELAYED);
        JobSnapshot snapshot = store.read(job.ref());
        assertThat(snapshot.state()).isEqualTo(JobState.DELAYED);
        assertThat(snapshot.runAt()).isAfter(snapshot.enqueuedAt().plus(Duration.ofMinutes(4)));
    }

    @Test
    void aBatchCreatesEveryJobInOnePipelinedCall() {
        List<PreparedJob> jobs = List.of(aJob().build(), aJob().delayed(Duration.ofMinutes(1)).build(), aJob().build());

        List<EnqueueResult> results = store.observe("enqueue", () -> store.store().enqueueAll(jobs));

        assertThat(results).extracting(EnqueueResult::state)
                .containsExactly(JobState.WAITING, JobState.DELAYED, JobState.WAITING);
        assertThat(jobs).allSatisfy(job -> assertThat(store.state(job.ref())).isPresent());
    }

    @Test
    void aSecondJobWithTheIdOfAnActiveJobJoinsItWithoutChangingIt() {
        PreparedJob first = aJob().withId("same").build();
        ClaimedJob running = store.active(first);

        EnqueueResult again = store.enqueue(aJob().withId("same").build());

        assertThat(again.created()).isFalse();
        assertThat(again.state()).isEqualTo(JobState.ACTIVE);
        assertThat(store.read(first.ref()).attemptsMade()).isEqualTo(running.attemptsMade());
    }

    @Test
    void aThrottledRequestWithinTheWindowReturnsTheFirstJobUnchanged() {
        Deduplication throttle = Deduplication.throttle("burst", Duration.ofMinutes(1));
        PreparedJob first = aJob().deduplicatedBy(throttle).build();
        store.active(first);

        PreparedJob second = aJob().deduplicatedBy(throttle).build();
        EnqueueResult result = store.enqueue(second);

        assertThat(result.created()).isFalse();
        assertThat(result.jobId()).isEqualTo(first.ref().publicId());
        assertThat(result.state()).isEqualTo(JobState.ACTIVE);
        assertThat(store.state(second.ref())).as("the throttled request's own job").isEmpty();
    }

    @Test
    void aDebouncedRequestRestartsTheDelayOfThePendingJobWhichStaysDelayed() {
        Deduplication debounce = Deduplication.debounce("quiet");
        PreparedJob first = aJob().delayed(Duration.ofSeconds(1)).deduplicatedBy(debounce).build();
        store.enqueue(first);
        JobSnapshot before = store.read(first.ref());

        PreparedJob second = aJob().delayed(Duration.ofMinutes(10)).deduplicatedBy(debounce).priority(5).build();
        EnqueueResult result = store.enqueue(second);

        assertThat(result.created()).isFalse();
        assertThat(result.jobId()).isEqualTo(first.ref().publicId());
        JobSnapshot after = store.read(first.ref());
        assertThat(after.state()).isEqualTo(JobState.DELAYED);
        assertThat(after.runAt()).isAfter(before.runAt().plus(Duration.ofMinutes(9)));
        assertThat(store.state(second.ref())).isEmpty();
    }

    @Test
    void aDebouncedRequestAfterThePendingJobStartedCreatesANewJob() {
        Deduplication debounce = Deduplication.debounce("quiet");
        PreparedJob first = aJob().delayed(Duration.ofMillis(1)).deduplicatedBy(debounce).build();
        store.enqueue(first);
        ClaimedJob started = store.claimWhenDue(first);

        PreparedJob second = aJob().delayed(Duration.ofMinutes(1)).deduplicatedBy(debounce).build();
        EnqueueResult result = store.enqueue(second);

        assertThat(result.created()).isTrue();
        assertThat(result.jobId()).isEqualTo(second.ref().publicId());
        assertThat(store.state(started.ref())).contains(JobState.ACTIVE);
    }
}
